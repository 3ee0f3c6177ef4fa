"""Decisions (Quyết định), proposals (Tờ trình), their lists, and the rules they cite and pay by."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.enums import DecisionStatus, DocumentType
from hoinghi import limits
from hoinghi.models import NormalisedTextMixin
from reference.enums import NomineeKind


class LegalBasis(NormalisedTextMixin, models.Model):
    """A "Căn cứ …" line, cited by documents dated within its period."""

    text = models.TextField(_("text"), max_length=limits.NOTE, help_text=limits.limit_help(limits.NOTE))
    for_decisions = models.BooleanField(_("cited in decisions"), default=True)
    for_proposals = models.BooleanField(_("cited in proposals"), default=True)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Signer(NormalisedTextMixin, models.Model):
    """Who signs: the Director, or a Deputy Director signing "KT. GIÁM ĐỐC"."""

    organisation = models.ForeignKey(
        "reference.Organisation", on_delete=models.PROTECT, related_name="signers", verbose_name=_("organisation")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=100, help_text=_("e.g. GIÁM ĐỐC, PHÓ GIÁM ĐỐC"))
    authority_prefix = models.CharField(
        _("signing authority line"), max_length=100, blank=True, help_text=_("e.g. KT. GIÁM ĐỐC; empty for the head")
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signer")
        verbose_name_plural = _("signers")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        prefix = f"{self.authority_prefix} / " if self.authority_prefix else ""
        return f"{prefix}{self.position} – {self.full_name}"


class BaseSalary(NormalisedTextMixin, models.Model):
    """Lương cơ sở, in force from a date until the next row."""

    amount = models.PositiveBigIntegerField(_("amount (VND per month)"))
    effective_from = models.DateField(_("in force from"), unique=True)
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salary")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} ({self.effective_from:%d/%m/%Y})"


class RewardRule(models.Model):
    """Reward = multiple × base salary, per award form and kind, from a date."""

    award_form = models.ForeignKey(
        "reference.AwardForm", on_delete=models.CASCADE, related_name="reward_rules", verbose_name=_("award form")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NomineeKind.choices)
    multiple = models.DecimalField(_("multiple of the base salary"), max_digits=5, decimal_places=2)
    effective_from = models.DateField(_("in force from"))
    round_to = models.PositiveIntegerField(_("round up to (VND)"), default=10_000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reward rule")
        verbose_name_plural = _("reward rules")
        ordering = ["award_form", "kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_form", "kind", "effective_from"], name="one_reward_rule_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.award_form} – {self.get_kind_display()}: {self.multiple}"


def refuse_delete(objects) -> None:
    """Decisions and their lists are records of what was decided: they are replaced, never deleted."""
    raise models.ProtectedError(
        _("A decision or proposal and its list are never deleted; replace it with a correction instead."), objects
    )


class NeverDeletedQuerySet(models.QuerySet):
    """``queryset.delete()`` is refused like ``instance.delete()`` (it would bypass the model method)."""

    def delete(self):
        refuse_delete(set(self))


def validate_lines(value) -> None:
    if not isinstance(value, list) or not all(isinstance(line, str) for line in value):
        raise ValidationError(_("Expected a list of text lines."))


class Decision(NormalisedTextMixin, models.Model):
    """A Quyết định (Giấy khen) or a Tờ trình (Bằng khen proposal). Issued ones never change."""

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("conference")
    )
    document_type = models.CharField(_("document type"), max_length=20, choices=DocumentType.choices)
    award_form = models.ForeignKey(
        "reference.AwardForm", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("award form")
    )
    status = models.CharField(_("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=30, blank=True, help_text=_("e.g. QĐ-SKHCN"))
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("summary line"), max_length=400)
    signer = models.ForeignKey(
        Signer, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("signed by")
    )
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    signer_authority = models.CharField(_("signing authority line"), max_length=100, blank=True)
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True, validators=[validate_lines])
    total_amount = models.PositiveBigIntegerField(_("total reward (VND)"), default=0)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name=_("replaces")
    )
    correction_reason = models.TextField(
        _("reason for the correction"), blank=True, max_length=limits.NOTE, help_text=limits.limit_help(limits.NOTE)
    )
    document = models.OneToOneField(
        "registry.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
        verbose_name=_("register entry"),
        help_text=_("Its entry in the register of outgoing documents, with the issued file."),
    )
    province_decision_number = models.CharField(_("province's decision number"), max_length=100, blank=True)
    province_decision_date = models.DateField(_("province's decision date"), null=True, blank=True)
    published = models.BooleanField(
        _("published on the public page"),
        default=False,
        help_text=_("An issued document the Department chose to publish with the honour roll."),
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
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    history = HistoricalRecords()

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision or proposal")
        verbose_name_plural = _("decisions and proposals")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.number_label} – {self.title}" if self.number else self.title

    def save(self, *args, **kwargs):
        validate_lines(self.legal_bases)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_delete({self})

    @property
    def number_label(self) -> str:
        """ "05/QĐ-SKHCN": leading zero below 10 (Decree 30/2020)."""
        return f"{self.number:02d}/{self.symbol}" if self.number else ""


class DecisionEntry(NormalisedTextMixin, models.Model):
    """One awardee on a decision's list. ``register_number`` is the số sổ vàng, fixed at issue."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="entries", verbose_name=_("decision or proposal")
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.PROTECT,
        related_name="decision_entries",
        verbose_name=_("nomination"),
    )
    register_number = models.PositiveIntegerField(_("register number"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=NomineeKind.choices)
    recipient = models.CharField(_("recipient"), max_length=250)
    description = models.CharField(_("position and unit"), max_length=400, blank=True)
    achievement = models.TextField(
        _("achievement"), blank=True, max_length=limits.ACHIEVEMENT, help_text=limits.limit_help(limits.ACHIEVEMENT)
    )
    multiple = models.DecimalField(_("multiple"), max_digits=5, decimal_places=2, default=0)
    base_salary = models.PositiveBigIntegerField(_("base salary"), default=0)
    amount = models.PositiveBigIntegerField(_("reward (VND)"), default=0)
    history = HistoricalRecords()

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["decision", "register_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "nomination"], name="one_entry_per_nomination"),
            models.UniqueConstraint(fields=["decision", "register_number"], name="unique_register_number"),
        ]

    def __str__(self) -> str:
        return self.recipient

    def delete(self, *args, **kwargs):
        refuse_delete({self})


class CarriedAward(models.Model):
    """An award carried over into its nominee's commendation history (awards/services/carry.py).

    One per list entry: carrying a round's awards again creates nothing twice.
    """

    entry = models.OneToOneField(
        DecisionEntry, on_delete=models.PROTECT, related_name="carried", verbose_name=_("list entry")
    )
    record = models.OneToOneField(
        "nominations.CommendationRecord",
        on_delete=models.CASCADE,
        related_name="carried_award",
        verbose_name=_("commendation record"),
    )
    carried_at = models.DateTimeField(_("carried over"), auto_now_add=True)

    class Meta:
        verbose_name = _("award carried over")
        verbose_name_plural = _("awards carried over")
        ordering = ["entry"]

    def __str__(self) -> str:
        return str(self.record)
