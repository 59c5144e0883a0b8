from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "watchkeeper.planning"
    label = "planning"
    verbose_name = "Demand and staffing planning"

    # Extension points (core/extensions.py).
    api_routers = ("watchkeeper.planning.api",)
    urls = (("planning/", "watchkeeper.planning.urls"),)
    home_panels = ("watchkeeper.planning.panels.week_panel",)
    demo_loaders = ("watchkeeper.planning.demo.load",)
    nav_links = (("Planning", "planning:overview", "planning.view"),)
    grants = ("watchkeeper.planning.grants.GRANTS",)
