"""The DVLA keeper import page (police roles only): a file of registered keepers, all or nothing,
its problems listed by line; the audit entry names the plates, never the keepers."""

from __future__ import annotations

from django import forms
from django.shortcuts import render

from watchkeeper.anpr.keepers.services import import_keepers
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import Partnership
from watchkeeper.core.web import actor_of, page

MAX_BYTES = 5_000_000


class KeeperFileForm(forms.Form):
    partnership = forms.ChoiceField()
    file = forms.FileField(label="DVLA keeper file (CSV: plate, name, address)")

    def __init__(self, *args, partnerships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [(p.slug, p.name) for p in partnerships]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file is over {MAX_BYTES // 1_000_000} MB: split it.")
        try:
            return upload.name, upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text (save it as CSV UTF-8).") from None


@page("anpr.keeper")
def keepers_page(request):
    partnerships = Partnership.objects.filter(id__in=request.user.partnership_ids()).order_by("name")
    form = KeeperFileForm(partnerships=partnerships)
    problems, result = [], None
    if request.method == "POST":
        form = KeeperFileForm(request.POST, request.FILES, partnerships=partnerships)
        if form.is_valid():
            partnership = partnerships.get(slug=form.cleaned_data["partnership"])
            name, text = form.cleaned_data["file"]
            try:
                result = import_keepers(actor_of(request), partnership, text, name)
            except Invalid as exc:
                # "Nothing imported. line 3: ...; line 7: ..." shown one problem a line.
                problems = [p.strip() for p in exc.message.removeprefix("Nothing imported.").split(";")]
    status = 400 if request.method == "POST" and (problems or not form.is_valid()) else 200
    context = {"form": form, "problems": problems, "result": result}
    return render(request, "anpr/keepers.html", context, status=status)
