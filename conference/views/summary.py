"""The Office's summary report (Báo cáo tổng kết các phong trào thi đua) and the progress report.

Office only: anonymous users go to the login page, others get 403.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from conference.documents import word
from conference.forms import ProgressDateForm, SectionForm
from conference.models import SummarySection
from conference.services import issuing, summary
from conference.services.movement_figures import movement_figures
from hoinghi.downloads import docx_response, pdf_response
from hoinghi.gates import office_required
from reference.models import Movement
from reference.selectors import current_conference


@require_GET
@office_required
def summary_page(request):
    conference = current_conference()
    sections = summary.sections_by_movement(conference)
    rows = [(row, sections.get(row.pk)) for row in movement_figures(conference)]
    context = {
        "conference": conference,
        "rows": rows,
        "missing": summary.movements_without_section(conference),
        "progress_form": ProgressDateForm(initial={"on": timezone.localdate()}),
        "summary_record": issuing.issued_document(issuing.TYPES["summary"], conference),
        "summary_issue_url": reverse("conference_document_issue", args=["summary"]),
        "progress_records": issuing.issued_progress_reports(conference),
    }
    return render(request, "conference/summary/summary.html", context)


@require_POST
@office_required
def summary_generate(request):
    written = summary.generate(current_conference(), by=request.user)
    messages.success(request, _("%(count)s sections were drafted from the accepted unit reports.") % {"count": written})
    return redirect("conference_summary")


@office_required
def summary_section(request, pk):
    conference = current_conference()
    section = get_object_or_404(SummarySection.objects.select_related("movement"), pk=pk, conference=conference)
    if request.method == "POST" and "regenerate" in request.POST:
        summary.generate(conference, by=request.user, replace=section)
        messages.success(request, _("The section was drafted again from the accepted unit reports."))
        return redirect("conference_summary_section", pk=pk)
    form = SectionForm(request.POST or None, initial={"body": section.body})
    if request.method == "POST" and form.is_valid():
        summary.save_section(section, form.cleaned_data["body"], by=request.user)
        messages.success(request, _("The section was saved."))
        return redirect("conference_summary")
    row = next(r for r in movement_figures(conference) if r.pk == section.movement_id)
    return render(request, "conference/summary/section.html", {"section": section, "row": row, "form": form})


@require_GET
@office_required
def summary_pdf(request):
    return pdf_response(issuing.document_pdf(issuing.TYPES["summary"], current_conference()))


@require_GET
@office_required
def summary_docx(request):
    conference = current_conference()
    return docx_response(
        word.summary_download(conference, issuing.issued_document(issuing.TYPES["summary"], conference))
    )


def _progress_target(request):
    """``?on=2025-06-30``: the state of the data at the end of that day (today when absent); None if invalid."""
    conference = current_conference()
    form = ProgressDateForm(request.GET or None)
    on = form.cleaned_data["on"] if form.is_valid() else None
    if request.GET and on is None:
        messages.error(request, _("Choose a valid date."))
        return None
    return issuing.ProgressTarget(conference, on or timezone.localdate())


@require_GET
@office_required
def progress_pdf(request):
    """The progress report as of ``?on=``; ``?issue=1`` goes to its issue page instead of the draft."""
    target = _progress_target(request)
    if target is None:
        return redirect("conference_summary")
    if request.GET.get("issue"):
        return redirect("conference_document_issue_for", code="progress", key=f"{target.on:%Y-%m-%d}")
    return pdf_response(issuing.document_pdf(issuing.TYPES["progress"], target))


@require_GET
@office_required
def progress_docx(request):
    target = _progress_target(request)
    if target is None:
        return redirect("conference_summary")
    record = issuing.issued_document(issuing.TYPES["progress"], target)
    return docx_response(word.progress_download(target.conference, target.on, record))


def _launch_plan_movement(movement_id) -> Movement:
    """A movement of the current conference that has a launch plan (else 404)."""
    return get_object_or_404(
        Movement.objects.select_related("conference__organisation", "launch_plan"),
        pk=movement_id,
        conference=current_conference(),
        launch_plan__isnull=False,
    )


@require_GET
@office_required
def launch_plan_pdf(request, movement_id):
    """Kế hoạch phát động of one movement of the current conference that has a launch plan."""
    return pdf_response(issuing.document_pdf(issuing.TYPES["launch-plan"], _launch_plan_movement(movement_id)))


@require_GET
@office_required
def launch_plan_docx(request, movement_id):
    movement = _launch_plan_movement(movement_id)
    record = issuing.issued_document(issuing.TYPES["launch-plan"], movement)
    return docx_response(word.launch_plan_download(movement, record))
