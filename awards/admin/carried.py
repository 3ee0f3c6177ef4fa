"""Admin for the awards carried into the commendation history (``CarriedAward``, docs/next-round.md).

Read-only: ``awards.services.carry.carry_awards`` writes them (when the next round starts, or from
the rounds page). Office only (``awards.selectors.carried_visible_to``); searchable by the
nominee's folded name and the decision's number, filtered by round, award form and kind.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.models import CarriedAward
from awards.selectors import carried_visible_to, decision_label
from hoinghi.admin_mixins import FoldedSearchMixin, ReadOnlyAdminMixin, ScopedQuerysetMixin


@admin.register(CarriedAward)
class CarriedAwardAdmin(ReadOnlyAdminMixin, FoldedSearchMixin, ScopedQuerysetMixin, admin.ModelAdmin):
    scope = staticmethod(carried_visible_to)
    list_display = ("recipient", "round", "award_form", "decision", "record_year", "carried_at")
    list_filter = (
        ("entry__decision__conference", admin.RelatedOnlyFieldListFilter),
        ("entry__decision__award_form", admin.RelatedOnlyFieldListFilter),
        "entry__kind",
    )
    list_select_related = ("entry__decision__conference", "entry__decision__award_form", "record__nominee")
    search_fields = ("record__nominee__search_text__contains", "record__decision_number__contains")
    ordering = ("-entry__decision__conference__year", "entry__decision_id", "entry__register_number", "entry_id")
    fields = ("entry", "record", "carried_at")
    readonly_fields = fields

    @admin.display(description=_("recipient"), ordering="record__nominee__sort_key")
    def recipient(self, obj: CarriedAward) -> str:
        return obj.entry.recipient

    @admin.display(description=_("round"), ordering="entry__decision__conference__year")
    def round(self, obj: CarriedAward) -> str:
        return str(obj.entry.decision.conference.year)

    @admin.display(description=_("award form"))
    def award_form(self, obj: CarriedAward) -> str:
        return obj.entry.decision.award_form.name

    @admin.display(description=_("decision or proposal"))
    def decision(self, obj: CarriedAward) -> str:
        return decision_label(obj.entry.decision)

    @admin.display(description=_("year"), ordering="record__year")
    def record_year(self, obj: CarriedAward) -> int:
        return obj.record.year
