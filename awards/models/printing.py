from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.enums import PrintMode
from hoinghi.models import NormalisedTextMixin

# The text fields of a certificate that can be nudged when printing on pre-printed blanks.
CERTIFICATE_FIELDS = ("issuer", "award", "recipient", "description", "achievement", "decision", "register", "signature")


def validate_offsets(value) -> None:
    """{"recipient": [dx_mm, dy_mm], ...} with known field names and numbers only."""
    if not isinstance(value, dict):
        raise ValidationError(_("Offsets must be an object of field: [x, y] in millimetres."))
    for name, pair in value.items():
        if name not in CERTIFICATE_FIELDS:
            raise ValidationError(_("Unknown certificate field: %(name)s") % {"name": name})
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(v, int | float) and abs(v) <= 100 for v in pair)
        ):
            raise ValidationError(
                _("Offset of %(name)s must be [x, y] in millimetres, each within ±100.") % {"name": name}
            )


class CertificateLayout(NormalisedTextMixin, models.Model):
    """Paper and print settings of one award form's certificate."""

    award_form = models.OneToOneField(
        "reference.AwardForm",
        on_delete=models.CASCADE,
        related_name="certificate_layout",
        verbose_name=_("award form"),
    )
    heading = models.CharField(_("award name on the certificate"), max_length=100, help_text=_("e.g. GIẤY KHEN"))
    issuer_line = models.CharField(
        _("issuer's position (red line)"), max_length=300, help_text=_("e.g. GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    )
    paper_width_mm = models.PositiveSmallIntegerField(_("paper width (mm)"), default=297)
    paper_height_mm = models.PositiveSmallIntegerField(_("paper height (mm)"), default=210)
    default_mode = models.CharField(_("default mode"), max_length=20, choices=PrintMode.choices, default=PrintMode.FULL)
    offsets = models.JSONField(
        _("text offsets for pre-printed blanks (mm)"), default=dict, blank=True, validators=[validate_offsets]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")

    def __str__(self) -> str:
        return f"{self.heading} {self.paper_width_mm}×{self.paper_height_mm}"

    def save(self, *args, **kwargs):
        validate_offsets(self.offsets)
        super().save(*args, **kwargs)


class CertificatePrint(models.Model):
    """Every print of a certificate: who, when, which one, the how-many-th time."""

    entry = models.ForeignKey(
        "awards.DecisionEntry", on_delete=models.PROTECT, related_name="prints", verbose_name=_("list entry")
    )
    mode = models.CharField(_("mode"), max_length=20, choices=PrintMode.choices)
    in_batch = models.BooleanField(_("printed with the whole decision"), default=False)
    reprint_number = models.PositiveSmallIntegerField(_("print number"), default=1)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("printed by")
    )
    printed_at = models.DateTimeField(_("printed"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate print")
        verbose_name_plural = _("certificate prints")
        ordering = ["-printed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.entry} #{self.reprint_number}"


class PrintedDocument(models.Model):
    """Every print of a document (Quyết định, Tờ trình, minutes, invitations, the agenda): who, when, what.

    A print changes no other row, so it is a row of its own, recorded by its history like
    ``CertificatePrint`` (docs/architecture.md, "Audit trail").
    """

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="+", verbose_name=_("conference")
    )
    what = models.CharField(_("what"), max_length=300)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("printed by")
    )
    printed_at = models.DateTimeField(_("printed"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("printed document")
        verbose_name_plural = _("printed documents")
        ordering = ["-printed_at", "-id"]

    def __str__(self) -> str:
        return self.what
