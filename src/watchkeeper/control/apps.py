from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "watchkeeper.control"
    label = "control"
    verbose_name = "Control room"
