from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "stepup.applications"
    label = "applications"
