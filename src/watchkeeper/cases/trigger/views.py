"""Community Trigger pages: the application (the applicant found by a people search, eligibility
shown before it is made), and on the review's case page the victim told and invited, the threshold
decision, review, recommendations and appeal: the API's schemas and the same services."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone

from watchkeeper.cases.core.views import case_write, form_write
from watchkeeper.cases.trigger import services as trigger_services
from watchkeeper.cases.trigger.api import ApplyIn, ContactIn, StepIn
from watchkeeper.cases.trigger.models import Review
from watchkeeper.core.errors import Invalid
from watchkeeper.core.input import parse
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.services import search_people, searched_people
from watchkeeper.core.web import actor_of, page


@page("trigger.manage")
def apply(request):
    partnerships = request.user.agency.partnerships.all() if request.user.agency_id else []
    context = {"partnerships": partnerships, "today": timezone.localdate(), "people_found": []}
    query = request.GET.get("person_q", "").strip()[:100]
    if query:
        found = list(search_people(request.user, query)[:20])
        searched_people(actor_of(request), f"case review application: {len(found)} people for {query!r}")
        today = timezone.localdate()
        context.update(
            person_q=query,
            people_found=[(p, trigger_services.eligibility(request.user, p.pk, today)) for p in found],
        )
    if request.method == "POST":

        def do():
            body = parse(ApplyIn, request.POST)
            partnership = member_partnership(request.user, body.partnership)
            return trigger_services.apply(actor_of(request), partnership, body.applicant, body.applied_on, body.summary)

        return form_write(
            request,
            "trigger.manage",
            do,
            "cases/review_apply.html",
            context,
            lambda review: (
                f"Application recorded: {review.qualifying} qualifying complaints.",
                redirect("cases:case", pk=review.case_id),
            ),
        )
    return render(request, "cases/review_apply.html", context)


def _review(case) -> Review:
    """The case's review (the case was found through the visibility rule, so its review is too)."""
    review = Review.objects.filter(case=case).first()
    if review is None:
        raise Invalid("This case has no case review application.")
    return review


@page("trigger.manage")
def contact(request, pk: int):
    def do(actor, case, post):
        body = parse(ContactIn, post)
        trigger_services.record_contact(actor, _review(case), body.what, body.on, body.accepted)
        return "Victim told of the right." if body.what == "told" else "Invitation recorded."

    return case_write(request, pk, "review", "trigger.manage", do)


@page("trigger.manage")
def step(request, pk: int):
    def do(actor, case, post):
        body = parse(StepIn, post)
        review = trigger_services.advance(actor, _review(case), body.step, body.on, body.text, body.met)
        return f"Case review moved to {review.step}."

    return case_write(request, pk, "review", "trigger.manage", do)
