from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "stepup.partnerships"
    label = "partnerships"

    def ready(self) -> None:
        # Adds the partnerships' check to the cohort's "ready to recruit" list.
        # And the bids and changes waiting for the national team, to the home page.
        from stepup.partnerships import (
            readiness,  # noqa: F401
            work,  # noqa: F401
        )
