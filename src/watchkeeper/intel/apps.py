from django.apps import AppConfig


class IntelConfig(AppConfig):
    name = "watchkeeper.intel"
    label = "intel"
    verbose_name = "Intelligence and performance"
