from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "watchkeeper.core"
    label = "core"
    verbose_name = "Partnerships, people and access"

    # Extension points (core/extensions.py).
    api_routers = ("watchkeeper.core.api",)
    home_panels = ("watchkeeper.core.home_panels.people_panel", "watchkeeper.core.home_panels.audit_panel")

    def ready(self):
        from watchkeeper.core import sessions  # noqa: F401  (closes live screens on sign-out and deactivation)
        from watchkeeper.core.extensions import merge_grants
        from watchkeeper.core.roles import GRANTS

        merge_grants(GRANTS)

        from django.db.models.signals import post_delete, post_save

        from watchkeeper.core.geo import forget_wards
        from watchkeeper.core.models import Ward

        post_save.connect(forget_wards, sender=Ward, dispatch_uid="forget-wards-on-save")
        post_delete.connect(forget_wards, sender=Ward, dispatch_uid="forget-wards-on-delete")
