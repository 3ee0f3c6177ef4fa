"""A round's awards carried into its nominees' commendation history (docs/next-round.md).

Every decided award of a round (``awards.selectors.decided_q``: an issued Quyết định, or an
issued Tờ trình whose province decision is recorded) becomes a ``CommendationRecord`` of its
nominee: the award form's name as the title, the round's year, the number and date the
certificate carries, the form's issuer, and the category its level names (Giấy khen →
certificate of merit, Bằng khen → provincial merit). Next year's nominee of the same person is
linked to this one (nominations/matching.py), so the eligibility rules see the award without
anyone typing it again.

Idempotent: a ``CarriedAward`` row ties each list entry to its record, so carrying the same round
again creates nothing twice; the conference row is locked, so two carries at once do not race.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from awards.models import CarriedAward, DecisionEntry
from awards.selectors import decided_q, decision_date, decision_label
from hoinghi.roles import is_office
from nominations.categories import category_for
from nominations.enums import RecordCategory
from nominations.matching import match_round
from nominations.models import CommendationRecord
from reference.enums import AwardLevel
from reference.models import Conference

CATEGORY_OF_LEVEL: dict[str, RecordCategory] = {
    AwardLevel.DEPARTMENT: RecordCategory.CERTIFICATE_OF_MERIT,
    AwardLevel.PROVINCE: RecordCategory.PROVINCIAL_MERIT,
}


@dataclass(frozen=True)
class CarryResult:
    carried: int  # records created now
    already: int  # entries carried before
    matched: int  # new links of later rounds' nominees to the awardees


def decided_entries(conference: Conference) -> QuerySet:
    return DecisionEntry.objects.filter(decided_q(), decision__conference=conference)


def record_for(entry: DecisionEntry, year: int) -> CommendationRecord:
    """The commendation-history row an award becomes (not saved)."""
    form = entry.decision.award_form
    record = CommendationRecord(
        nominee_id=entry.nomination.nominee_id,
        year=year,
        title=form.name,
        category=category_for(form.name, CATEGORY_OF_LEVEL.get(form.level)),
        decision_number=decision_label(entry.decision),
        decision_date=decision_date(entry.decision),
        issuer=form.issuer,
    )
    record.normalise_text_fields()
    return record


def carry_awards(conference: Conference, *, by: User) -> CarryResult:
    """Carry every decided award of ``conference`` not carried yet; then match the later rounds again.

    Side effects: CommendationRecord rows (with history rows by ``by``), CarriedAward rows, and
    NomineeMatch rows for the nominees of later rounds who are the same as an awardee.
    """
    if not is_office(by):
        raise PermissionDenied(_("Only the Office carries the awards over."))
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        entries = decided_entries(conference)
        already = entries.filter(carried__isnull=False).count()
        waiting = list(
            entries.filter(carried__isnull=True)
            .select_related("decision__award_form", "nomination")
            .order_by("decision_id", "register_number", "id")
        )
        records = bulk_create_with_history(
            [record_for(entry, conference.year) for entry in waiting],
            CommendationRecord,
            default_user=by,
            default_change_reason="carried over",
        )
        CarriedAward.objects.bulk_create(
            [CarriedAward(entry=entry, record=record) for entry, record in zip(waiting, records, strict=True)]
        )
        matched = 0
        for later in Conference.objects.filter(organisation=conference.organisation, year__gt=conference.year):
            matched += len(match_round(later, by=by))
    return CarryResult(carried=len(waiting), already=already, matched=matched)
