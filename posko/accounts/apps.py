from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "posko.accounts"
    label = "accounts"
