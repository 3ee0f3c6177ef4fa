"""The register of outgoing documents (sổ đăng ký văn bản đi, Nghị định 30/2020 Phụ lục IV).

An ``OutgoingDocument`` is one document the Department (or its council) issues: a draft until
``registry.services.issue`` gives it, once, its number in its series, its date, its signer, its
recipients and its file (``IssuedFile``: the bytes and their SHA-256; every later download is that
file). Issued documents are never edited or deleted: a correction is a new document that cites the
one it corrects.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hoinghi import limits
from hoinghi.letterhead import two_digits
from hoinghi.models import NormalisedTextMixin
from registry.enums import DocumentKind, DocumentStatus


def refuse_delete(objects) -> None:
    raise models.ProtectedError(
        _("An issued document and its file are never deleted; issue a correction instead."), objects
    )


class RegisterQuerySet(models.QuerySet):
    """``queryset.delete()`` refuses issued documents like ``instance.delete()`` (drafts may go)."""

    def delete(self):
        issued = [d for d in self if d.status == DocumentStatus.ISSUED]
        if issued:
            refuse_delete(set(issued))
        return super().delete()


class NeverDeletedQuerySet(models.QuerySet):
    def delete(self):
        refuse_delete(set(self))


class SeriesCounter(NormalisedTextMixin, models.Model):
    """The last number one issuer used in one series in one year (locked on use; restarts each year)."""

    issuer_code = models.CharField(_("issuer"), max_length=30)
    series = models.CharField(_("series"), max_length=10, blank=True, help_text=_("empty: the common series"))
    year = models.PositiveIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [models.UniqueConstraint(fields=["issuer_code", "series", "year"], name="one_counter_per_year")]

    def __str__(self) -> str:
        return f"{self.issuer_code} {self.series or '*'} {self.year}: {self.last_number}"


class OutgoingDocument(NormalisedTextMixin, models.Model):
    conference = models.ForeignKey(
        "reference.Conference",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outgoing_documents",
        verbose_name=_("conference"),
    )
    kind = models.CharField(_("document kind"), max_length=5, choices=DocumentKind.choices)
    issuer_code = models.CharField(_("issuer"), max_length=30, help_text=_("e.g. SKHCN, or HĐTĐKT for the council"))
    source = models.CharField(
        _("made from"), max_length=100, blank=True, db_index=True, help_text=_("what the application printed it from")
    )
    summary = models.CharField(_("summary (trích yếu)"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    series = models.CharField(_("series"), max_length=10, blank=True)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    signer_authority = models.CharField(_("signing authority line"), max_length=100, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    recipients = models.TextField(
        _("recipients (Nơi nhận)"), blank=True, max_length=limits.NOTE, help_text=limits.limit_help(limits.NOTE)
    )
    copies = models.PositiveSmallIntegerField(_("number of copies"), null=True, blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    correction_reason = models.TextField(
        _("reason for the correction"), blank=True, max_length=limits.NOTE, help_text=limits.limit_help(limits.NOTE)
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = RegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        ordering = ["-year", "-date", "-number", "-id"]
        constraints = [
            # The storage itself refuses a number given twice in a series.
            models.UniqueConstraint(
                fields=["issuer_code", "series", "year", "number"],
                condition=models.Q(number__isnull=False),
                name="one_number_per_series",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_label} {self.summary[:60]}"

    def delete(self, *args, **kwargs):
        if self.status == DocumentStatus.ISSUED:
            refuse_delete({self})
        return super().delete(*args, **kwargs)

    @property
    def symbol(self) -> str:
        """ "QĐ-SKHCN", "BB-HĐTĐKT"; a Công văn carries no kind: "SKHCN-VP" (NĐ 30, Phụ lục I)."""
        if self.kind == DocumentKind.LETTER:
            return f"{self.issuer_code}-VP"
        return f"{self.kind}-{self.issuer_code}"

    @property
    def number_label(self) -> str:
        """ "05/QĐ-SKHCN" once issued; "     /QĐ-SKHCN" on a draft."""
        number = two_digits(self.number) if self.number else "     "
        return f"{number}/{self.symbol}"

    @property
    def number_line(self) -> str:
        """The header's ô 3: "Số: 05/QĐ-SKHCN", or "Số:        /QĐ-SKHCN" with the number left blank."""
        if self.number:
            return f"Số: {two_digits(self.number)}/{self.symbol}"
        return f"Số:        /{self.symbol}"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    def recipient_lines(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line.strip()]


class IssuedFile(models.Model):
    """The file that was issued, byte for byte, and its SHA-256 (every download serves these bytes)."""

    document = models.OneToOneField(
        OutgoingDocument, on_delete=models.PROTECT, related_name="issued_file", verbose_name=_("document")
    )
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100, default="application/pdf")
    created_at = models.DateTimeField(_("stored"), auto_now_add=True)
    # Digital signature (registry.signing.sign_document): the signed file replaces the content; the
    # unsigned file is its first ``unsigned_size`` bytes (the signature is an incremental update).
    unsigned_sha256 = models.CharField(_("SHA-256 before signing"), max_length=64, blank=True, db_index=True)
    unsigned_size = models.PositiveIntegerField(_("size before signing (bytes)"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signer_subject = models.CharField(_("certificate subject"), max_length=500, blank=True)
    signer_certificate_sha256 = models.CharField(_("certificate SHA-256"), max_length=64, blank=True, db_index=True)

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued file")
        verbose_name_plural = _("issued files")

    def __str__(self) -> str:
        return f"{self.filename} ({self.sha256[:12]}…)"

    def delete(self, *args, **kwargs):
        refuse_delete({self})
