"""The ceremony and the report: Office pages and downloads; the public honour roll.

Office only (``hoinghi.roles.is_office``): anonymous users go to the login page, others get
403. The honour roll needs no login and shows name, unit, award form and decision number only.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from conference.documents import ceremony as documents
from conference.documents import report, word
from conference.forms import ReportNumberForm
from conference.models import DelegateGroup
from conference.services import ceremony
from conference.views import rounds
from hoinghi.downloads import docx_response, pdf_response, xlsx_response
from hoinghi.excel import export_filename
from hoinghi.gates import office_required
from reference.selectors import current_conference


def _order(request) -> str:
    return ceremony.BY_UNIT if request.GET.get("order") == ceremony.BY_UNIT else ceremony.BY_LIST


def report_number_form(conference, data=None) -> ReportNumberForm:
    return ReportNumberForm(data, symbol=report.report_symbol(conference.organisation))


def render_ceremony(request, conference, report_form: ReportNumberForm, *, status: int = 200) -> HttpResponse:
    """The ceremony page; with a refused report number, its form shows the message (400)."""
    order = _order(request)
    context = {
        "conference": conference,
        "order": order,
        "sections": ceremony.stage_order(conference, order),
        "groups": DelegateGroup.objects.filter(conference=conference).order_by("order", "id"),
        "report_form": report_form,
    }
    return render(request, "conference/ceremony/ceremony.html", context, status=status)


@require_GET
@office_required
def ceremony_page(request):
    conference = current_conference()
    return render_ceremony(request, conference, report_number_form(conference))


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
    """``?number=125`` (or ``125/BC-SKHCN``); a bad number is refused on the ceremony page (400)."""
    conference = current_conference()
    form = report_number_form(conference, request.GET)
    if not form.is_valid():
        return render_ceremony(request, conference, form, status=400)
    return pdf_response(report.report_pdf(conference, form.cleaned_data["number"]))


@require_GET
@office_required
def report_docx(request):
    """The report as a Word file; ``?number=`` as the PDF."""
    conference = current_conference()
    form = report_number_form(conference, request.GET)
    if not form.is_valid():
        return render_ceremony(request, conference, form, status=400)
    return docx_response(word.report_download(conference, form.cleaned_data["number"]))


@require_GET
@office_required
def report_xlsx(request):
    conference = current_conference()
    return xlsx_response(report.report_xlsx(conference), export_filename(conference.slug, "bao-cao-tong-ket"))


@require_GET
def honour_roll(request):
    """Public: the current round's honour roll (rounds.honour_roll_year shows any year's)."""
    return rounds.render_honour_roll(request, current_conference())
