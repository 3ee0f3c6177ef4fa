"""FastSelect writes exactly the HTML of Django's Select (it only skips the per-option template)."""

import pytest
from django import forms

from hoinghi.widgets import FastSelect

CHOICES = [("", "---------"), ("a&b", "Tôi <b>"), (3, "Ba"), ("Nhóm", [("x", "X"), ("y", "Y")])]
ATTRS = {"class": "form-select form-select-sm", "data-auto": True, "hidden": False}


@pytest.mark.parametrize("value", ["a&b", 3, "y", None, "missing"])
def test_fast_select_renders_like_djangos_select(value):
    expected = forms.Select(attrs=ATTRS, choices=CHOICES).render("unit", value, attrs={"id": "id_unit"})
    rendered = FastSelect(attrs=ATTRS, choices=CHOICES).render("unit", value, attrs={"id": "id_unit"})
    assert rendered == expected


def test_fast_select_escapes_labels_and_values():
    rendered = FastSelect(choices=[('"><script>', "<i>Đơn vị</i>")]).render("unit", None)
    assert '<option value="&quot;&gt;&lt;script&gt;">&lt;i&gt;Đơn vị&lt;/i&gt;</option>' in rendered
    assert "<script>" not in rendered


def test_the_nominations_filter_uses_it(conference):
    from nominations.filters import NominationFilter
    from nominations.models import Nomination

    form = NominationFilter({}, queryset=Nomination.objects.none(), conference=conference).form
    selects = {name for name, field in form.fields.items() if isinstance(field.widget, FastSelect)}
    assert selects == {"proposing_unit", "movements", "award_form", "kind", "status", "sort"}
    assert form.fields["proposing_unit"].widget.attrs["class"] == "form-select form-select-sm"
