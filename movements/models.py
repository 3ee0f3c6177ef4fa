"""Units' reports on the emulation movements: the Office's indicators, each unit's report, its figures and files.

A ``MovementReport`` is one unit's summary of one movement (unique per movement and unit): figures
against the movement's ``Indicator`` rows, five texts, attached files, and the workflow status
that only ``movements.services.transition`` assigns (docs/movement-reports.md).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hoinghi import limits
from hoinghi.models import NormalisedTextMixin
from movements.enums import ReportStatus

REPORT_TEXT = 4000  # each of the five texts: about a page
TEXT_FIELDS = ("results", "good_practices", "lessons", "shortcomings", "proposals")


def _report_text(label) -> models.TextField:
    return models.TextField(label, blank=True, max_length=REPORT_TEXT, help_text=limits.limit_help(REPORT_TEXT))


class Indicator(NormalisedTextMixin, models.Model):
    """Chỉ tiêu: what units count for one movement (e.g. initiatives recognised), with its unit of measure."""

    movement = models.ForeignKey(
        "reference.Movement", on_delete=models.CASCADE, related_name="indicators", verbose_name=_("movement")
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["movement", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["movement", "name"], name="unique_indicator_name")]

    def __str__(self) -> str:
        return self.name


class MovementReport(NormalisedTextMixin, models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    movement = models.ForeignKey(
        "reference.Movement", on_delete=models.PROTECT, related_name="unit_reports", verbose_name=_("movement")
    )
    unit = models.ForeignKey(
        "reference.Unit", on_delete=models.PROTECT, related_name="movement_reports", verbose_name=_("unit")
    )
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    status_note = models.TextField(
        _("reason"), blank=True, max_length=limits.NOTE, help_text=limits.limit_help(limits.NOTE)
    )
    results = models.TextField(
        _("results"), blank=True, max_length=REPORT_TEXT, help_text=limits.limit_help(REPORT_TEXT)
    )
    good_practices = models.TextField(
        _("good practices"), blank=True, max_length=REPORT_TEXT, help_text=limits.limit_help(REPORT_TEXT)
    )
    lessons = models.TextField(
        _("lessons learned"), blank=True, max_length=REPORT_TEXT, help_text=limits.limit_help(REPORT_TEXT)
    )
    shortcomings = models.TextField(
        _("shortcomings"), blank=True, max_length=REPORT_TEXT, help_text=limits.limit_help(REPORT_TEXT)
    )
    proposals = models.TextField(
        _("proposals"), blank=True, max_length=REPORT_TEXT, help_text=limits.limit_help(REPORT_TEXT)
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("movement report")
        verbose_name_plural = _("movement reports")
        ordering = ["movement__order", "movement_id", "unit__order", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="one_report_per_movement_and_unit")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"


class Figure(models.Model):
    """One number of one report against one indicator."""

    report = models.ForeignKey(MovementReport, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="figures")
    value = models.DecimalField(_("figure"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="one_figure_per_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


def attachment_path(instance: "ReportAttachment", filename: str) -> str:
    """Stored under a random name: the original name is kept in a column, never trusted."""
    return f"movement-reports/{instance.public_id.hex[:2]}/{instance.public_id.hex}{instance.extension}"


class ReportAttachment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(MovementReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("file extension"), max_length=10)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
