from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.enums import RuleCheck
from conference.enums import NomineeKind
from hoinghi.models import NormalisedTextMixin


class EligibilityRule(NormalisedTextMixin, models.Model):
    """One route to eligibility for an award form and kind, in force between two dates.

    Routes are alternatives ("ONE of"): a nominee passes when any automatic route passes.
    Categories are comma-separated nominations.enums.RecordCategory values.
    """

    award_form = models.ForeignKey(
        "conference.AwardForm", on_delete=models.CASCADE, related_name="rules", verbose_name=_("award form")
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
