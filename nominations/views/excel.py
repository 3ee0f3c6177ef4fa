"""Excel template, import and export of nominations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hoinghi.downloads import xlsx_response
from hoinghi.excel import ExcelError, export_filename
from hoinghi.gates import proposer_required
from jobs import services as jobs
from nominations import tasks
from nominations.exports import NominationListExporter, build_import_template
from nominations.forms import ImportForm
from nominations.imports import check_nominations_workbook, import_nominations
from nominations.views.nominations import _filtered_list
from reference.selectors import current_conference

MAX_WARNING_MESSAGES = 20
# A workbook larger than this (about 1,000 rows of the template) is imported by a background job
# with a progress bar; smaller ones are imported within the request, as before.
BACKGROUND_IMPORT_BYTES = 100 * 1024


@proposer_required
def import_template(request):
    conference = current_conference()
    content = build_import_template(conference, user=request.user)
    return xlsx_response(content, export_filename(conference.slug, "mau-nhap-de-nghi"))


def _report_success(request, result) -> None:
    messages.success(
        request,
        ngettext(
            "%(count)s nomination was imported as a draft.",
            "%(count)s nominations were imported as drafts.",
            result.created,
        )
        % {"count": result.created},
    )
    for warning in result.warnings[:MAX_WARNING_MESSAGES]:
        messages.warning(request, warning.message)
    hidden = len(result.warnings) - MAX_WARNING_MESSAGES
    if hidden > 0:
        messages.warning(request, _("… and %(count)s more possible duplicates.") % {"count": hidden})


@proposer_required
def nomination_import(request):
    conference = current_conference()
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > BACKGROUND_IMPORT_BYTES:
                check_nominations_workbook(upload)  # cheap streaming checks only: the job parses it
                return _import_in_background(request, upload, conference)
            result = import_nominations(upload, conference=conference, by=request.user)
        except ExcelError as exc:
            errors = exc.errors
        else:
            _report_success(request, result)
            return redirect("nomination_list")
    context = {"conference": conference, "form": form, "errors": errors, "max_rows": settings.IMPORT_MAX_ROWS}
    return render(request, "nominations/import.html", context)


@login_required
def nomination_export(request):
    """The list page's current filter (same GET parameters), scoped to the user, as .xlsx."""
    conference = current_conference()
    exporter = NominationListExporter(_filtered_list(request, conference).qs)
    return xlsx_response(exporter.render(), export_filename(conference.slug, exporter.identifier))


def _import_in_background(request, upload, conference):
    """A large workbook: kept under MEDIA_ROOT, checked and saved by a job (errors shown on its page)."""
    job = jobs.start(
        task=tasks.import_nominations_xlsx,
        kind="nominations_import",
        title=_("Nomination import: %(file)s") % {"file": upload.name},
        params={"conference": conference.pk, "upload": tasks.keep_upload(upload), "one_shot": True},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)


@require_POST
@login_required
def nomination_export_job(request):
    """``nomination_export`` as a background job (the filter in the form action's query string)."""
    conference = current_conference()
    job = jobs.start(
        task=tasks.export_nominations_xlsx,
        kind="nominations_export",
        title=_("Nomination list (Excel) – %(conference)s") % {"conference": conference.name},
        params={"conference": conference.pk, "query": request.GET.urlencode()},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)
