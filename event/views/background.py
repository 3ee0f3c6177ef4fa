"""Buttons that start a background job (jobs app) and redirect to its progress page: all invitations, the export."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.views.office import office_only
from conference.selectors import current_conference
from event import tasks
from jobs import services as jobs


@require_POST
@office_only
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
@office_only
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
