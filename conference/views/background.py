"""Buttons that start a background job (jobs app) and redirect to its progress page.

All invitations, the delegate export and the report to the Department of Home Affairs.
"""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference import tasks
from hoinghi.gates import office_required
from jobs import services as jobs
from reference.selectors import current_conference


@require_POST
@office_required
def invitations_job(request):
    conference = current_conference()
    job = jobs.start(
        task=tasks.print_invitations,
        kind="invitations",
        title=_("All invitations – %(conference)s") % {"conference": conference.name},
        params={"conference": conference.pk},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)


@require_POST
@office_required
def delegates_export_job(request):
    """The list's current filter and order (the query string of the form's action) as .xlsx."""
    conference = current_conference()
    job = jobs.start(
        task=tasks.export_delegates_xlsx,
        kind="delegates_export",
        title=_("Delegate list (Excel) – %(conference)s") % {"conference": conference.name},
        params={"conference": conference.pk, "query": request.GET.urlencode()},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)


@require_POST
@office_required
def report_job(request):
    """The report with its annexes: the draft until it is issued (then the stored file, at once)."""
    conference = current_conference()
    job = jobs.start(
        task=tasks.print_report,
        kind="report",
        title=_("Report to the Department of Home Affairs – %(conference)s") % {"conference": conference.name},
        params={"conference": conference.pk},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)
