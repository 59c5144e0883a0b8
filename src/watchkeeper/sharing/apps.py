from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "watchkeeper.sharing"
    label = "sharing"
    verbose_name = "Partner data and information sharing"

    # Extension points (core/extensions.py). The pages keep the addresses they had inside intel.
    api_routers = ("watchkeeper.sharing.api",)
    urls = (("intel/partner-data/", "watchkeeper.sharing.urls"),)
