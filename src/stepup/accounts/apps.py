from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stepup.accounts"
    label = "accounts"
