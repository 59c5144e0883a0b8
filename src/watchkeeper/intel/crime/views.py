"""The crime import page. Views never write models: changes go through crime.services."""

from __future__ import annotations

from django.shortcuts import render

from watchkeeper.core.web import actor_of, page
from watchkeeper.intel.crime import parsing, services
from watchkeeper.intel.crime.forms import UploadForm
from watchkeeper.intel.crime.models import ImportRun
from watchkeeper.intel.crime.scope import partnerships_of


@page("intel.import")
def import_page(request):
    partnerships = partnerships_of(request.user)
    form = UploadForm(partnerships=partnerships)
    error, result = None, None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, partnerships=partnerships)
        if form.is_valid():
            partnership = partnerships.get(slug=form.cleaned_data["partnership"])
            try:
                run, parsed = services.import_upload(
                    actor_of(request), partnership, form.cleaned_data["street"], form.cleaned_data["outcomes"]
                )
                result = {"run": run, "bad": parsed.bad[:50], "notes": run.notes}
            except parsing.LayoutError as exc:
                error = f"Nothing imported. {exc}"
    runs = (
        ImportRun.objects.visible_to(request.user)
        .filter(partnership__in=partnerships)
        .select_related("partnership")[:20]
    )
    status = 400 if error or (request.method == "POST" and not form.is_valid()) else 200
    return render(
        request, "intel/import.html", {"form": form, "error": error, "result": result, "runs": runs}, status=status
    )


__all__ = ["import_page"]
