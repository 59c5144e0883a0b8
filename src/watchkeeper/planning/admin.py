from django.contrib import admin

from watchkeeper.core.admin_audit import SHARED, AuditedAdmin
from watchkeeper.planning.models import CallImportRun, PatrolTarget, Roster, RosterRule, ServiceTarget


@admin.register(ServiceTarget)
class ServiceTargetAdmin(AuditedAdmin):
    partnership_path = SHARED  # rule data every partnership uses
    list_display = ("queue", "service_level", "answer_seconds", "patience_seconds", "effective_from")


@admin.register(RosterRule)
class RosterRuleAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = (
        "team",
        "shift_hours",
        "min_rest_hours",
        "max_average_week_hours",
        "reference_weeks",
        "window_start_hour",
        "window_end_hour",
        "effective_from",
    )


@admin.register(Roster)
class RosterAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("name", "team", "week_start", "staff", "status")


@admin.register(PatrolTarget)
class PatrolTargetAdmin(AuditedAdmin):
    partnership_path = SHARED
    list_display = ("share", "travel_seconds", "max_workload", "effective_from")


@admin.register(CallImportRun)
class CallImportRunAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("file_name", "started_at", "actor_label", "rows_new")
    readonly_fields = [f.name for f in CallImportRun._meta.fields]
