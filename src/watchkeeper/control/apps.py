from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "watchkeeper.control"
    label = "control"
    verbose_name = "Control room"

    # Extension points (core/extensions.py).
    api_routers = ("watchkeeper.control.coverage.api", "watchkeeper.control.api", "watchkeeper.control.repeats.api")
    urls = (
        ("control/coverage/", "watchkeeper.control.coverage.urls"),
        ("control/repeats/", "watchkeeper.control.repeats.urls"),
        ("control/", "watchkeeper.control.urls"),
    )
    home_panels = (
        "watchkeeper.control.panels.open_incidents_panel",
        "watchkeeper.control.panels.reviews_panel",
        "watchkeeper.control.panels.my_unit_panel",
    )
    demo_loaders = (
        "watchkeeper.control.demo.load",
        "watchkeeper.control.demo_history.load",
        "watchkeeper.control.gazetteer.demo.load",
    )
    demo_live = ("watchkeeper.control.demo_live.top_up",)

    def ready(self):
        from watchkeeper.control import admin, referrals  # noqa: F401  (admin pages, outbox handler)
