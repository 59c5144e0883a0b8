"""The admin app's configuration, apart from the site so that INSTALLED_APPS can load it before any
model exists."""

from django.contrib.admin.apps import SimpleAdminConfig


class AdminConfig(SimpleAdminConfig):
    """SimpleAdminConfig, because django-leaflet's admin module imports GeoDjango (GDAL): only
    Watchkeeper's own apps have their admin modules loaded, each page an AuditedAdmin."""

    default_site = "watchkeeper.core.admin_site.WatchkeeperAdminSite"

    def ready(self):
        super().ready()
        from importlib import import_module

        from django.apps import apps
        from django.utils.module_loading import module_has_submodule

        for config in apps.get_app_configs():
            if config.name.startswith("watchkeeper.") and module_has_submodule(config.module, "admin"):
                import_module(f"{config.name}.admin")
