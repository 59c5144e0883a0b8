"""Admin pages for the CCTV module (partnership-scoped and audited through AuditedAdmin). Sealed
evidence and the continuity log are read-only here too: the models refuse changes anyway."""

from django.contrib import admin

from watchkeeper.cctv import models as m
from watchkeeper.core.admin_audit import SHARED, AuditedAdmin, ReadOnlyAdmin


@admin.register(m.Limits)
class LimitsAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = (
        "effective_from",
        "retention_days",
        "sar_months",
        "sar_extension_months",
        "deployment_months",
        "fault_response_hours",
    )


@admin.register(m.BankHoliday)
class BankHolidayAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ("day", "name")


@admin.register(m.Camera)
class CameraAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("code", "name", "kind", "district", "active")
    raw_id_fields = ("district",)
    list_filter = ("kind", "active")


@admin.register(m.ViewingRequest)
class ViewingRequestAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("reference", "kind", "status", "received_on")
    # Ids, not choice lists: a list of every agreement or camera would show other partnerships' names.
    raw_id_fields = ("district", "recipient_agency", "agreement", "decided_by", "created_by", "cameras")


@admin.register(m.Hold)
class HoldAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("camera", "reason", "expires_on")
    raw_id_fields = ("district", "camera", "request", "placed_by")


@admin.register(m.Master)
class MasterAdmin(ReadOnlyAdmin):
    partnership_path = "partnership"
    list_display = ("exhibit", "sha256", "seal_number", "sealed_at")


@admin.register(m.ContinuityEntry)
class ContinuityAdmin(ReadOnlyAdmin):
    partnership_path = "master__partnership"
    list_display = ("master", "seq", "at", "from_party", "to_party")
