"""Browser forms and the list filter of the delegates."""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conference.enums import Rsvp
from conference.models import Delegate, DelegateGroup
from hoinghi.text import fold

DELEGATE_SORTS = {
    "name": ("sort_key", "id"),
    "-name": ("-sort_key", "-id"),
    "group": ("group__order", "group_id", "sort_key", "id"),
    "number": ("invitation_number",),
}


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = [
            "group",
            "gender",
            "full_name",
            "position",
            "organisation",
            "phone",
            "email",
            "note",
            "rsvp",
            "substitute_name",
            "introduced_to_congress",
        ]

    # The version the page was built from (optimistic locking; services.delegates.update_delegate).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
        self.fields["group"].queryset = DelegateGroup.objects.filter(conference=conference)
        self.fields["gender"].label = gettext_lazy("Honorific")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rsvp") == Rsvp.SUBSTITUTE and not (cleaned.get("substitute_name") or "").strip():
            self.add_error("substitute_name", _("Give the name of the person who comes instead."))
        return cleaned


class DelegateImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))


class DelegateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Search"), method="search")
    group = django_filters.ModelChoiceFilter(label=gettext_lazy("Group"), queryset=DelegateGroup.objects.none())
    rsvp = django_filters.ChoiceFilter(label=gettext_lazy("Reply"), choices=Rsvp.choices)
    sort = django_filters.ChoiceFilter(
        label=gettext_lazy("Sort by"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("group", gettext_lazy("Group")),
            ("name", gettext_lazy("Name (A–Z)")),
            ("-name", gettext_lazy("Name (Z–A)")),
            ("number", gettext_lazy("Invitation number")),
        ],
    )

    def __init__(self, *args, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conference is not None:
            self.filters["group"].queryset = DelegateGroup.objects.filter(conference=conference)
        for f in self.form.fields.values():
            css = "form-select form-select-sm" if isinstance(f.widget, forms.Select) else "form-control form-control-sm"
            f.widget.attrs.setdefault("class", css)

    @property
    def qs(self):
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by(*DELEGATE_SORTS["group"])
        return queryset

    def search(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*DELEGATE_SORTS.get(value, DELEGATE_SORTS["group"]))


class SectionForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Text of the section"),
        required=False,
        max_length=20000,  # conference.models.SECTION_TEXT
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 18}),
    )


class ProgressDateForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("State of the data on"),
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
