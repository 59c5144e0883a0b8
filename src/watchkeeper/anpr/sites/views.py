"""The paired-camera sections page: the sections the user can see, and a form to add or change
one (entry and exit sites, the distance between them, the longest time that is still one trip,
and which speed the exit site enforces)."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect, render

from watchkeeper.anpr.sites.models import Section, Site
from watchkeeper.anpr.sites.sections import FIELDS, save_section
from watchkeeper.core.web import actor_of, page


class SectionForm(forms.ModelForm):
    exit_enforces = forms.ChoiceField(
        label="The exit site enforces", choices=Site.Enforces.choices, initial=Site.Enforces.AVERAGE
    )

    class Meta:
        model = Section
        fields = FIELDS

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = sites
        self.fields["exit"].queryset = sites
        if self.instance.pk:
            self.fields["exit_enforces"].initial = self.instance.exit.enforces

    def _post_clean(self):
        # The model's own rules (same site twice, another partnership, lengths) run in the service,
        # with the partnership set from the entry site; here only the fields' own checks.
        pass


def _form_page(request, form, section, status=200):
    sections = Section.objects.visible_to(request.user).select_related("entry", "exit")
    context = {"form": form, "section": section, "sections": sections}
    return render(request, "anpr/sections.html", context, status=status)


def _save(request, section: Section):
    sites = Site.objects.visible_to(request.user)
    form = SectionForm(request.POST or None, instance=section, sites=sites)
    if request.method != "POST":
        return _form_page(request, form, section)
    if not form.is_valid():
        return _form_page(request, form, section, status=400)
    values = {name: form.cleaned_data[name] for name in FIELDS}
    try:
        save_section(actor_of(request), section, values, form.cleaned_data["exit_enforces"])
    except forms.ValidationError as exc:
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return _form_page(request, form, section, status=400)
    return redirect("anpr:sections")


@page("anpr.manage")
def sections(request):
    return _save(request, Section())


@page("anpr.manage")
def section(request, pk: int):
    return _save(request, get_object_or_404(Section.objects.visible_to(request.user), pk=pk))
