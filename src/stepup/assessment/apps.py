from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "stepup.assessment"
    label = "assessment"
