from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "watchkeeper.outbox"
    label = "outbox"
    verbose_name = "Outbox"

    def ready(self):
        from watchkeeper.outbox import admin, email  # noqa: F401  (admin pages; the email handler)
