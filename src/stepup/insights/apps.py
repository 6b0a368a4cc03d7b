from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "stepup.insights"
    label = "insights"
