"""The job page (progress bar polled by htmx), its fragment, the download, retry and the list of files.

Another user's job answers 404 (``selectors.files_visible_to``); anonymous users go to the login
page. The progress fragment carries ``hx-trigger="every 1s"`` only while the job is not finished,
so polling stops by itself when the job is done or failed (no script of our own).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from hoinghi.downloads import as_attachment
from jobs import services
from jobs.models import JobStatus
from jobs.selectors import files_visible_to

RECENT = 50


def _visible(request, pk: int):
    return get_object_or_404(files_visible_to(request.user), pk=pk)


@require_GET
@login_required
def job_detail(request, pk: int):
    return render(request, "jobs/detail.html", {"job": _visible(request, pk)})


@require_GET
@login_required
def job_progress(request, pk: int):
    """The progress fragment alone, for htmx polling."""
    return render(request, "jobs/_progress.html", {"job": _visible(request, pk)})


@require_GET
@login_required
def job_download(request, pk: int):
    job = _visible(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    response = FileResponse(job.file.open("rb"), content_type=job.content_type or "application/octet-stream")
    return as_attachment(response, job.filename, job.display_name or job.filename)


@require_POST
@login_required
def job_retry(request, pk: int):
    job = _visible(request, pk)
    try:
        services.retry(job, by=request.user)
    except services.NotRetryable as error:
        messages.error(request, error.messages[0])
    return redirect("job_detail", pk=job.pk)


@require_GET
@login_required
def job_list(request):
    """Tệp đã tạo: the user's recent files."""
    context = {"jobs": files_visible_to(request.user)[:RECENT], "ttl_hours": settings.GENERATED_FILE_TTL_HOURS}
    return render(request, "jobs/list.html", context)
