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
from movements.enums import RegistrationStatus, ReportStatus

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


PLEDGE_TEXT = 2000


class LaunchPlan(NormalisedTextMixin, models.Model):
    """Kế hoạch phát động: what the Office launches a movement with, and what units may register for."""

    movement = models.OneToOneField(
        "reference.Movement", on_delete=models.CASCADE, related_name="launch_plan", verbose_name=_("movement")
    )
    goals = models.TextField(_("goals"), blank=True, max_length=REPORT_TEXT, help_text=limits.limit_help(REPORT_TEXT))
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    award_forms = models.ManyToManyField(
        "reference.AwardForm", blank=True, related_name="+", verbose_name=_("titles units can register for")
    )
    other_titles = models.TextField(
        _("other titles (one per line)"), blank=True, max_length=2000, help_text=limits.limit_help(2000)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("launch plan")
        verbose_name_plural = _("launch plans")

    def __str__(self) -> str:
        return str(self.movement)

    def other_title_list(self) -> list[str]:
        return [line.strip() for line in self.other_titles.splitlines() if line.strip()]


class Registration(NormalisedTextMixin, models.Model):
    """Bản đăng ký thi đua: one unit's registration for one movement (its own and its people's titles)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    movement = models.ForeignKey(
        "reference.Movement", on_delete=models.PROTECT, related_name="registrations", verbose_name=_("movement")
    )
    unit = models.ForeignKey(
        "reference.Unit", on_delete=models.PROTECT, related_name="movement_registrations", verbose_name=_("unit")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation registration")
        verbose_name_plural = _("emulation registrations")
        ordering = ["movement_id", "unit__order", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="one_registration_per_movement_and_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"


class Pledge(NormalisedTextMixin, models.Model):
    """One line of a registration: who (the unit itself when ``person`` is empty), the title aimed for, the pledge."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="pledges")
    person = models.CharField(_("individual"), max_length=200, blank=True)
    award_form = models.ForeignKey(
        "reference.AwardForm", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("award form"),
    )  # fmt: skip
    other_title = models.CharField(_("other title"), max_length=200, blank=True)
    text = models.TextField(_("pledge"), blank=True, max_length=PLEDGE_TEXT, help_text=limits.limit_help(PLEDGE_TEXT))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["registration", "id"]

    def __str__(self) -> str:
        return f"{self.person or self.registration.unit}: {self.title}"

    @property
    def title(self) -> str:
        return self.award_form.name if self.award_form_id else self.other_title
