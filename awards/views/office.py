"""The Office's pages for the council's results, decisions and proposals.

Every page is for the Office only (``hoinghi.roles.is_office``; 403 otherwise). Pages read,
the services write: every button posts to a view that calls one service and reports its
message.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from awards.enums import BallotStatus, CouncilRole, DecisionStatus, DocumentType
from awards.models import (
    Ballot,
    BallotItem,
    CertificatePrint,
    CouncilMeeting,
    CouncilMember,
    Decision,
    DecisionEntry,
    PrintedDocument,
    Signer,
    TieDecision,
    VoteReceipt,
)
from awards.money import amount_in_words, format_vnd
from awards.services import decisions as decision_services
from awards.services import tally as tally_services
from hoinghi.gates import office_required
from hoinghi.history import render_history
from hoinghi.limits import text_limit
from reference.enums import NomineeKind
from reference.models import AwardForm
from reference.selectors import current_conference, viewed_conference

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "class": "form-control"})
TEXTAREA = forms.Textarea(attrs={"rows": 2, "class": "form-control"})
SELECT = forms.Select(attrs={"class": "form-select"})


def _form_errors(form: forms.Form) -> ValidationError:
    return ValidationError([f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()])


def _report(request, error: Exception) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(error) or _("You may not make this change."))


# --- forms ---------------------------------------------------------------------------------


class TieForm(forms.Form):
    decided_by = forms.ModelChoiceField(
        queryset=CouncilMember.objects.none(), label=gettext_lazy("Chairman"), widget=SELECT
    )
    chosen = forms.TypedMultipleChoiceField(
        coerce=int, widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Chosen nominees")
    )
    reason = forms.CharField(widget=TEXTAREA, label=gettext_lazy("Reason"), **text_limit(TieDecision, "reason"))

    def __init__(self, *args, result=None, chairs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].queryset = chairs if chairs is not None else CouncilMember.objects.none()
        tied = result.tied if result is not None else []
        self.fields["chosen"].choices = [(r.item.pk, str(r.item.nomination.nominee)) for r in tied]


class DraftForm(forms.Form):
    award_form = forms.ModelChoiceField(queryset=AwardForm.objects.all(), label=gettext_lazy("Award form"))
    title = forms.CharField(
        required=False, max_length=400, label=gettext_lazy("Summary line"), help_text=gettext_lazy("Optional.")
    )


class IssueForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE_WIDGET)
    signer = forms.ModelChoiceField(queryset=Signer.objects.none(), label=gettext_lazy("Signer"), widget=SELECT)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = Signer.objects.filter(organisation=organisation, is_active=True)


class ReplaceForm(forms.Form):
    reason = forms.CharField(
        widget=TEXTAREA, label=gettext_lazy("Reason for the correction"), **text_limit(Decision, "correction_reason")
    )


class ProvinceForm(forms.Form):
    number = forms.CharField(
        max_length=100,
        label=gettext_lazy("Number of the province's decision"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    date = forms.DateField(label=gettext_lazy("Date of the province's decision"), widget=DATE_WIDGET)


# --- council results -----------------------------------------------------------------------


@require_GET
@office_required
def council_results(request):
    conference = current_conference()
    ballots, results = tally_services.conference_tallies(conference)
    chairs = CouncilMember.objects.filter(conference=conference, role=CouncilRole.CHAIR)
    rows = []
    for ballot in ballots:
        result = results.get(ballot.pk)
        tie_form = None
        if result is not None and ballot.status == BallotStatus.CLOSED and result.may_settle:
            tie_form = TieForm(result=result, chairs=chairs, prefix=f"tie{ballot.pk}")
        rows.append({"ballot": ballot, "result": result, "tie_form": tie_form})
    return render(request, "awards/results.html", {"conference": conference, "rows": rows})


@require_POST
@office_required
def apply_ballot(request, ballot_id: int):
    ballot = get_object_or_404(Ballot.objects.filter(meeting__conference=current_conference()), pk=ballot_id)
    try:
        result = tally_services.apply_tally(ballot, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
    else:
        messages.success(
            request,
            _("Council outcome applied: %(approved)d of %(total)d approved.")
            % {"approved": len(result.approved), "total": len(result.items)},
        )
    return redirect("council_results")


@require_POST
@office_required
def settle_tie(request, ballot_id: int):
    conference = current_conference()
    ballot = get_object_or_404(Ballot.objects.filter(meeting__conference=conference), pk=ballot_id)
    try:
        result = tally_services.tally(ballot)
        chairs = CouncilMember.objects.filter(conference=conference, role=CouncilRole.CHAIR)
        form = TieForm(request.POST, result=result, chairs=chairs, prefix=f"tie{ballot.pk}")
        if not form.is_valid():
            raise _form_errors(form)
        tally_services.settle_tie(
            ballot,
            chosen_items=list(BallotItem.objects.filter(ballot=ballot, pk__in=form.cleaned_data["chosen"])),
            decided_by_member=form.cleaned_data["decided_by"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
    else:
        messages.success(request, _("The chair's decision on the tie is recorded."))
    return redirect("council_results")


# --- decisions and proposals ---------------------------------------------------------------


@require_GET
@office_required
def decision_list(request):
    conference = viewed_conference(request)
    decisions = (
        Decision.objects.filter(conference=conference)
        .select_related("award_form", "replaces")
        .annotate(entry_count=Count("entries"))
        .order_by("-date", "-id")
    )
    waiting = {
        row["award_form"]: row["n"]
        for row in decision_services.awaiting_decision(conference).values("award_form").annotate(n=Count("id"))
    }
    forms_waiting = [(form, waiting.get(form.pk, 0)) for form in AwardForm.objects.all()]
    return render(
        request,
        "awards/decision_list.html",
        {"conference": conference, "decisions": decisions, "forms_waiting": forms_waiting, "draft_form": DraftForm()},
    )


@require_POST
@office_required
def draft_decision(request):
    conference = current_conference()
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an award form."))
        return redirect("decision_list")
    try:
        decision = decision_services.draft_decision(
            conference, form.cleaned_data["award_form"], by=request.user, title=form.cleaned_data["title"]
        )
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
        return redirect("decision_list")
    messages.success(request, _("Draft prepared with %(count)d entries.") % {"count": decision.entries.count()})
    return redirect("decision_detail", pk=decision.pk)


def _decision(pk: int, conference=None) -> Decision:
    """The decision ``pk`` of ``conference`` (the current round unless the page reads the viewed one)."""
    queryset = Decision.objects.filter(conference=conference or current_conference()).select_related(
        "conference__organisation", "award_form", "replaces", "replaced_by", "signer"
    )
    return get_object_or_404(queryset, pk=pk)


@require_GET
@office_required
def decision_detail(request, pk: int):
    decision = _decision(pk, viewed_conference(request))
    entries = list(decision.entries.order_by("register_number", "id"))
    for entry in entries:
        entry.amount_label = format_vnd(entry.amount)
    issued = decision.status == DecisionStatus.ISSUED
    context = {
        "decision": decision,
        "entries": entries,
        "collectives": sum(1 for e in entries if e.kind == NomineeKind.COLLECTIVE),
        "individuals": sum(1 for e in entries if e.kind == NomineeKind.INDIVIDUAL),
        "total_figures": format_vnd(decision.total_amount),
        "total_words": amount_in_words(decision.total_amount) if decision.total_amount else "",
        "is_proposal": decision.document_type == DocumentType.PROPOSAL,
    }
    if decision.status == DecisionStatus.DRAFT:
        context["issue_form"] = IssueForm(
            organisation=decision.conference.organisation, initial={"date": timezone.localdate()}
        )
    if issued and not hasattr(decision, "replaced_by"):
        context["replace_form"] = ReplaceForm()
    if issued and context["is_proposal"] and not decision.province_decision_number:
        context["province_form"] = ProvinceForm()
    return render(request, "awards/decision_detail.html", context)


@require_POST
@office_required
def issue_decision(request, pk: int):
    decision = _decision(pk)
    form = IssueForm(request.POST, organisation=decision.conference.organisation)
    try:
        if not form.is_valid():
            raise _form_errors(form)
        decision = decision_services.issue_decision(decision, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
    else:
        messages.success(request, _("Issued as No. %(number)s.") % {"number": decision.number_label})
    return redirect("decision_detail", pk=pk)


@require_POST
@office_required
def replace_decision(request, pk: int):
    decision = _decision(pk)
    try:
        new = decision_services.replace_decision(decision, reason=request.POST.get("reason", ""), by=request.user)
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
        return redirect("decision_detail", pk=pk)
    messages.success(request, _("Correction drafted; issue it to replace the decision."))
    return redirect("decision_detail", pk=new.pk)


@require_POST
@office_required
def record_province_decision(request, pk: int):
    decision = _decision(pk)
    form = ProvinceForm(request.POST)
    try:
        if not form.is_valid():
            raise _form_errors(form)
        decision_services.record_province_decision(decision, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
    else:
        messages.success(request, _("The province's decision is recorded; the awardees are now awarded."))
    return redirect("decision_detail", pk=pk)


@require_GET
@office_required
def decision_history(request, pk: int):
    """The change history of a decision or proposal and of its list (the Office only)."""
    decision = _decision(pk)
    records = [
        (Decision._meta.verbose_name.capitalize(), Decision.history.filter(id=decision.pk)),
        (DecisionEntry._meta.verbose_name.capitalize(), DecisionEntry.history.filter(decision_id=decision.pk)),
    ]
    return render_history(request, decision, records, back_url=reverse("decision_detail", kwargs={"pk": decision.pk}))


def _stage_records(conference) -> list:
    """The history rows of the conference's council and decision stage, one queryset per kind."""
    kinds = [
        (CouncilMeeting, {"conference": conference}),
        (Ballot, {"meeting__conference": conference}),
        (VoteReceipt, {"ballot__meeting__conference": conference}),
        (TieDecision, {"ballot__meeting__conference": conference}),
        (Decision, {"conference": conference}),
        (CertificatePrint, {"entry__decision__conference": conference}),
        (PrintedDocument, {"conference": conference}),
    ]
    return [(model._meta.verbose_name.capitalize(), model.history.filter(**where)) for model, where in kinds]


@require_GET
@office_required
def conference_history(request):
    """The audit trail of the current conference's council and decisions (the Office only): the
    moves of meetings, ballots and decisions, vote receipts (never a choice), paper counts, tie
    decisions, certificate prints and printed documents, newest first."""
    conference = current_conference()
    return render_history(request, conference, _stage_records(conference), back_url=reverse("decision_list"))
