from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "stepup.selection"
    label = "selection"
