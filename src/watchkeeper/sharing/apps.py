from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "watchkeeper.sharing"
    label = "sharing"
    verbose_name = "Partner data and information sharing"
