"""People search and the person record (every view of personal data is audited)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from watchkeeper.core import services
from watchkeeper.core.access import allowed
from watchkeeper.core.models import Person
from watchkeeper.core.web import actor_of, page


@page("person.search")
def people(request):
    text = request.GET.get("q", "").strip()[:100]
    qs = services.search_people(request.user, text) if text else Person.objects.none()
    pager = Paginator(qs, 25)
    listing = pager.get_page(request.GET.get("page"))
    if text:
        services.searched_people(actor_of(request), f"searched people for {text!r}: {pager.count} visible results")
    return render(request, "core/people.html", {"q": text, "listing": listing, "count": pager.count})


@page("person.view")
def person(request, pk: int):
    record = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    actor = actor_of(request)
    if not actor.reason and not allowed(request.user, "person.view.routine"):
        return render(request, "core/reason.html", {"record": record.label}, status=403)
    try:
        services.read_person(actor, record)
    except ValidationError as exc:
        return render(request, "core/reason.html", {"record": record.label, "error": exc.messages[0]}, status=400)
    return render(request, "core/person.html", {"person": record})
