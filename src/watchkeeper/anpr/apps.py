from django.apps import AppConfig


class AnprConfig(AppConfig):
    name = "watchkeeper.anpr"
    label = "anpr"
    verbose_name = "ANPR speed enforcement"

    # Extension points (core/extensions.py).
    api_routers = ("watchkeeper.anpr.api",)
    urls = (("anpr/", "watchkeeper.anpr.urls"),)
    home_panels = ("watchkeeper.anpr.views.attendance_panel",)
    demo_loaders = ("watchkeeper.anpr.demo.load",)
    nav_links = (("ANPR speed", "anpr:home", "anpr.view"),)
    grants = ("watchkeeper.anpr.grants.GRANTS",)

    def ready(self):
        from watchkeeper.anpr import admin, letters  # noqa: F401  (admin pages; outbox handler)
