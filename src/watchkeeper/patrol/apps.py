from django.apps import AppConfig


class PatrolConfig(AppConfig):
    name = "watchkeeper.patrol"
    label = "patrol"
    verbose_name = "Patrol service"

    # Extension points (core/extensions.py).
    api_routers = (
        "watchkeeper.patrol.officers.api",
        "watchkeeper.patrol.shifts.api",
        "watchkeeper.patrol.proof.api",
        "watchkeeper.patrol.powers.api",
        "watchkeeper.patrol.reports.api",
    )
    urls = (("patrol/", "watchkeeper.patrol.urls"),)
    home_panels = ("watchkeeper.patrol.panels.tonight_panel", "watchkeeper.patrol.panels.expiry_panel")
    demo_loaders = ("watchkeeper.patrol.demo.load",)
    nav_links = (("Patrol", "patrol:home", "patrol.view"),)
    grants = ("watchkeeper.patrol.grants.GRANTS",)

    def ready(self):
        from watchkeeper.patrol import admin, alerts  # noqa: F401  (admin pages; outbox handlers)
