from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "watchkeeper.core"
    label = "core"
    verbose_name = "Partnerships, people and access"

    def ready(self):
        from watchkeeper.core import sessions  # noqa: F401  (closes live screens on sign-out and deactivation)
