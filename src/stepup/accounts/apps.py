from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stepup.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Adds this stage's work to the home page people land on after signing in.
        from stepup.accounts import work  # noqa: F401
