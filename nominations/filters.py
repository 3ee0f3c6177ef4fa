import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from hoinghi.text import fold
from hoinghi.widgets import FastSelect
from nominations.enums import NominationStatus
from reference.enums import NomineeKind
from reference.models import AwardForm, Movement, Unit

SORTS = {
    "name": ("nominee__sort_key", "id"),
    "-name": ("-nominee__sort_key", "-id"),
    "unit": ("proposing_unit__order", "proposing_unit__sort_key", "nominee__sort_key", "id"),
    "status": ("status", "nominee_sort_key", "id"),  # the copy on the nomination: one index walk
    "-updated": ("-updated_at", "-id"),
}


class NominationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    proposing_unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.all())
    movements = django_filters.ModelChoiceFilter(label=_("Movement"), queryset=Movement.objects.none())
    award_form = django_filters.ModelChoiceFilter(label=_("Award form"), queryset=AwardForm.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Kind"), field_name="nominee__kind", choices=NomineeKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NominationStatus.choices)
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("name", _("Name (A–Z)")),
            ("-name", _("Name (Z–A)")),
            ("unit", _("Unit")),
            ("status", _("Status")),
            ("-updated", _("Recently changed")),
        ],
    )

    def __init__(self, *args, conference=None, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conference is not None:
            self.filters["movements"].queryset = Movement.objects.filter(conference=conference)
        if unit is not None:
            del self.filters["proposing_unit"]
        for f in self.form.fields.values():
            if isinstance(f.widget, forms.Select):
                # The same HTML without a template include per option (300 units: docs/performance.md).
                f.widget = FastSelect(attrs=f.widget.attrs, choices=f.widget.choices)
                f.widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                f.widget.attrs.setdefault("class", "form-control form-control-sm")

    @property
    def qs(self):
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by(*SORTS["name"])
        return queryset

    def search(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(nominee__search_text__contains=word)
        return queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["name"]))
