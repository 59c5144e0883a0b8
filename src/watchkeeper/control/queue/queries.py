"""The incident list: the incidents a user may see, filtered, searched, sorted and paged."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.utils import timezone

from watchkeeper.control.models import Incident
from watchkeeper.control.queue.rules import PAGE_SIZE, SORTS, QueueQuery, period_start, phone_digits
from watchkeeper.core.access import allowed


def incident_page(user, query: QueueQuery):
    """(page of incidents, whether the search was by phone). A phone search needs person.view; the
    caller of this records it as a personal-data read (the phone is the caller's)."""
    qs = Incident.objects.visible_to(user).select_related("category", "grade", "ward", "commander")
    if query.status != "all":
        qs = qs.filter(status=query.status)
    if query.grade == "none":
        qs = qs.filter(grade__isnull=True)
    elif query.grade:
        qs = qs.filter(grade__code=query.grade)
    if query.category:
        qs = qs.filter(category__code=query.category)
    if query.ward:
        qs = qs.filter(ward_id=query.ward)
    start = period_start(query.period, timezone.now())
    if start is not None:
        qs = qs.filter(received_at__gte=start)
    by_phone = False
    if query.q:
        digits = phone_digits(query.q)
        if digits and allowed(user, "person.view"):
            by_phone = True
            qs = qs.filter(caller_phone__contains=digits)
        else:
            qs = qs.filter(Q(reference__istartswith=query.q) | Q(location_text__icontains=query.q))
    order = list(SORTS[query.sort])
    if query.sort == "grade":
        order[0] = F("grade__rank").asc(nulls_first=True)
    page = Paginator(qs.order_by(*order), PAGE_SIZE).get_page(query.page)
    return page, by_phone
