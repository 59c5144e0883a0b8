from django.apps import AppConfig


class CctvConfig(AppConfig):
    name = "watchkeeper.cctv"
    label = "cctv"
    verbose_name = "CCTV control room"

    # Extension points (core/extensions.py).
    api_routers = (
        "watchkeeper.cctv.cameras.api",
        "watchkeeper.cctv.log.api",
        "watchkeeper.cctv.requests.api",
        "watchkeeper.cctv.evidence.api",
        "watchkeeper.cctv.deployments.api",
        "watchkeeper.cctv.visits.api",
    )
    urls = (("cctv/", "watchkeeper.cctv.urls"),)
    home_panels = (
        "watchkeeper.cctv.panels.faults_panel",
        "watchkeeper.cctv.panels.requests_panel",
        "watchkeeper.cctv.panels.evidence_at_risk_panel",
    )
    demo_loaders = ("watchkeeper.cctv.demo.load",)
    nav_links = (
        ("CCTV", "cctv:cameras", "cctv.camera.view"),
        ("CCTV dashboard", "cctv:dashboard", "cctv.dashboard.view"),
    )
    grants = ("watchkeeper.cctv.grants.GRANTS",)

    def ready(self):
        from watchkeeper.cctv import admin, reminders  # noqa: F401  (admin pages, outbox handlers)
