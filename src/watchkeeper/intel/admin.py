"""Admin for intelligence reference data; each page is partnership-scoped and audited (AuditedAdmin)."""

from django.contrib import admin

from watchkeeper.core.admin_audit import AuditedAdmin
from watchkeeper.intel.models import Baseline, Crime, ImportRun, PatrolTasking, SurveyResponse, Target


@admin.register(Crime)
class CrimeAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["key", "month", "category", "location", "district", "ward", "no_location", "outside_area"]
    list_filter = [("partnership", admin.RelatedOnlyFieldListFilter), "category", "no_location", "outside_area"]
    search_fields = ["crime_id", "location", "lsoa_name"]
    raw_id_fields = ["ward", "district", "import_run"]


@admin.register(ImportRun)
class ImportRunAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["file_name", "started_at", "actor_label", "rows_ok", "rows_bad", "rows_flagged", "rows_new"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]


@admin.register(Baseline)
class BaselineAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["name", "partnership", "start_month", "end_month"]


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["category", "reduction_percent", "baseline", "period_start", "period_end"]


@admin.register(PatrolTasking)
class PatrolTaskingAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["name", "partnership", "method", "period_start", "period_end"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(AuditedAdmin):
    partnership_path = "partnership"
    list_display = ["date", "ward_name", "question", "answer", "synthetic"]
    list_filter = ["synthetic", "question"]
