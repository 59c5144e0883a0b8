"""Admin for control-room reference data (grades, categories, closing codes, channels, thresholds,
ward profiles) and units. Incidents and their timeline change only through the services."""

from django.contrib import admin

from watchkeeper.control.models import (
    Channel,
    ClosingCode,
    ControlSettings,
    Grade,
    GradeSet,
    IncidentCategory,
    Unit,
    WardProfile,
)
from watchkeeper.core.admin_audit import SHARED, AuditedAdmin, AuditedInlineMixin


class GradeInline(AuditedInlineMixin, admin.TabularInline):
    model = Grade
    extra = 0


@admin.register(GradeSet)
class GradeSetAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ("name", "code", "active")
    inlines = [GradeInline]


@admin.register(IncidentCategory)
class IncidentCategoryAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = (
        "label",
        "code",
        "group",
        "default_grade",
        "required_skills",
        "preferred_skills",
        "required_kinds",
        "preferred_kinds",
        "active",
    )
    list_filter = ("group", "supervision", "active")
    search_fields = ("label", "code")


@admin.register(ClosingCode)
class ClosingCodeAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ("label", "code", "active")


@admin.register(Channel)
class ChannelAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ("label", "code", "rank")


@admin.register(ControlSettings)
class ControlSettingsAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = (
        "__str__",
        "misuse_threshold",
        "duplicate_radius_m",
        "duplicate_window_minutes",
        "walking_kph",
        "preference_window_seconds",
    )


@admin.register(WardProfile)
class WardProfileAdmin(AuditedAdmin):
    partnership_path = "ward__district__partnership"
    list_display = ("ward", "rural")


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("call_sign", "kind", "agency", "status", "home_ward", "officer")
    list_filter = ("kind", "status")
    readonly_fields = ("status", "lat", "lon", "position_at")  # status changes go through the services
