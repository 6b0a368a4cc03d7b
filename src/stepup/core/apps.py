from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stepup.core"
    label = "core"
    verbose_name = "Core"
