from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "watchkeeper.control"
    label = "control"
    verbose_name = "Control room"

    def ready(self):
        from watchkeeper.control import admin, panels, referrals  # noqa: F401  (admin pages, home panels, outbox)
