from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "stepup.privacy"
    label = "privacy"
    verbose_name = "Privacy"
