"""Admin for printing: certificate layouts (paper, mode, per-field offsets) and the print log.

- ``CertificateLayoutAdmin``: one row per award form; the offsets for pre-printed blanks are
  edited as an x / y pair (mm) per certificate field instead of raw JSON, and the change list
  links each layout's calibration page.
- ``CertificatePrintAdmin``: the print log, read-only (services write it).
- ``DOCUMENT_ACTIONS`` / ``MEETING_ACTIONS`` / ``BALLOT_ACTIONS`` and ``document_links``: actions
  and links the decisions, meetings and ballots admins can use (``actions = (..., *DOCUMENT_ACTIONS)``;
  ``readonly_fields = (..., "documents")`` with ``documents = decision_documents_field``).
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from awards.documents import printable
from awards.enums import DocumentType, PrintMode
from awards.models import CertificateLayout, CertificatePrint, Decision
from awards.models.printing import CERTIFICATE_FIELDS, validate_offsets

FIELD_NAMES = {
    "issuer": _("Issuer's position"),
    "award": _("“TẶNG” and the award name"),
    "recipient": _("Recipient"),
    "description": _("Position and unit"),
    "achievement": _("Achievement"),
    "decision": _("Decision number and date"),
    "register": _("Register number"),
    "signature": _("Place, date and signature"),
}


def _offset_field(label, axis):
    return forms.FloatField(
        label=f"{label} – {axis}",
        required=False,
        min_value=-100,
        max_value=100,
        initial=0,
        widget=forms.NumberInput(attrs={"step": "0.5", "style": "width: 6em"}),
    )


class _LayoutForm(forms.ModelForm):
    """The offsets JSON as two numbers (mm; x to the right, y downwards) per certificate field."""

    class Meta:
        model = CertificateLayout
        fields = ("award_form", "heading", "issuer_line", "paper_width_mm", "paper_height_mm", "default_mode")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offsets = self.instance.offsets or {}
        for name in CERTIFICATE_FIELDS:
            dx, dy = offsets.get(name, (0, 0))
            self.initial.setdefault(f"{name}_x", dx)
            self.initial.setdefault(f"{name}_y", dy)

    def clean(self):
        cleaned = super().clean()
        offsets = {}
        for name in CERTIFICATE_FIELDS:
            dx, dy = cleaned.get(f"{name}_x") or 0, cleaned.get(f"{name}_y") or 0
            if dx or dy:
                offsets[name] = [dx, dy]
        validate_offsets(offsets)
        self.instance.offsets = offsets
        return cleaned


# Declared on the class (the admin checks its fieldsets against the form's declared fields).
CertificateLayoutForm = type(
    "CertificateLayoutForm",
    (_LayoutForm,),
    {f"{name}_{axis}": _offset_field(FIELD_NAMES[name], axis) for name in CERTIFICATE_FIELDS for axis in "xy"},
)


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(SimpleHistoryAdmin):
    form = CertificateLayoutForm
    list_display = ("award_form", "heading", "paper", "default_mode", "calibration")
    list_select_related = ("award_form",)

    def get_fieldsets(self, request, obj=None):
        offsets = [(f"{name}_x", f"{name}_y") for name in CERTIFICATE_FIELDS]
        return [
            (None, {"fields": ("award_form", "heading", "issuer_line", ("paper_width_mm", "paper_height_mm"))}),
            (None, {"fields": ("default_mode",)}),
            (
                _("Text offsets for pre-printed blanks (mm)"),
                {
                    "fields": offsets,
                    "description": _(
                        "Print the calibration page at 100%, lay it on a blank and measure how far each text "
                        "must move: x to the right, y downwards (negative: left, up)."
                    ),
                },
            ),
        ]

    @admin.display(description=_("Paper (mm)"))
    def paper(self, obj):
        return f"{obj.paper_width_mm} × {obj.paper_height_mm}"

    @admin.display(description=_("Calibration page"))
    def calibration(self, obj):
        url = reverse("certificate_calibration_pdf", args=[obj.award_form_id])
        return format_html('<a href="{}">{}</a>', url, _("PDF"))


@admin.register(CertificatePrint)
class CertificatePrintAdmin(admin.ModelAdmin):
    list_display = ("printed_at", "entry", "decision", "mode", "in_batch", "reprint_number", "printed_by")
    list_filter = ("mode", "in_batch")
    list_select_related = ("entry__decision", "printed_by")
    search_fields = ("entry__recipient",)
    date_hierarchy = "printed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Decision"))
    def decision(self, obj):
        return obj.entry.decision.number_label


# --------------------------------------------------------- links and actions for other admins


def decision_links(decision: Decision) -> list[tuple[str, str]]:
    """(label, url) of every PDF of a decision or proposal, certificates only when printable."""
    if decision.document_type == DocumentType.DECISION:
        links = [(_("Decision with its list (PDF)"), reverse("decision_pdf", args=[decision.pk]))]
    else:
        links = [(_("Proposal with its list (PDF)"), reverse("proposal_pdf", args=[decision.pk]))]
    if printable(decision):
        url = reverse("decision_certificates_pdf", args=[decision.pk])
        links.append((_("All certificates, full design (PDF)"), f"{url}?mode={PrintMode.FULL}"))
        links.append((_("All certificates, text only for blanks (PDF)"), f"{url}?mode={PrintMode.TEXT_ONLY}"))
    return links


def document_links(links: list[tuple[str, str]]) -> str:
    return format_html_join(" · ", '<a href="{}">{}</a>', ((url, label) for label, url in links)) or "—"


@admin.display(description=_("Documents"))
def decision_documents_field(model_admin, obj):
    """For ``readonly_fields`` of the decisions admin."""
    return document_links(decision_links(obj)) if obj and obj.pk else "—"


def _redirect_one(model_admin, request, queryset, url_for):
    if queryset.count() != 1:
        model_admin.message_user(request, _("Select exactly one item to print."), messages.WARNING)
        return None
    return HttpResponseRedirect(url_for(queryset.get()))


@admin.action(description=_("Print the decision or proposal (PDF)"))
def print_decision_document(model_admin, request, queryset):
    return _redirect_one(model_admin, request, queryset, lambda d: decision_links(d)[0][1])


def _certificates_action(mode: str, description):
    @admin.action(description=description)
    def action(model_admin, request, queryset):
        decision = queryset.first() if queryset.count() == 1 else None
        if decision is not None and not printable(decision):
            model_admin.message_user(request, _("Certificates print only once it is issued."), messages.WARNING)
            return None
        url = reverse("decision_certificates_pdf", args=[decision.pk]) if decision else ""
        return _redirect_one(model_admin, request, queryset, lambda d: f"{url}?mode={mode}")

    action.__name__ = f"print_certificates_{mode}"
    return action


print_certificates_full = _certificates_action(PrintMode.FULL, _("Print all certificates, full design"))
print_certificates_text_only = _certificates_action(PrintMode.TEXT_ONLY, _("Print all certificates on blanks"))


@admin.action(description=_("Print the minutes (PDF)"))
def print_minutes(model_admin, request, queryset):
    return _redirect_one(model_admin, request, queryset, lambda m: reverse("meeting_minutes_pdf", args=[m.pk]))


@admin.action(description=_("Print the vote-count record (PDF)"))
def print_vote_count(model_admin, request, queryset):
    return _redirect_one(model_admin, request, queryset, lambda b: reverse("ballot_count_pdf", args=[b.pk]))


DOCUMENT_ACTIONS = (print_decision_document, print_certificates_full, print_certificates_text_only)
MEETING_ACTIONS = (print_minutes,)
BALLOT_ACTIONS = (print_vote_count,)
