"""Admin for reference data. The audit trail is shown read-only: nobody edits or deletes entries."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from watchkeeper.core.models import (
    Agency,
    ApiToken,
    AuditEntry,
    District,
    Partnership,
    Place,
    RoadClosure,
    RoadNetworkVersion,
    RoadSpeed,
    User,
    Ward,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Watchkeeper", {"fields": ("agency", "role", "locked_until", "totp_enabled")}),
    )
    list_display = ("username", "first_name", "last_name", "agency", "role", "is_active")
    list_filter = ("role", "agency", "is_active")


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "partnership")


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "district", "population")
    exclude = ("boundary",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "district")
    list_filter = ("kind",)


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "ward", "postcode")
    search_fields = ("name", "postcode")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "expires_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "user", "created_at", "last_used_at")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "at", "actor_label", "kind", "object_type", "object_id", "summary")
    list_filter = ("kind",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoadSpeed)
class RoadSpeedAdmin(admin.ModelAdmin):
    """Speeds by OSM highway class, used by the next `watchkeeper import_roads`."""

    list_display = ("highway", "kph", "note")
    list_editable = ("kph",)


@admin.register(RoadNetworkVersion)
class RoadNetworkVersionAdmin(admin.ModelAdmin):
    list_display = ("source_name", "name", "junctions", "links", "built_at", "built_by", "active")
    readonly_fields = [f.name for f in RoadNetworkVersion._meta.fields]

    def has_add_permission(self, request):
        return False  # versions come from `watchkeeper import_roads`


@admin.register(RoadClosure)
class RoadClosureAdmin(admin.ModelAdmin):
    list_display = ("reason", "way_id", "speed_factor", "starts_at", "ends_at", "created_by")

    def save_model(self, request, obj, form, change):
        from watchkeeper.core import roads
        from watchkeeper.core.web import actor_of

        if change:
            super().save_model(request, obj, form, change)
            return
        saved = roads.add_closure(
            actor_of(request),
            obj.reason,
            way_id=obj.way_id,
            area=obj.area,
            speed_factor=obj.speed_factor,
            starts_at=obj.starts_at,
            ends_at=obj.ends_at,
        )
        obj.pk = saved.pk
