"""Forms of the movement reports: the report (texts and one number per indicator), files, review, indicators."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy

from hoinghi.limits import text_limit
from movements.models import TEXT_FIELDS, Indicator, LaunchPlan, MovementReport, Pledge

TEXTAREA = {"class": "form-control", "rows": 4}
MAX_FIGURE = Decimal("999999999999.99")


def figure_field_name(indicator: Indicator) -> str:
    return f"figure_{indicator.pk}"


class ReportForm(forms.Form):
    """The five texts, then one optional number per indicator of the movement."""

    def __init__(self, *args, report: MovementReport, indicators: list[Indicator], values: dict, **kwargs):
        initial = {name: getattr(report, name) for name in TEXT_FIELDS}
        initial |= {figure_field_name(i): values.get(i.pk) for i in indicators}
        super().__init__(*args, initial=initial, **kwargs)
        self.indicators = indicators
        for name in TEXT_FIELDS:
            model_field = MovementReport._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name.capitalize(),
                required=False,
                widget=forms.Textarea(attrs=TEXTAREA),
                **text_limit(MovementReport, name),
            )
        for indicator in indicators:
            self.fields[figure_field_name(indicator)] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit_of_measure})",
                required=False,
                min_value=0,
                max_value=MAX_FIGURE,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"class": "form-control", "step": "any", "min": "0"}),
            )

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in TEXT_FIELDS}

    def figures(self) -> dict[int, Decimal | None]:
        return {i.pk: self.cleaned_data[figure_field_name(i)] for i in self.indicators}

    def text_fields(self):
        return [self[name] for name in TEXT_FIELDS]

    def figure_fields(self):
        return [self[figure_field_name(i)] for i in self.indicators]


class StartForm(forms.Form):
    movement = forms.IntegerField()
    unit = forms.IntegerField(required=False)


class TransitionForm(forms.Form):
    to = forms.CharField(max_length=20)
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), **text_limit(MovementReport, "status_note")
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (PDF, DOC/DOCX, XLS/XLSX, JPG/PNG)"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"}
        ),
    )


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ("movement", "name", "unit_of_measure", "target")
        widgets = {
            "movement": forms.Select(attrs={"class": "form-select"}),
            "name": forms.TextInput(attrs={"class": "form-control"}),
            "unit_of_measure": forms.TextInput(attrs={"class": "form-control"}),
            "target": forms.NumberInput(attrs={"class": "form-control", "min": "0", "step": "any"}),
        }

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = self.fields["movement"].queryset.filter(conference=conference)


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))


class LaunchPlanForm(forms.ModelForm):
    class Meta:
        model = LaunchPlan
        fields = ("goals", "registration_deadline", "award_forms", "other_titles")
        widgets = {
            "goals": forms.Textarea(attrs=TEXTAREA | {"rows": 6}),
            "registration_deadline": forms.DateInput(
                attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d"
            ),
            "award_forms": forms.CheckboxSelectMultiple(),
            "other_titles": forms.Textarea(attrs=TEXTAREA | {"rows": 3}),
        }


class PledgeForm(forms.Form):
    """One title aimed for: by the unit itself (no name) or by one of its people, with the pledge."""

    person = forms.CharField(
        label=gettext_lazy("Individual (empty: the unit itself)"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        **text_limit(Pledge, "person"),
    )
    title = forms.ChoiceField(
        label=gettext_lazy("Title registered"), widget=forms.Select(attrs={"class": "form-select"})
    )
    text = forms.CharField(
        label=gettext_lazy("Pledge"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA | {"rows": 3}),
        **text_limit(Pledge, "text"),
    )

    def __init__(self, *args, titles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].choices = [(t, t) for t in titles]
