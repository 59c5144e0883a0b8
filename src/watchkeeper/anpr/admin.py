"""Admin for ANPR sites, devices and rule data; partnership-scoped and audited."""

from django.contrib import admin

from watchkeeper.anpr.models import AnprRules, Device, MappingProfile, Section, Site
from watchkeeper.core.admin_audit import SHARED, AuditedAdmin


@admin.register(Site)
class SiteAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["code", "name", "road", "speed_limit_mph", "enforces"]


@admin.register(Device)
class DeviceAdmin(AuditedAdmin):
    partnership_path = "site__partnership"
    list_display = ["serial", "site", "kind"]


@admin.register(AnprRules)
class AnprRulesAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ["effective_from", "threshold_percent", "threshold_plus_mph", "window_days", "purge_days"]


@admin.register(Section)
class SectionAdmin(AuditedAdmin):
    """Paired cameras; the model's clean() refuses an exit equal to the entry, sites of another
    partnership and impossible distances."""

    partnership_path = "partnership"
    list_display = ["code", "entry", "exit", "distance_m", "max_minutes"]


@admin.register(MappingProfile)
class MappingProfileAdmin(AuditedAdmin):
    """Suppliers' CSV layouts, shared by every partnership; validated by the model's clean()
    (every required field named, no column twice, no comma or quote in a name)."""

    partnership_path = SHARED
    list_display = ["name", "plate_column", "time_column", "site_column", "speed_column", "average_column"]
