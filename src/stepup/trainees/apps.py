from django.apps import AppConfig


class TraineesConfig(AppConfig):
    name = "stepup.trainees"
    label = "trainees"
