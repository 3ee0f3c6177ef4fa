"""Admin for the eligibility rules: the Office edits the criteria, their parameters and dates here.

Categories are stored comma-separated (EligibilityRule.split); the form shows them as check boxes.
A rule is never applied in the past by editing it: to change a criterion from a date, end the
old rule the day before and add a new one (docs/eligibility.md).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from nominations.eligibility import AUTOMATIC
from nominations.enums import RecordCategory, RuleCheck
from nominations.models import EligibilityRule


class CategoriesField(forms.MultipleChoiceField):
    """RecordCategory values as check boxes, stored as "a,b,c" in enum order."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=RecordCategory.choices, required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return sorted(EligibilityRule.split(value))
        return value

    def clean(self, value):
        chosen = set(super().clean(value))
        return ",".join(choice for choice in RecordCategory.values if choice in chosen)


class EligibilityRuleForm(forms.ModelForm):
    title_categories = CategoriesField(label=_("titles that count (categories)"))
    supporting_categories = CategoriesField(label=_("supporting records (categories)"))

    class Meta:
        model = EligibilityRule
        fields = [
            "award_form",
            "kind",
            "name",
            "legal_reference",
            "order",
            "check_type",
            "years",
            "title_categories",
            "supporting_count",
            "supporting_categories",
            "effective_from",
            "effective_to",
        ]

    def clean(self):
        data = super().clean()
        check = data.get("check_type")
        if check in AUTOMATIC:
            if not data.get("title_categories"):
                self.add_error("title_categories", _("Choose the titles that count for this check."))
            if not data.get("years"):
                self.add_error("years", _("At least one year."))
        if check == RuleCheck.CONSECUTIVE_YEARS_WITH_SUPPORT:
            if not data.get("supporting_count"):
                self.add_error("supporting_count", _("At least one supporting record."))
            if not data.get("supporting_categories"):
                self.add_error("supporting_categories", _("Choose the supporting records that count."))
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("The end date comes before the start date."))
        return data


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(SimpleHistoryAdmin):
    form = EligibilityRuleForm
    list_display = ("name", "award_form", "kind", "check_type", "years", "effective_from", "effective_to", "order")
    list_filter = ("award_form", "kind", "check_type", "effective_from", "effective_to")
    list_select_related = ("award_form",)
    search_fields = ("name", "legal_reference")
    ordering = ("award_form__order", "kind", "order", "id")
    fieldsets = (
        (None, {"fields": ("award_form", "kind", "name", "legal_reference", "order")}),
        (
            _("Check"),
            {
                "fields": ("check_type", "years", "title_categories", "supporting_count", "supporting_categories"),
                "description": _(
                    "Automatic checks read the commendation history: consecutive calendar years with one of "
                    "the titles, the latest year no earlier than two years before the conference year. "
                    "Office-judgement criteria are listed for the Office to decide from the evidence."
                ),
            },
        ),
        (_("In force"), {"fields": ("effective_from", "effective_to")}),
    )
