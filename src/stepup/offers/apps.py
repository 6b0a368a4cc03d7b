from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "stepup.offers"
    label = "offers"
