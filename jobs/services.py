"""Background jobs that produce a file: create and enqueue, report progress, finish, fail, retry, expire.

A job is one ``GeneratedFile`` row plus one task of the Tasks API (``django_tasks``). The task
function of each app is a thin wrapper: ``@task() def print_x(file_id): run(file_id, produce)``,
where ``produce(job)`` does the work, calls ``job.progress(done, total, label)`` now and then and
returns an ``Output``. ``run`` moves the row queued → running → done (file saved, expiry set) or
failed (a Vietnamese message; the traceback goes to the log only). Progress is written with
``UPDATE`` statements outside any transaction, so the page polling the row sees it at once.

Retry re-enqueues the same task with the same row (the parameters are on the row). Expiry deletes
the file and keeps the row (status "expired") as the record of who generated what and when.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from hoinghi.excel import ExcelError
from jobs.models import GeneratedFile, JobStatus

logger = logging.getLogger(__name__)


class NotRetryable(ValidationError):
    """Only a failed job can be retried."""


@dataclass
class Output:
    """What a job produced: the bytes, or an open file (for large results written to disk)."""

    filename: str = ""  # ASCII
    display_name: str = ""  # Vietnamese, for filename*=
    content_type: str = ""
    content: bytes | None = None
    file: File | None = None
    summary: str = ""  # a job without a file (an import) says what it did; shown instead of a download


class Job:
    """The handle a ``produce`` function gets: the row (parameters, requester) and a progress reporter."""

    def __init__(self, generated: GeneratedFile):
        self.generated = generated
        self.params = generated.params
        self.user = generated.requested_by

    def progress(self, done: int, total: int, label: str = "") -> None:
        """Record progress (``label`` already translated, shown under the bar)."""
        GeneratedFile.objects.filter(pk=self.generated.pk).update(
            progress_done=done, progress_total=total, progress_label=str(label)[:200]
        )


Produce = Callable[[Job], Output]


def ttl() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.GENERATED_FILE_TTL_HOURS)


def _enqueue(generated: GeneratedFile) -> GeneratedFile:
    task = import_string(generated.task_path)
    result = task.enqueue(generated.pk)
    GeneratedFile.objects.filter(pk=generated.pk).update(task_id=str(result.id))
    generated.refresh_from_db()
    return generated


def start(*, task, kind: str, title: str, params: dict, by) -> GeneratedFile:
    """Create the row (queued) and enqueue ``task`` (a ``django_tasks`` task taking the row's id)."""
    generated = GeneratedFile.objects.create(
        kind=kind, title=str(title)[:300], requested_by=by, task_path=task.module_path, params=params
    )
    return _enqueue(generated)


def retry(generated: GeneratedFile, *, by) -> GeneratedFile:
    """Run a failed job again, as a fresh queued job on the same row."""
    if generated.status != JobStatus.FAILED:
        raise NotRetryable(_("Only a failed job can be retried."), code="not_failed")
    if not generated.retryable:
        raise NotRetryable(_("This job cannot be retried: start it again."), code="one_shot")
    GeneratedFile.objects.filter(pk=generated.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED,
        started_at=None,
        finished_at=None,
        progress_done=0,
        progress_total=0,
        progress_label="",
        error="",
        error_details=[],
        expires_at=None,
    )
    logger.info("Job %s retried by %s", generated.pk, by)
    generated.refresh_from_db()
    return _enqueue(generated)


def _claim(file_id: int) -> GeneratedFile | None:
    """queued → running; None when the row is gone or not queued (a duplicate delivery)."""
    claimed = GeneratedFile.objects.filter(pk=file_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    return GeneratedFile.objects.select_related("requested_by").get(pk=file_id)


def finish(generated: GeneratedFile, output: Output) -> GeneratedFile:
    """Save the file under MEDIA_ROOT and mark the job done; it expires after GENERATED_FILE_TTL_HOURS."""
    now = timezone.now()
    if output.file is not None:
        generated.file.save(output.filename, output.file, save=False)
    elif output.content is not None:
        generated.file.save(output.filename, ContentFile(output.content), save=False)
    generated.filename = output.filename
    generated.display_name = output.display_name
    generated.content_type = output.content_type
    generated.size = generated.file.size if generated.file else 0
    generated.status = JobStatus.DONE
    generated.finished_at = now
    generated.expires_at = now + ttl()
    reported, label = GeneratedFile.objects.values_list("progress_total", "progress_label").get(pk=generated.pk)
    generated.progress_total = generated.progress_done = reported
    generated.progress_label = str(output.summary)[:200] if output.summary else label
    generated.save(
        update_fields=[
            "file",
            "filename",
            "display_name",
            "content_type",
            "size",
            "status",
            "finished_at",
            "expires_at",
            "progress_done",
            "progress_total",
            "progress_label",
        ]
    )
    generated.refresh_from_db()
    return generated


def fail(generated: GeneratedFile, message: str, details: list | None = None) -> GeneratedFile:
    """Mark the job failed with a message for the user (Vietnamese) and optional table rows."""
    now = timezone.now()
    GeneratedFile.objects.filter(pk=generated.pk).update(
        status=JobStatus.FAILED, finished_at=now, expires_at=now + ttl(), error=message, error_details=details or []
    )
    generated.refresh_from_db()
    return generated


def _excel_details(error: ExcelError) -> list[dict]:
    return [{"row": e.row, "column": e.column, "message": str(e.message)} for e in error.errors]


def run(file_id: int, produce: Produce) -> None:
    """Run one job: the body of every task function. Never raises: a failure is recorded on the row."""
    generated = _claim(file_id)
    if generated is None:
        logger.warning("Job %s is not queued any more: skipped", file_id)
        return
    with translation.override(settings.LANGUAGE_CODE):
        try:
            output = produce(Job(generated))
            try:
                finish(generated, output)
            finally:
                if output.file is not None:
                    output.file.close()
        except ExcelError as error:
            fail(generated, _("The file has errors: nothing was imported."), _excel_details(error))
        except ValidationError as error:
            fail(generated, " ".join(str(m) for m in error.messages))
        except Exception:
            logger.exception("Job %s (%s) failed", file_id, generated.task_path)
            fail(
                generated,
                _("The job stopped on an unexpected error. Retry it; if it fails again, tell the administrator."),
            )


def expire(now: datetime.datetime | None = None) -> int:
    """Delete the files of jobs past their expiry; the rows stay, marked "expired". Returns the count."""
    now = now or timezone.now()
    due = GeneratedFile.objects.filter(status__in=(JobStatus.DONE, JobStatus.FAILED), expires_at__lte=now)
    count = 0
    for generated in due.iterator():
        with transaction.atomic():
            if generated.file:
                generated.file.delete(save=False)
            GeneratedFile.objects.filter(pk=generated.pk).update(status=JobStatus.EXPIRED, file="", size=0)
        count += 1
    return count


STALE_AFTER = datetime.timedelta(hours=6)


def fail_stale(now: datetime.datetime | None = None) -> int:
    """Jobs "running" for longer than STALE_AFTER lost their worker (killed, machine down): mark them failed.

    The user then sees the error and can retry. Returns the count.
    """
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        message = _("The worker stopped while running this job. Retry it.")
    return GeneratedFile.objects.filter(status=JobStatus.RUNNING, started_at__lte=now - STALE_AFTER).update(
        status=JobStatus.FAILED, finished_at=now, expires_at=now + ttl(), error=message
    )
