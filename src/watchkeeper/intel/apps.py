from django.apps import AppConfig


class IntelConfig(AppConfig):
    name = "watchkeeper.intel"
    label = "intel"
    verbose_name = "Intelligence and performance"

    # Extension points (core/extensions.py).
    api_routers = (
        "watchkeeper.intel.crime.api",
        "watchkeeper.intel.targets.api",
        "watchkeeper.intel.hotspots.api",
        "watchkeeper.intel.tasking.api",
        "watchkeeper.intel.surveys.api",
    )
    urls = (("intel/", "watchkeeper.intel.urls"),)
    demo_loaders = ("watchkeeper.intel.demo.load",)
