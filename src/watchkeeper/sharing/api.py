"""Partner data API: the imported partner records you may see, filtered by partnership, dataset,
category, ward and date range, and counts by month and category for trends. Visibility is
PartnerRecord.visible_to (partnership, and a district-bound partner's own district only)."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from watchkeeper.api import listing, operation
from watchkeeper.core.input import MAX_ID, PlanDate, StrictSchema
from watchkeeper.sharing.models import PartnerDataset, PartnerRecord

router = Router(tags=["intel"])
ID = {"ge": 1, "le": MAX_ID}


class PartnerRecordQuery(StrictSchema):
    partnership: str | None = Field(None, max_length=50)
    dataset: int | None = Field(None, **ID)
    category: str | None = Field(None, max_length=80)
    ward: int | None = Field(None, **ID)
    start: PlanDate | None = Field(None, description="First day, YYYY-MM-DD")
    end: PlanDate | None = Field(None, description="Last day (inclusive), YYYY-MM-DD")


class PartnerRecordRow(Schema):
    id: int
    dataset_id: int
    dataset: str = Field(..., alias="dataset.name")
    agreement: str = Field(..., alias="agreement.reference")
    external_id: str
    occurred_at: datetime.datetime
    category: str
    source_category: str
    description: str
    location: str
    lat: float | None
    lon: float | None
    ward_id: int | None
    district_id: int | None


class PartnerDatasetRow(Schema):
    id: int
    name: str
    agreement: str = Field(..., alias="agreement.reference")
    partnership: str = Field(..., alias="partnership.slug")


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def records_for(user, filters: PartnerRecordQuery):
    qs = PartnerRecord.objects.visible_to(user)
    if filters.start and filters.end and filters.end < filters.start:
        raise HttpError(400, "end must be on or after start.")
    if filters.partnership:
        qs = qs.filter(partnership__slug=filters.partnership)
    if filters.dataset:
        qs = qs.filter(dataset_id=filters.dataset)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.ward:
        qs = qs.filter(ward_id=filters.ward)
    if filters.start:
        qs = qs.filter(occurred_at__gte=_day_start(filters.start))
    if filters.end:
        qs = qs.filter(occurred_at__lt=_day_start(filters.end + datetime.timedelta(days=1)))
    return qs


@listing(
    router,
    "/intel/partner-records",
    PartnerRecordRow,
    "intel.view",
    "Partner incidents (fly-tipping, deliberate fires, ASB...) you may see",
)
def list_partner_records(request, filters: Query[PartnerRecordQuery]):
    return records_for(request.auth, filters).select_related("dataset", "agreement").order_by("occurred_at", "id")


@router.get("/intel/partner-records/counts", summary="Partner incident counts by month and category")
@operation("intel.view")
def partner_record_counts(request, filters: Query[PartnerRecordQuery]):
    qs = records_for(request.auth, filters)
    rows = (
        qs.annotate(month=TruncMonth("occurred_at"))
        .values("month", "category")
        .annotate(n=Count("id"))
        .order_by("month", "category")
    )
    by_month = [{"month": f"{r['month']:%Y-%m}", "category": r["category"], "count": r["n"]} for r in rows]
    months: dict[str, int] = {}
    categories: dict[str, int] = {}
    for r in by_month:
        months[r["month"]] = months.get(r["month"], 0) + r["count"]
        categories[r["category"]] = categories.get(r["category"], 0) + r["count"]
    return {"total": sum(months.values()), "months": months, "categories": categories, "by_month": by_month}


@listing(router, "/intel/partner-datasets", PartnerDatasetRow, "intel.view", "Partner datasets you may see")
def list_partner_datasets(request):
    return PartnerDataset.objects.visible_to(request.auth).select_related("agreement", "partnership")


__all__ = ["router"]
