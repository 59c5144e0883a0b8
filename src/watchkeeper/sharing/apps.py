from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "watchkeeper.sharing"
    label = "sharing"
    verbose_name = "Partner data and information sharing"

    # Extension points (core/extensions.py). The partner-data pages keep the addresses they had inside intel.
    api_routers = ("watchkeeper.sharing.api", "watchkeeper.sharing.disclosures.api")
    urls = (
        ("intel/partner-data/", "watchkeeper.sharing.urls"),
        ("sharing/", "watchkeeper.sharing.disclosures.urls"),
    )
    nav_links = (("Disclosures", "disclosures:list", "disclosure.view"),)
    grants = ("watchkeeper.sharing.grants.GRANTS",)
