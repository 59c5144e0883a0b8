"""Admin for ANPR sites, devices and rule data; partnership-scoped and audited."""

from django.contrib import admin

from watchkeeper.anpr.models import AnprRules, Device, Site
from watchkeeper.core.admin_audit import SHARED, AuditedAdmin


@admin.register(Site)
class SiteAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["code", "name", "road", "speed_limit_mph"]


@admin.register(Device)
class DeviceAdmin(AuditedAdmin):
    partnership_path = "site__partnership"
    list_display = ["serial", "site", "kind"]


@admin.register(AnprRules)
class AnprRulesAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ["effective_from", "threshold_percent", "threshold_plus_mph", "window_days", "purge_days"]
