"""Partner data pages for analysts: upload a partner file under a sharing agreement with a saved
column mapping; see agreements (in force / review due / expired), mappings, datasets and past imports;
create an agreement or a mapping. Changes go through sharing.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render

from watchkeeper.core.access import allowed
from watchkeeper.core.web import actor_of, page
from watchkeeper.intel.crime.scope import partnerships_of
from watchkeeper.sharing import services
from watchkeeper.sharing.forms import AgreementForm, MappingForm, PartnerUploadForm
from watchkeeper.sharing.models import (
    ColumnMapping,
    PartnerDataset,
    PartnerImportRun,
    PartnerRecord,
    SharingAgreement,
)


def _visible(request):
    partnerships = partnerships_of(request.user)
    agreements = SharingAgreement.objects.visible_to(request.user).select_related("partnership", "partner_agency")
    mappings = ColumnMapping.objects.visible_to(request.user).select_related("partnership")
    return partnerships, agreements, mappings


def _common(request) -> dict:
    return {"can_manage": allowed(request.user, "intel.manage"), "can_import": True}


@page("intel.import")
def partner_data_page(request):
    partnerships, agreements, mappings = _visible(request)
    form = PartnerUploadForm(partnerships=partnerships, agreements=agreements, mappings=mappings)
    error, result = None, None
    if request.method == "POST":
        form = PartnerUploadForm(
            request.POST, request.FILES, partnerships=partnerships, agreements=agreements, mappings=mappings
        )
        if form.is_valid():
            d = form.cleaned_data
            partnership = partnerships.get(slug=d["partnership"])
            agreement = agreements.filter(pk=d["agreement"], partnership=partnership).first()
            mapping = mappings.filter(pk=d["mapping"], partnership=partnership).first()
            if agreement is None or mapping is None:
                error = "Nothing imported. Choose an agreement and a mapping of that partnership."
            else:
                try:
                    run, parsed = services.import_upload(
                        actor_of(request), partnership, agreement, mapping, d["file"], d["dataset"]
                    )
                    result = {"run": run, "bad": parsed.bad[:50], "more_bad": max(len(parsed.bad) - 50, 0)}
                except services.PartnerImportError as exc:
                    error = f"Nothing imported. {exc}"
    runs = PartnerImportRun.objects.visible_to(request.user).select_related(
        "partnership", "dataset", "agreement", "mapping"
    )[:30]
    datasets = list(PartnerDataset.objects.visible_to(request.user).select_related("agreement"))
    held = dict(PartnerRecord.objects.visible_to(request.user).values_list("dataset").annotate(n=Count("id")))
    for dataset in datasets:
        dataset.record_count = held.get(dataset.pk, 0)
    status = 400 if error or (request.method == "POST" and not form.is_valid()) else 200
    context = {
        "form": form,
        "error": error,
        "result": result,
        "runs": runs,
        "datasets": datasets,
        "agreements": agreements,
        "mappings": mappings,
        **_common(request),
    }
    return render(request, "sharing/partner_data.html", context, status=status)


def _create_page(request, form_class, create, title: str, saved):
    """A form page that creates one partnership-scoped record through `create` (a service)."""
    partnerships = partnerships_of(request.user)
    form = form_class(partnerships=partnerships)
    error = None
    if request.method == "POST":
        form = form_class(request.POST, partnerships=partnerships)
        if form.is_valid():
            d = dict(form.cleaned_data)
            partnership = partnerships.get(slug=d.pop("partnership"))
            try:
                made = create(actor_of(request), partnership, **d)
                messages.success(request, saved(made))
                return redirect("sharing:partner_data")
            except (ValidationError, services.PartnerImportError) as exc:
                error = "; ".join(getattr(exc, "messages", [str(exc)]))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "sharing/partner_form.html",
        {"form": form, "error": error, "title": title, **_common(request)},
        status=status,
    )


@page("intel.import")
def agreement_new(request):
    return _create_page(
        request,
        AgreementForm,
        services.create_agreement,
        "New sharing agreement",
        lambda agreement: f"Sharing agreement {agreement.reference} saved.",
    )


@page("intel.import")
def mapping_new(request):
    return _create_page(
        request,
        MappingForm,
        services.create_mapping,
        "New column mapping",
        lambda mapping: f"Column mapping {mapping.name} saved.",
    )


__all__ = ["agreement_new", "mapping_new", "partner_data_page"]
