"""Admin for accounts and reference data. Every page goes through AuditedAdmin (role permission,
own partnership only, audited before/after values). The audit trail is read-only and shown only to
a role holding `audit.view`; API tokens are read-only with one action, revoke."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction

from watchkeeper.core import audit, changes
from watchkeeper.core.access import allowed
from watchkeeper.core.admin_audit import SHARED, AuditedAdmin, ReadOnlyAdmin
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

# Importing Django's user admin registers its Group page; groups grant nothing here (the role does).
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    partnership_path = "agency__partnerships"
    # No superuser, staff, group or per-model permission fields: what a user may do is their role.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Watchkeeper", {"fields": ("agency", "role", "is_active", "locked_until")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": (*BaseUserAdmin.add_fieldsets[0][1]["fields"], "agency", "role")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "first_name", "last_name", "agency", "role", "is_active", "locked_until")
    list_filter = ("role", ("agency", admin.RelatedOnlyFieldListFilter), "is_active")
    filter_horizontal = ()

    def user_change_password(self, request, id, form_url=""):
        """An administrator setting someone's password: the audit entry is written in the same
        transaction as the new hash, with the hash shown only as a fingerprint."""
        with transaction.atomic():
            before = User.objects.filter(pk=id).first()
            response = super().user_change_password(request, id, form_url)
            after = User.objects.filter(pk=id).first()
            if request.method == "POST" and before and after and before.password != after.password:
                from watchkeeper.core.web import actor_of

                audit.record(
                    actor_of(request),
                    AuditEntry.Kind.UPDATE,
                    after,
                    changes={"password": [changes.hidden(before.password), changes.hidden(after.password)]},
                    summary=f"admin: set the password of {after.username}",
                )
        return response


@admin.register(Partnership)
class PartnershipAdmin(AuditedAdmin):
    partnership_path = "pk"
    list_display = ("name", "kind", "slug")

    def has_add_permission(self, request):
        return False  # a new partnership is set up by the operator, not by one partnership's administrator

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("name", "code", "partnership")


@admin.register(Ward)
class WardAdmin(AuditedAdmin):
    partnership_path = "district__partnership"
    list_display = ("name", "code", "district", "population")
    exclude = ("boundary",)


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    partnership_path = "partnerships"
    list_display = ("name", "kind", "district")
    list_filter = ("kind",)


@admin.register(Place)
class PlaceAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("name", "kind", "ward", "postcode")
    search_fields = ("name", "postcode")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Read-only: a token is issued by `watchkeeper issue_token` (which checks its scopes against
    the role) and can only be revoked here, never un-revoked, extended or widened."""

    partnership_path = "user__agency__partnerships"
    list_display = ("prefix", "user", "name", "scopes", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("revoked_at",)
    exclude = ("digest",)
    actions = ["revoke"]

    def has_revoke_permission(self, request):
        return allowed(request.user, "token.revoke")

    @admin.action(description="Revoke the selected tokens", permissions=["revoke"])
    def revoke(self, request, queryset):
        from watchkeeper.core import services
        from watchkeeper.core.web import actor_of

        with transaction.atomic():
            tokens = list(queryset.filter(revoked_at__isnull=True))
            for token in tokens:
                services.revoke_token(actor_of(request), token)
        self.message_user(request, f"Revoked {len(tokens)} token(s).")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    partnership_path = "actor__agency__partnerships"
    list_display = ("seq", "at", "actor_label", "kind", "object_type", "object_id", "summary")
    list_filter = ("kind",)

    def has_module_permission(self, request):
        return allowed(request.user, "admin.view") and allowed(request.user, "audit.view")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)


@admin.register(RoadSpeed)
class RoadSpeedAdmin(AuditedAdmin):
    """Speeds by OSM highway class, used by the next `watchkeeper import_roads`."""

    partnership_path = SHARED
    list_display = ("highway", "kph", "note")
    list_editable = ("kph",)


@admin.register(RoadNetworkVersion)
class RoadNetworkVersionAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ("source_name", "name", "junctions", "links", "built_at", "built_by", "active")
    readonly_fields = [f.name for f in RoadNetworkVersion._meta.fields]

    def has_add_permission(self, request):
        return False  # versions come from `watchkeeper import_roads`


@admin.register(RoadClosure)
class RoadClosureAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ("reason", "way_id", "speed_factor", "starts_at", "ends_at", "created_by")

    def save_model(self, request, obj, form, change):
        from watchkeeper.core import roads
        from watchkeeper.core.web import actor_of

        if change:
            super().save_model(request, obj, form, change)
            return
        obj._audit_before = {}
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
