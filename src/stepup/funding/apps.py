from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "stepup.funding"
    label = "funding"
