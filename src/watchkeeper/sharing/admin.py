"""Admin for the sharing app: the disclosure record, read-only (append-only; corrections are new
entries recorded through sharing.disclosures.record)."""

from django.contrib import admin

from watchkeeper.core.admin_audit import ReadOnlyAdmin
from watchkeeper.sharing.models import Disclosure


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    partnership_path = "partnership"
    list_display = ["pk", "disclosed_at", "source_type", "source_id", "recipient", "method", "agreement", "actor_label"]
    list_filter = ["method", "lawful_basis"]
    date_hierarchy = "disclosed_at"
