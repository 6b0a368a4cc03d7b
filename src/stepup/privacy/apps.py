from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "stepup.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        # Adds the data requests waiting for a decision to the national admin's home page.
        from stepup.privacy import work  # noqa: F401
