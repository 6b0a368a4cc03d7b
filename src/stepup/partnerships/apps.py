from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "stepup.partnerships"
    label = "partnerships"

    def ready(self) -> None:
        # Adds the partnerships' check to the cohort's "ready to recruit" list.
        from stepup.partnerships import readiness  # noqa: F401
