from django.contrib import admin

from watchkeeper.core.admin_audit import SHARED, AuditedAdmin
from watchkeeper.planning.models import Roster, RosterRule, ServiceTarget


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
        "window_start_hour",
        "window_end_hour",
        "effective_from",
    )


@admin.register(Roster)
class RosterAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("name", "team", "week_start", "staff", "status")
