from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "stepup.selection"
    label = "selection"

    def ready(self) -> None:
        # Adds this stage's work to the home page people land on after signing in.
        from stepup.selection import work  # noqa: F401
