from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "stepup.funding"
    label = "funding"

    def ready(self) -> None:
        # Starts a repayment when the trainee record says a trainee has left.
        from stepup.funding import signals  # noqa: F401
