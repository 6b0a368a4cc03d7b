from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "stepup.demo"
    label = "demo"
