"""Admin for the patrol contract and its rule data; every page partnership-scoped and audited."""

from django.contrib import admin

from watchkeeper.core.admin_audit import SHARED, AuditedAdmin, AuditedInlineMixin
from watchkeeper.patrol.models import (
    Accreditation,
    Complaint,
    Contract,
    Indicator,
    Officer,
    PatrolRules,
    Power,
    Training,
    Vetting,
)


class IndicatorInline(AuditedInlineMixin, admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Contract)
class ContractAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["name", "contractor", "starts_on", "ends_on", "shift_start", "shift_end"]
    inlines = [IndicatorInline]


class VettingInline(AuditedInlineMixin, admin.TabularInline):
    model = Vetting
    extra = 0


class TrainingInline(AuditedInlineMixin, admin.TabularInline):
    model = Training
    extra = 0


@admin.register(Officer)
class OfficerAdmin(AuditedAdmin):
    partnership_path = "partnership"
    inlines = [VettingInline, TrainingInline]
    list_display = ["collar_number", "name", "contract", "sia_expires", "active"]


@admin.register(Accreditation)
class AccreditationAdmin(AuditedAdmin):
    partnership_path = "officer__partnership"
    list_display = ["officer", "power", "granted_on", "expires_on", "withdrawn_on"]


@admin.register(Complaint)
class ComplaintAdmin(AuditedAdmin):
    partnership_path = "contract__partnership"
    list_display = ["contract", "received_on", "summary", "upheld"]


@admin.register(PatrolRules)
class PatrolRulesAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ["effective_from", "dwell_min_minutes", "dwell_max_minutes", "revisit_minutes", "expiry_alert_days"]


@admin.register(Power)
class PowerAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ["code", "label", "issues_notice", "fine_amount"]
