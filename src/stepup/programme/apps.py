from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "stepup.programme"
    label = "programme"
