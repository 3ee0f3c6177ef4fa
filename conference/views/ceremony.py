"""The ceremony and the report: Office pages and downloads; the public honour roll.

Office only (``hoinghi.roles.is_office``): anonymous users go to the login page, others get
403. The honour roll needs no login and shows name, unit, award form and decision number only.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from conference.documents import ceremony as documents
from conference.documents import report, word
from conference.models import DelegateGroup
from conference.services import ceremony, issuing
from conference.views import rounds
from hoinghi.downloads import docx_response, pdf_response, xlsx_response
from hoinghi.excel import export_filename
from hoinghi.gates import office_required
from reference.selectors import current_conference


def _order(request) -> str:
    return ceremony.BY_UNIT if request.GET.get("order") == ceremony.BY_UNIT else ceremony.BY_LIST


def render_ceremony(request, conference, *, status: int = 200) -> HttpResponse:
    """The ceremony page, with the report's register state (draft, or its number and date)."""
    order = _order(request)
    context = {
        "conference": conference,
        "order": order,
        "sections": ceremony.stage_order(conference, order),
        "groups": DelegateGroup.objects.filter(conference=conference).order_by("order", "id"),
        "report_record": issuing.issued_document(issuing.TYPES["report"], conference),
        "report_issue_url": reverse("conference_document_issue", args=["report"]),
    }
    return render(request, "conference/ceremony/ceremony.html", context, status=status)


@require_GET
@office_required
def ceremony_page(request):
    return render_ceremony(request, current_conference())


@require_GET
@office_required
def runsheet_pdf(request):
    return pdf_response(documents.runsheet_pdf(current_conference(), _order(request)))


@require_GET
@office_required
def name_cards_pdf(request):
    conference = current_conference()
    return pdf_response(documents.name_cards_pdf(conference, request.GET.get("group", "")))


@require_GET
@office_required
def sign_in_pdf(request):
    return pdf_response(documents.sign_in_pdf(current_conference()))


@require_GET
@office_required
def congress_pdf(request):
    return pdf_response(documents.congress_pdf(current_conference()))


@require_GET
@office_required
def congress_xlsx(request):
    conference = current_conference()
    return xlsx_response(documents.congress_xlsx(conference), export_filename(conference.slug, "dai-bieu-dai-hoi"))


@require_GET
@office_required
def report_pdf(request):
    """The draft (DỰ THẢO, no number, no date) until the report is issued; then the stored file."""
    return pdf_response(issuing.document_pdf(issuing.TYPES["report"], current_conference()))


@require_GET
@office_required
def report_docx(request):
    """The report as a Word file: the draft, or the issued one's number, date and signer."""
    conference = current_conference()
    return docx_response(word.report_download(conference, issuing.issued_document(issuing.TYPES["report"], conference)))


@require_GET
@office_required
def report_xlsx(request):
    conference = current_conference()
    return xlsx_response(report.report_xlsx(conference), export_filename(conference.slug, "bao-cao-tong-ket"))


@require_GET
def honour_roll(request):
    """Public: the current round's honour roll (rounds.honour_roll_year shows any year's)."""
    return rounds.render_honour_roll(request, current_conference())
