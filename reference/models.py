"""Reference data every conference hangs on: organisation, units, movements, award forms.

All of it is data the Office edits in the admin, never code.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hoinghi.models import NormalisedTextMixin
from hoinghi.text import collation_key, normalize_text
from reference.enums import AwardLevel, MovementScope, NomineeKind, UnitKind


class Organisation(NormalisedTextMixin, models.Model):
    """The Department that runs the conference (header lines, abbreviation, place)."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50)
    abbreviation = models.CharField(_("document abbreviation"), max_length=20, help_text=_("e.g. SKHCN"))
    parent_name = models.CharField(_("governing body"), max_length=200, help_text=_("e.g. UBND TỈNH HƯNG YÊN"))
    province = models.CharField(_("province"), max_length=100)
    place_name = models.CharField(_("place name on documents"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Unit(NormalisedTextMixin, models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="units", verbose_name=_("organisation")
    )
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    sort_key = models.CharField(max_length=255, editable=False, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["order", "sort_key"]
        # The nominations list sorted by unit walks the units in this order, each unit's nominations
        # through (conference, proposing_unit), then sorts within the unit (docs/performance.md).
        indexes = [models.Index(fields=["order", "sort_key"], name="unit_order_sort_key_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = collation_key(normalize_text(self.name))
        super().save(*args, **kwargs)


class ConferenceQuerySet(models.QuerySet):
    def current(self) -> "Conference | None":
        return self.filter(is_current=True).select_related("organisation").first()


class Conference(NormalisedTextMixin, models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="conferences", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("short code"), max_length=50, unique=True)
    year = models.PositiveIntegerField(_("year"))
    period_label = models.CharField(_("planned period"), max_length=100, blank=True, help_text=_("e.g. Quý II/2025"))
    date = models.DateField(_("date"), null=True, blank=True)
    duration_label = models.CharField(_("duration"), max_length=50, blank=True, help_text=_("e.g. ½ buổi"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    organiser = models.CharField(_("organiser"), max_length=300, blank=True)
    chair = models.CharField(_("chaired by"), max_length=300, blank=True)
    contact = models.CharField(_("contact person"), max_length=300, blank=True, help_text=_("name and phone"))
    expected_delegates = models.PositiveIntegerField(_("expected delegates"), default=60)
    nomination_deadline = models.DateField(_("nomination deadline"), null=True, blank=True)
    movement_report_deadline = models.DateField(
        _("movement reports deadline"),
        null=True,
        blank=True,
        help_text=_("The day units' reports on the emulation movements are due (shown on the units' overview)."),
    )
    plan_reference = models.CharField(_("plan reference"), max_length=300, blank=True)
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum denominator"),
        default=3,
        help_text=_("Quorum: at least numerator/denominator of all members present."),
    )
    is_current = models.BooleanField(_("current conference"), default=False)
    history = HistoricalRecords()

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_conference"),
        ]

    def __str__(self) -> str:
        return self.name


class Movement(NormalisedTextMixin, models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="movements", verbose_name=_("conference")
    )
    name = models.CharField(_("name"), max_length=400)
    scope = models.CharField(_("launched by"), max_length=20, choices=MovementScope.choices)
    launched_by = models.CharField(_("launching authority"), max_length=200, blank=True)
    start_year = models.PositiveIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveIntegerField(_("to year"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["conference", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["conference", "name"], name="unique_movement_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def period_label(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}-{self.end_year}"
        return str(self.start_year or self.end_year or "")


class AwardForm(NormalisedTextMixin, models.Model):
    """Hình thức khen thưởng: Giấy khen của Giám đốc Sở, Bằng khen của Chủ tịch UBND tỉnh."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=AwardLevel.choices)
    issuer = models.CharField(_("issuer"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)
    vote_threshold_percent = models.DecimalField(
        _("vote threshold (percent of all council members)"), max_digits=5, decimal_places=2, default=50
    )
    vote_threshold_strict = models.BooleanField(
        _("strictly more than the threshold"),
        default=True,
        help_text=_("On: more than the percentage (a majority). Off: at least the percentage (80%, 90%)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Quota(models.Model):
    """Chỉ tiêu: how many of one kind one award form may honour in one conference."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("conference")
    )
    award_form = models.ForeignKey(
        AwardForm, on_delete=models.PROTECT, related_name="quotas", verbose_name=_("award form")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NomineeKind.choices)
    minimum = models.PositiveIntegerField(_("minimum"), default=5)
    maximum = models.PositiveIntegerField(_("maximum"), default=10)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["conference", "award_form__order", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "award_form", "kind"], name="unique_quota"),
            models.CheckConstraint(condition=Q(minimum__lte=models.F("maximum")), name="quota_min_le_max"),
        ]

    def __str__(self) -> str:
        return f"{self.award_form} – {self.get_kind_display()}: {self.minimum}–{self.maximum}"


class StaffProfile(NormalisedTextMixin, models.Model):
    """Binds a user to the unit whose nominations they handle (unit staff)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile", verbose_name=_("user")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("unit")
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return f"{self.user} – {self.unit or '—'}"
