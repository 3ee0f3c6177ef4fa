"""Shared by the eligibility tests: a conference held on 20/12/2025, nominations with a history, rules."""

import datetime

from nominations.eligibility import load_default_rules
from nominations.enums import NominationStatus as S
from nominations.enums import RecordCategory as C
from nominations.enums import RuleCheck
from nominations.models import CommendationRecord, EligibilityRule
from reference.enums import NomineeKind
from tests import factories as f

CONFERENCE_DAY = datetime.date(2025, 12, 20)
CSTDCS = "Có 02 lần liên tục được tặng danh hiệu “Chiến sĩ thi đua cơ sở”"


def hold(conference):
    """Date the conference 20/12/2025: a run of years must then end within 2022–2024."""
    conference.date = CONFERENCE_DAY
    conference.save()
    return conference


def default_rules() -> list[EligibilityRule]:
    load_default_rules()
    return list(EligibilityRule.objects.all())


def nominate(conference, form, history=(), *, kind=NomineeKind.INDIVIDUAL, status=S.ACCEPTED, **nominee):
    """A nomination with its commendation history given as (year, category) pairs."""
    if kind == NomineeKind.COLLECTIVE:
        nominee = {"gender": "", "birth_year": None, "position": "", "parent_body": "Sở KH&CN"} | nominee
    person = f.NomineeFactory(kind=kind, **nominee)
    for year, category in history:
        CommendationRecord.objects.create(nominee=person, year=year, title=C(category).label, category=category)
    return f.NominationFactory(conference=conference, nominee=person, award_form=form, status=status)


def make_rule(form, **options) -> EligibilityRule:
    """An automatic one-year "Lao động tiên tiến" rule for individuals, in force since 2020."""
    values = {
        "kind": NomineeKind.INDIVIDUAL,
        "name": "Lao động tiên tiến năm gần nhất",
        "check_type": RuleCheck.CONSECUTIVE_YEARS,
        "years": 1,
        "title_categories": "advanced_labourer",
        "effective_from": datetime.date(2020, 1, 1),
    } | options
    return EligibilityRule.objects.create(award_form=form, **values)
