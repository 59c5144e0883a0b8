from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "watchkeeper.live"
    label = "live"
    verbose_name = "Live updates"
