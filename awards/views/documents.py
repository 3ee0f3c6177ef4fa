"""PDF downloads: decisions, proposals, certificates, the calibration page, minutes and vote counts.

The administrative documents (not the certificates) also download as Word files (``*_docx``),
behind the same gates and lookups as their PDFs.

Who: the Office (``hoinghi.roles.is_office``) for everything; the council secretary may also
download the minutes and the vote-count records. Anonymous users go to the login page, others
get 403, unknown ids 404 (after the permission check, so ids do not leak). Every download is
logged by ``awards.services.printing`` (printed documents; certificate prints with reprint numbers).
"""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awards import tasks
from awards.enums import DocumentType, PrintMode
from awards.models import Ballot, CouncilMeeting, Decision, DecisionEntry
from awards.services import printing
from hoinghi.downloads import PrintedDocx, docx_response, pdf_response
from hoinghi.gates import council_manager_required, office_required
from jobs import services as jobs
from reference.models import AwardForm
from registry.services import RegisterError

DECISIONS = Decision.objects.select_related("conference__organisation", "award_form", "replaces")


def _printed_or_404(call, *args, **kwargs) -> HttpResponse:
    try:
        printed = call(*args, **kwargs)
        return docx_response(printed) if isinstance(printed, PrintedDocx) else pdf_response(printed)
    except printing.NotPrintable as error:
        if error.code == "mode":
            return HttpResponseBadRequest(error.messages[0])
        raise Http404(error.messages[0]) from error


@require_GET
@office_required
def decision_pdf(request, pk: int):
    decision = get_object_or_404(DECISIONS, pk=pk, document_type=DocumentType.DECISION)
    return _printed_or_404(printing.decision_pdf, decision, by=request.user)


@require_GET
@office_required
def proposal_pdf(request, pk: int):
    decision = get_object_or_404(DECISIONS, pk=pk, document_type=DocumentType.PROPOSAL)
    return _printed_or_404(printing.proposal_pdf, decision, by=request.user)


@require_GET
@office_required
def decision_docx(request, pk: int):
    decision = get_object_or_404(DECISIONS, pk=pk, document_type=DocumentType.DECISION)
    return _printed_or_404(printing.decision_docx, decision, by=request.user)


@require_GET
@office_required
def proposal_docx(request, pk: int):
    decision = get_object_or_404(DECISIONS, pk=pk, document_type=DocumentType.PROPOSAL)
    return _printed_or_404(printing.proposal_docx, decision, by=request.user)


@require_GET
@office_required
def decision_certificates_pdf(request, pk: int):
    """Every certificate of an issued decision in one PDF; ``?mode=full|text_only`` (default: the layout's)."""
    decision = get_object_or_404(DECISIONS, pk=pk)
    return _printed_or_404(printing.certificates_pdf, decision, mode=request.GET.get("mode"), by=request.user)


@require_POST
@office_required
def decision_certificates_job(request, pk: int):
    """Start the background job printing every certificate (POST ``mode``), then show its progress."""
    decision = get_object_or_404(DECISIONS, pk=pk)
    try:
        if not printing.documents.printable(decision):
            raise Http404
        mode = printing.resolve_mode(decision, request.POST.get("mode"))
    except printing.NotPrintable as error:
        return HttpResponseBadRequest(error.messages[0])
    title = _("Certificates of %(decision)s (%(mode)s)") % {
        "decision": decision.number_label,
        "mode": PrintMode(mode).label,
    }
    job = jobs.start(
        task=tasks.print_certificates,
        kind="certificates",
        title=title,
        params={"decision": decision.pk, "mode": mode},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)


@require_GET
@office_required
def certificate_pdf(request, pk: int):
    """One certificate alone (a reprint); ``?mode=full|text_only``."""
    entry = get_object_or_404(
        DecisionEntry.objects.select_related(
            "decision__conference__organisation", "decision__award_form", "decision__replaces"
        ),
        pk=pk,
    )
    return _printed_or_404(printing.certificate_pdf, entry, mode=request.GET.get("mode"), by=request.user)


@require_GET
@office_required
def calibration_pdf(request, pk: int):
    award_form = get_object_or_404(AwardForm, pk=pk)
    return pdf_response(printing.calibration_pdf(award_form))


@require_GET
@council_manager_required
def meeting_minutes_pdf(request, pk: int):
    meeting = get_object_or_404(
        CouncilMeeting.objects.select_related("conference__organisation", "chair", "secretary", "minutes_document"),
        pk=pk,
    )
    return _printed_or_404(printing.minutes_pdf, meeting, by=request.user)


@require_GET
@council_manager_required
def ballot_count_pdf(request, pk: int):
    """The Biên bản kiểm phiếu of a closed ballot (an open one has no record: 404)."""
    ballot = get_object_or_404(
        Ballot.objects.select_related("meeting__conference__organisation", "award_form", "count_document"), pk=pk
    )
    return _printed_or_404(printing.vote_count_pdf, ballot, by=request.user)


@require_GET
@council_manager_required
def meeting_minutes_docx(request, pk: int):
    meeting = get_object_or_404(
        CouncilMeeting.objects.select_related("conference__organisation", "chair", "secretary"), pk=pk
    )
    return _printed_or_404(printing.minutes_docx, meeting, by=request.user)


@require_GET
@council_manager_required
def ballot_count_docx(request, pk: int):
    """The Biên bản kiểm phiếu as a Word file (an open ballot: 404, as the PDF)."""
    ballot = get_object_or_404(Ballot.objects.select_related("meeting__conference__organisation", "award_form"), pk=pk)
    return _printed_or_404(printing.vote_count_docx, ballot, by=request.user)


def _issue_date(request):
    """The POSTed date (YYYY-MM-DD), or None for the default (the meeting's day)."""
    raw = request.POST.get("date", "").strip()
    try:
        return datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _issued_or_back(call, obj, request):
    try:
        document = call(obj, by=request.user, on=_issue_date(request))
    except (printing.NotPrintable, RegisterError) as error:
        messages.error(request, error.message if isinstance(error, RegisterError) else error.messages[0])
        return redirect("register_list")
    messages.success(request, _("Issued as %(number)s.") % {"number": document.number_label})
    return redirect("register_document", pk=document.pk)


@require_POST
@office_required
def meeting_minutes_issue(request, pk: int):
    """Register the minutes of a closed meeting in the council's series (POST ``date``, optional)."""
    meeting = get_object_or_404(CouncilMeeting, pk=pk)
    return _issued_or_back(printing.issue_minutes, meeting, request)


@require_POST
@office_required
def ballot_count_issue(request, pk: int):
    """Register the vote-count record of a counted ballot in the council's series."""
    ballot = get_object_or_404(Ballot, pk=pk)
    return _issued_or_back(printing.issue_vote_count, ballot, request)
