"""Forms for partner data: the upload, a sharing agreement, a column mapping."""

from __future__ import annotations

from django import forms

from watchkeeper.core.models import Agency
from watchkeeper.sharing.models import ColumnMapping, SharingAgreement


class PartnershipChoice(forms.Form):
    partnership = forms.ChoiceField()

    def __init__(self, *args, partnerships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [(p.slug, p.name) for p in partnerships]
        self.order_fields(["partnership"])


class PartnerUploadForm(PartnershipChoice):
    agreement = forms.TypedChoiceField(coerce=int, label="Sharing agreement")
    mapping = forms.TypedChoiceField(coerce=int, label="Column mapping")
    dataset = forms.CharField(
        max_length=200, required=False, help_text="Optional; by default '<agreement reference>: <mapping name>'"
    )
    file = forms.FileField(label="Partner file (CSV UTF-8 or Excel .xlsx)")

    def __init__(self, *args, agreements=(), mappings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].choices = [(a.pk, f"{a.reference} {a.title} ({a.status_label()})") for a in agreements]
        self.fields["mapping"].choices = [(m.pk, m.name) for m in mappings]


class AgreementForm(PartnershipChoice, forms.ModelForm):
    class Meta:
        model = SharingAgreement
        fields = [
            "partner_agency",
            "partner_name",
            "title",
            "reference",
            "lawful_basis",
            "processing_condition",
            "purpose",
            "data_categories",
            "starts_on",
            "ends_on",
            "review_on",
            "personal_data_allowed",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "review_on": forms.DateInput(attrs={"type": "date"}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "data_categories": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partnerships=(), **kwargs):
        super().__init__(*args, partnerships=partnerships, **kwargs)
        self.fields["partner_agency"].queryset = Agency.objects.filter(partnerships__in=list(partnerships)).distinct()


class LinesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})


class MappingForm(PartnershipChoice, forms.ModelForm):
    category_map = LinesField(
        required=False,
        label="Category map",
        help_text="One per line: partner value = category. Empty: partner values are kept as they are.",
    )
    personal_columns = LinesField(
        required=False,
        label="Personal-data columns",
        help_text="One per line; imported only under an agreement allowing personal data.",
    )

    class Meta:
        model = ColumnMapping
        fields = [
            "name",
            "date_column",
            "date_format",
            "time_column",
            "category_column",
            "category_map",
            "description_column",
            "location",
            "lat_column",
            "lon_column",
            "easting_column",
            "northing_column",
            "address_column",
            "external_id_column",
            "personal_columns",
        ]

    def clean_category_map(self):
        found = {}
        for number, line in enumerate(self.cleaned_data["category_map"].splitlines(), start=1):
            if not line.strip():
                continue
            source, sep, category = line.partition("=")
            if not sep or not source.strip() or not category.strip():
                raise forms.ValidationError(f"Line {number}: write 'partner value = category'.")
            if len(category.strip()) > 80:
                raise forms.ValidationError(f"Line {number}: a category is at most 80 characters.")
            found[source.strip()] = category.strip()
        return found

    def clean_personal_columns(self):
        return [c.strip() for c in self.cleaned_data["personal_columns"].splitlines() if c.strip()]

    def clean_date_format(self):
        value = self.cleaned_data["date_format"].strip()
        if "%" not in value:
            raise forms.ValidationError("Use strftime codes, e.g. %d/%m/%Y or %Y-%m-%d %H:%M.")
        return value
