"""A generated file: one background job (a print batch, an export, an import) and its result.

The row is the job's whole story for the user: who asked, when, how far it got (``progress_done`` of
``progress_total`` with a short label), the file once done or the Vietnamese error once failed, and
when the file expires. Rows change only through ``jobs.services``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


FINISHED = (JobStatus.DONE, JobStatus.FAILED, JobStatus.EXPIRED)


def _upload_to(instance: "GeneratedFile", filename: str) -> str:
    return f"generated/{instance.created_at:%Y/%m}/{instance.pk}-{filename}"


class GeneratedFile(models.Model):
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)  # ASCII, for filename=
    display_name = models.CharField(_("display name"), max_length=300, blank=True)  # Vietnamese, filename*=
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="generated_files",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    progress_label = models.CharField(_("progress"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    error_details = models.JSONField(_("error details"), default=list, blank=True)
    task_path = models.CharField(_("task"), max_length=200)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated file")
        verbose_name_plural = _("generated files")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("requested_by", "-created_at"), name="jobs_by_user_recent"),
            models.Index(fields=("status", "expires_at"), name="jobs_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def retryable(self) -> bool:
        """False for a job whose input is used up (an uploaded file, deleted after the run)."""
        return not self.params.get("one_shot", False)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
