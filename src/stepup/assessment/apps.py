from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "stepup.assessment"
    label = "assessment"

    def ready(self) -> None:
        # Adds this stage's work to the home page people land on after signing in.
        from stepup.assessment import work  # noqa: F401
