"""Nominees, nominations and their dossiers (history, attachments, workflow log)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hoinghi import limits
from hoinghi.models import NormalisedTextMixin
from hoinghi.text import collation_key, fold, person_name_key
from nominations.enums import AttachmentKind, Gender, MatchStatus, NominationStatus, RecordCategory, RuleCheck
from reference.enums import NomineeKind


class Nominee(NormalisedTextMixin, models.Model):
    """Điển hình tiên tiến: the person or the collective proposed."""

    kind = models.CharField(_("kind"), max_length=20, choices=NomineeKind.choices)
    full_name = models.CharField(_("full name / collective name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveIntegerField(_("year of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "reference.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("work unit"),
    )
    parent_body = models.CharField(_("governing body"), max_length=200, blank=True)
    under_discipline = models.BooleanField(
        _("under discipline, investigation or complaint handling"),
        default=False,
        help_text=_("Blocks any award while it lasts (Decree 152/2025, Art. 4)."),
    )
    discipline_note = models.CharField(_("discipline note"), max_length=300, blank=True)
    sort_key = models.CharField(max_length=255, editable=False, default="")
    search_text = models.CharField(max_length=400, editable=False, default="")
    identity_key = models.CharField(max_length=300, editable=False, default="", db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        # The list's order (nominee__sort_key, id): walked in index order, then an incremental sort on id.
        # The trigram index on search_text is PostgreSQL-only: migration 0005 creates it.
        indexes = [models.Index(fields=["sort_key"], name="nominee_sort_key_idx")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.normalise_text_fields()
        if self.birth_date:
            self.birth_year = self.birth_date.year
        self.compute_keys()
        super().save(*args, **kwargs)

    @property
    def is_individual(self) -> bool:
        return self.kind == NomineeKind.INDIVIDUAL

    @property
    def honorific(self) -> str:
        """Ông / Bà, derived from gender (empty for collectives)."""
        if self.kind != NomineeKind.INDIVIDUAL:
            return ""
        return {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(self.gender, "")

    @property
    def description(self) -> str:
        """How lists and certificates describe the nominee after the name.

        A person: "chức vụ, đơn vị công tác, cơ quan" — the unit and the Department are left out
        when the position already names them ("Trưởng phòng Quản lý khoa học"). A collective:
        its governing body (cơ quan chủ quản).
        """
        if self.kind != NomineeKind.INDIVIDUAL:
            return self.parent_body
        parts = [self.position] if self.position else []
        if self.unit_id:
            for name in (self.unit.name, self.unit.organisation.name):
                if fold(name) not in fold(", ".join(parts)):
                    parts.append(name)
        return ", ".join(parts)

    def compute_keys(self) -> None:
        individual = self.kind == NomineeKind.INDIVIDUAL
        self.sort_key = person_name_key(self.full_name) if individual else collation_key(self.full_name)
        self.search_text = fold(" ".join([self.full_name, self.position, self.parent_body]))[:400]
        if individual:
            self.identity_key = f"i|{fold(self.full_name)}|{self.birth_year or ''}|{self.unit_id or ''}"
        else:
            self.identity_key = f"c|{fold(self.full_name)}|{fold(self.parent_body)}"


class NominationQuerySet(models.QuerySet):
    """Every nomination, soft-deleted ones included; ``.alive()`` is what lists, counts and choices show.

    The default manager hides nothing (the house style): code that must leave out nominations
    soft-deleted by ``services.delete_nomination`` says so with ``.alive()``; a decision's list,
    the history and the administrator's look-ups still find every row (docs/nominations.md).
    """

    def alive(self) -> "NominationQuerySet":
        return self.filter(deleted_at__isnull=True)


class Nomination(NormalisedTextMixin, models.Model):
    """Đề nghị khen thưởng: one nominee proposed for one award form in one conference."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.PROTECT, related_name="nominations", verbose_name=_("conference")
    )
    nominee = models.ForeignKey(
        Nominee, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("nominee")
    )
    proposing_unit = models.ForeignKey(
        "reference.Unit", on_delete=models.PROTECT, related_name="nominations", verbose_name=_("proposing unit")
    )
    movements = models.ManyToManyField(
        "reference.Movement", blank=True, related_name="nominations", verbose_name=_("movements")
    )
    award_form = models.ForeignKey(
        "reference.AwardForm",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("proposed award form"),
    )
    achievement_summary = models.TextField(
        _("achievement summary"), max_length=limits.ACHIEVEMENT, help_text=limits.limit_help(limits.ACHIEVEMENT)
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.DRAFT, db_index=True
    )
    status_note = models.TextField(
        _("reason"),
        blank=True,
        max_length=limits.NOTE,
        help_text=limits.limit_help(limits.NOTE, _("Why it was returned or rejected.")),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Optimistic locking: every write through nominations.services adds one (see docs/data-safety.md).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Soft delete, for a nomination that has been before the council or on a decision's list.
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    # The nominee's sort key, copied by database triggers (migration 0005) on every insert, every
    # move to another nominee and every change of the nominee's key: the list sorted by status
    # walks one index (conference, status, key, id) instead of sorting a whole status's rows.
    # Read it from the database: an instance saved by the ORM keeps the default "".
    nominee_sort_key = models.CharField(max_length=255, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["updated_at", "nominee_sort_key"])

    objects = NominationQuerySet.as_manager()
    has_duplicate: bool  # not a column: set on one page's rows by selectors.mark_duplicates

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["nominee__sort_key", "id"]
        indexes = [
            models.Index(fields=["conference", "status"]),
            models.Index(fields=["conference", "proposing_unit"]),
            # The review queue's order: walked in order, filtered on status (40 ms -> 1 ms at 50,000).
            models.Index(fields=["conference", "submitted_at", "id"], name="nomination_review_order_idx"),
            # "Recently changed" (-updated_at, -id), walked backwards from any cursor (hoinghi.paging).
            models.Index(fields=["conference", "updated_at", "id"], name="nomination_updated_order_idx"),
            # Sorted by status, then name (hoinghi.paging walks it from any cursor).
            models.Index(fields=["conference", "status", "nominee_sort_key", "id"], name="nomination_status_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.nominee} – {self.award_form}"


class CommendationRecord(NormalisedTextMixin, models.Model):
    """Quá trình khen thưởng: one title or award the nominee already received."""

    nominee = models.ForeignKey(
        Nominee, on_delete=models.CASCADE, related_name="commendations", verbose_name=_("nominee")
    )
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title or award form"), max_length=300)
    category = models.CharField(
        _("category"), max_length=30, choices=RecordCategory.choices, default=RecordCategory.OTHER
    )
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation record")
        verbose_name_plural = _("commendation history")
        ordering = ["nominee", "year", "id"]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    """Store under a random name: the original name is kept in a column, never trusted."""
    return f"attachments/{instance.public_id.hex[:2]}/{instance.public_id.hex}{instance.extension}"


class Attachment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("nomination")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("file extension"), max_length=10)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["nomination", "kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class EligibilityRule(NormalisedTextMixin, models.Model):
    """One route to eligibility for an award form and kind, in force between two dates.

    Routes are alternatives ("ONE of"): a nominee passes when any automatic route passes.
    Categories are comma-separated nominations.enums.RecordCategory values.
    """

    award_form = models.ForeignKey(
        "reference.AwardForm", on_delete=models.CASCADE, related_name="rules", verbose_name=_("award form")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NomineeKind.choices)
    name = models.CharField(_("criterion"), max_length=300)
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    check_type = models.CharField(_("check"), max_length=30, choices=RuleCheck.choices)
    years = models.PositiveSmallIntegerField(_("consecutive years"), default=2)
    title_categories = models.CharField(_("titles that count (categories)"), max_length=300, blank=True)
    supporting_count = models.PositiveSmallIntegerField(_("supporting records needed"), default=0)
    supporting_categories = models.CharField(_("supporting records (categories)"), max_length=300, blank=True)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["award_form", "kind", "order", "id"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def split(categories: str) -> set[str]:
        return {c.strip() for c in categories.split(",") if c.strip()}


class NomineeMatch(models.Model):
    """A nominee of a later round linked to a nominee awarded in an earlier round (nominations/matching.py).

    The eligibility rules read the earlier nominee's commendation history (the awards carried over
    included) when the link counts: matched automatically (same folded name, birth date and unit)
    or confirmed by the Office. A near match waits in the Office's review list.
    """

    COUNTED = (MatchStatus.SAME, MatchStatus.CONFIRMED)

    nominee = models.ForeignKey(
        Nominee, on_delete=models.CASCADE, related_name="earlier_matches", verbose_name=_("nominee")
    )
    earlier = models.ForeignKey(
        Nominee, on_delete=models.CASCADE, related_name="later_matches", verbose_name=_("earlier nominee")
    )
    status = models.CharField(_("status"), max_length=20, choices=MatchStatus.choices, db_index=True)
    differences = models.CharField(_("differences"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nominee match")
        verbose_name_plural = _("nominee matches")
        ordering = ["nominee", "earlier"]
        constraints = [models.UniqueConstraint(fields=["nominee", "earlier"], name="one_match_per_pair")]

    def __str__(self) -> str:
        return f"{self.nominee} ↔ {self.earlier}"

    @property
    def counted(self) -> bool:
        return self.status in self.COUNTED


class NominationCount(models.Model):
    """How many live nominations one conference has per proposing unit, award form, kind and status.

    Maintained by database triggers on ``Nomination`` (and on ``Nominee.kind``), in the same
    transaction as every write — ``services.transition``, creation, import, edits, soft delete,
    ``bulk_create`` and raw ``update()`` alike — with ``INSERT … ON CONFLICT DO UPDATE SET n = n + 1``,
    so concurrent transitions never lose a count (migration 0004, docs/nominations.md "The
    dashboard"). The dashboard reads these few thousand rows instead of grouping 50,000
    nominations; ``manage.py check_nomination_counts`` recomputes them and compares.
    """

    conference = models.ForeignKey("reference.Conference", on_delete=models.CASCADE, related_name="+")
    proposing_unit = models.ForeignKey("reference.Unit", on_delete=models.CASCADE, related_name="+")
    award_form = models.ForeignKey("reference.AwardForm", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NomineeKind.choices)
    status = models.CharField(max_length=20, choices=NominationStatus.choices)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("nomination counter")
        verbose_name_plural = _("nomination counters")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "proposing_unit", "award_form", "kind", "status"], name="nomination_count_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposing_unit_id}/{self.award_form_id}/{self.kind}/{self.status}: {self.n}"
