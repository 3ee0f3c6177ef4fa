"""Browser forms for nominations: one form for nominee + nomination, a formset for history."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi import limits
from hoinghi.limits import text_limit
from hoinghi.roles import is_office, unit_of
from hoinghi.text import normalize_multiline, normalize_text
from nominations import validation
from nominations.enums import AttachmentKind, Gender, NominationStatus, RecordCategory
from nominations.models import Nomination
from nominations.services import NominationInput
from reference.enums import NomineeKind
from reference.models import AwardForm, Conference, Movement, Unit

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class NominationForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender"), choices=[("", "---------")] + Gender.choices, required=False
    )
    birth_date = forms.DateField(label=gettext_lazy("Date of birth"), required=False, widget=DATE_WIDGET)
    birth_year = forms.IntegerField(label=gettext_lazy("Year of birth (if the date is unknown)"), required=False)
    position = forms.CharField(label=gettext_lazy("Position"), max_length=200, required=False)
    unit = forms.ModelChoiceField(label=gettext_lazy("Work unit"), queryset=Unit.objects.none(), required=False)
    parent_body = forms.CharField(label=gettext_lazy("Governing body"), max_length=200, required=False)
    proposing_unit = forms.ModelChoiceField(label=gettext_lazy("Proposing unit"), queryset=Unit.objects.none())
    award_form = forms.ModelChoiceField(label=gettext_lazy("Proposed award form"), queryset=AwardForm.objects.all())
    movements = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Emulation movements"), queryset=Movement.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    achievement_summary = forms.CharField(
        label=gettext_lazy("Achievement summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        **text_limit(Nomination, "achievement_summary"),
    )
    under_discipline = forms.BooleanField(
        label=gettext_lazy("Under discipline, investigation, inspection or complaint handling"),
        required=False,
        help_text=gettext_lazy("No award may be proposed while it lasts (Decree 152/2025, Art. 4)."),
    )
    discipline_note = forms.CharField(
        label=gettext_lazy("Discipline note"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Which decision or case, and until when."),
    )

    def __init__(self, *args, kind: str, conference: Conference, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.conference = conference
        units = Unit.objects.filter(is_active=True)
        self.fields["unit"].queryset = units
        self.fields["movements"].queryset = Movement.objects.filter(conference=conference)
        own_unit = unit_of(user)
        if is_office(user) or own_unit is None:
            self.fields["proposing_unit"].queryset = units
        else:
            self.fields["proposing_unit"].queryset = Unit.objects.filter(pk=own_unit.pk)
            self.fields["proposing_unit"].initial = own_unit
            self.fields["proposing_unit"].disabled = True
            self.fields["unit"].initial = own_unit
        if kind == NomineeKind.COLLECTIVE:
            for name in ("gender", "birth_date", "birth_year", "position", "unit"):
                del self.fields[name]
            self.fields["full_name"].label = _("Collective name")
            self.fields["parent_body"].initial = conference.organisation.name
        else:
            del self.fields["parent_body"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_full_name(self):
        return validation.clean_full_name(self.cleaned_data["full_name"], self.kind)

    def clean_birth_year(self):
        return validation.clean_birth_year(self.cleaned_data.get("birth_year"))

    def clean_birth_date(self):
        return validation.clean_birth_date(self.cleaned_data.get("birth_date"))

    def clean_achievement_summary(self):
        return normalize_multiline(self.cleaned_data["achievement_summary"])

    def clean_discipline_note(self):
        return normalize_text(self.cleaned_data.get("discipline_note"))

    def clean(self):
        data = super().clean()
        required = _("This field is required.")
        if self.kind == NomineeKind.INDIVIDUAL:
            for name in ("gender", "position", "unit"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, required)
            given_but_invalid = "birth_date" in self.errors or "birth_year" in self.errors
            if not data.get("birth_date") and not data.get("birth_year") and not given_but_invalid:
                self.add_error("birth_date", _("Give the date or at least the year of birth."))
        elif not normalize_text(data.get("parent_body")):
            self.add_error("parent_body", required)
        return data

    def to_input(self) -> NominationInput:
        data = self.cleaned_data
        if self.kind == NomineeKind.INDIVIDUAL:
            nominee = {
                "kind": self.kind,
                "full_name": data["full_name"],
                "gender": data["gender"],
                "birth_date": data.get("birth_date"),
                "birth_year": data.get("birth_year") or (data["birth_date"].year if data.get("birth_date") else None),
                "position": data["position"],
                "unit": data["unit"],
                "parent_body": "",
            }
        else:
            nominee = {"kind": self.kind, "full_name": data["full_name"], "parent_body": data["parent_body"]}
        nominee["under_discipline"] = data.get("under_discipline", False)
        nominee["discipline_note"] = data.get("discipline_note", "")
        return NominationInput(
            nominee=nominee,
            proposing_unit=data["proposing_unit"],
            award_form=data["award_form"],
            achievement_summary=data["achievement_summary"],
            movements=list(data["movements"]),
        )

    @classmethod
    def initial_from(cls, nomination: Nomination) -> dict:
        nominee = nomination.nominee
        return {
            "full_name": nominee.full_name,
            "gender": nominee.gender,
            "birth_date": nominee.birth_date,
            "birth_year": None if nominee.birth_date else nominee.birth_year,
            "position": nominee.position,
            "unit": nominee.unit_id,
            "parent_body": nominee.parent_body,
            "proposing_unit": nomination.proposing_unit_id,
            "award_form": nomination.award_form_id,
            "movements": [m.pk for m in nomination.movements.all()],
            "achievement_summary": nomination.achievement_summary,
            "under_discipline": nominee.under_discipline,
            "discipline_note": nominee.discipline_note,
        }


class NominationEditForm(NominationForm):
    """The edit form also carries the version the page was built from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    @classmethod
    def initial_from(cls, nomination: Nomination) -> dict:
        return {**super().initial_from(nomination), "version": nomination.version}


class CommendationForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"))
    title = forms.CharField(label=gettext_lazy("Title or award form"), max_length=300)
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        choices=[("", gettext_lazy("From the title"))] + RecordCategory.choices,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        help_text=gettext_lazy("What the eligibility rules count it as; left blank, it is read from the title."),
    )
    decision_number = forms.CharField(label=gettext_lazy("Decision number"), max_length=100, required=False)
    decision_date = forms.DateField(label=gettext_lazy("Decision date"), required=False, widget=DATE_WIDGET)
    issuer = forms.CharField(label=gettext_lazy("Issuing body"), max_length=200, required=False)

    def clean_year(self):
        return validation.clean_record_year(self.cleaned_data["year"])


for _field in CommendationForm.base_fields.values():
    if not isinstance(_field.widget, forms.CheckboxInput):
        _field.widget.attrs.setdefault("class", "form-control form-control-sm")

CommendationFormSet = forms.formset_factory(CommendationForm, extra=2, can_delete=True, max_num=30, validate_max=True)


def commendation_rows(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


def strip_delete(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "DELETE"} for row in rows]


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Document"),
        choices=AttachmentKind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=gettext_lazy("File (PDF, DOC/DOCX, XLS/XLSX, JPG/PNG)"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"}
        ),
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=NominationStatus.choices)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
        help_text=limits.limit_help(limits.NOTE),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            raise ValidationError(_("Choose a file."))
        return upload
