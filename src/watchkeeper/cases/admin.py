"""Admin: the rule data (statutory limits with effective dates) and the PSPO register. Cases,
notes and their parts are not in the admin on purpose: restricted and Channel cases are shown only
through the case pages and API, which apply need-to-know; an administrator is not on a panel."""

from django.contrib import admin

from watchkeeper.cases.asb.models import Pspo
from watchkeeper.cases.rules.models import Rule
from watchkeeper.core.admin_audit import SHARED, AuditedAdmin


@admin.register(Rule)
class RuleAdmin(AuditedAdmin):
    partnership_path = SHARED  # the law is the same for every partnership
    list_display = ("name", "value", "unit", "effective_from", "source")
    list_filter = ("name",)
    search_fields = ("name", "source")


@admin.register(Pspo)
class PspoAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ("name", "made_on", "expires_on")
