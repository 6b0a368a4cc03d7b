from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "stepup.candidates"
    verbose_name = "The candidate's pages"
