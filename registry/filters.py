"""The register page's filters (kind, year, date range, number or summary, signer); the export reads the same."""

import re

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hoinghi.widgets import FastSelect
from registry.enums import DocumentKind

# "05", "05/QĐ", "05/QĐ-SKHCN", "5/BB-HĐTĐKT": a number, optionally with its symbol.
NUMBER_LABEL = re.compile(r"^0*(\d{1,5})(?:/([^\s/]+))?$")


class RegisterFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Document kind"), choices=DocumentKind.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")
    q = django_filters.CharFilter(label=_("Number or summary"), method="search")
    signer = django_filters.CharFilter(label=_("Signer"), field_name="signer_name", lookup_expr="icontains")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_from", "date_to"):
            self.form.fields[name].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        for f in self.form.fields.values():
            if isinstance(f.widget, forms.Select):
                f.widget = FastSelect(attrs=f.widget.attrs, choices=f.widget.choices)
                f.widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                f.widget.attrs.setdefault("class", "form-control form-control-sm")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q(summary__icontains=value)
        label = NUMBER_LABEL.match(value)
        if label:
            number, symbol = label.groups()
            by_number = Q(number=int(number))
            if symbol:
                kind, _dash, issuer = symbol.partition("-")
                by_number &= Q(kind__iexact=kind) & (Q(issuer_code__iexact=issuer) if issuer else Q())
            condition |= by_number
        return queryset.filter(condition)
