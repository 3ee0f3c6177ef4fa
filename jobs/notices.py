"""The bell's kind of the jobs (``hoinghi.notices``): my background jobs finished (done or failed)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hoinghi import notices
from jobs.models import GeneratedFile, JobStatus


def _finished_count(user, since) -> int:
    rows = GeneratedFile.objects.filter(requested_by=user, status__in=(JobStatus.DONE, JobStatus.FAILED))
    if since is not None:
        rows = rows.filter(finished_at__gt=since)
    return rows.count()


def register() -> None:
    notices.register(
        notices.NoticeKind(
            code="jobs",
            label=_("Finished jobs"),
            applies=lambda user: user.is_authenticated,
            count=_finished_count,
            url=lambda user: reverse("job_list"),
        )
    )
