from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "stepup.partnerships"
    label = "partnerships"
