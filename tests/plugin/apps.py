from django.apps import AppConfig


class PluginConfig(AppConfig):
    name = "tests.plugin"
    label = "plugin"

    api_routers = ("tests.plugin.api",)
    urls = (("plugin/", "tests.plugin.urls"),)
    home_panels = ("tests.plugin.hooks.panel",)
    demo_loaders = ("tests.plugin.hooks.load_demo",)
    referral_hooks = ("tests.plugin.hooks.on_referral",)
    nav_links = (("Plugged in", "plugin:home", "plugin.ping"),)
    grants = ("tests.plugin.hooks.GRANTS",)
