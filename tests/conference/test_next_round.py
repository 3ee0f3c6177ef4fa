"""Start the next round: what is copied, the awards carried over, matching, refusals (docs/next-round.md)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards.models import CarriedAward, CouncilMember
from awards.services.carry import carry_awards
from conference.services import next_round
from conference.services.next_round import NextRoundInput, start_next_round
from nominations import matching
from nominations.eligibility import verdict_for
from nominations.enums import MatchStatus, RecordCategory, Verdict
from nominations.models import CommendationRecord, NomineeMatch
from nominations.services import can_edit, in_past_round
from reference.models import Conference, Movement, Quota
from tests import awards_fixtures as fixtures
from tests.awards_fixtures import vi
from tests.conference.next_round_support import BORN, MINH, finished_round, nominate, two_year_rule

money_rules, signer = fixtures.money_rules, fixtures.signer
__all__ = ["finished_round", "money_rules", "signer", "two_year_rule"]
D = datetime.date
NAME_2026 = "Hội nghị tổng kết phong trào thi đua năm 2026"


def start(office_user, year=2026, name=NAME_2026):
    return start_next_round(
        NextRoundInput(year=year, name=name, date=D(2026, 12, 27), nomination_deadline=D(2026, 11, 30)),
        by=office_user,
    )


def test_the_next_round_copies_what_carries_over(finished_round, conference, office_user):
    result = start(office_user)
    new = result.conference
    conference.refresh_from_db()
    assert (conference.is_current, new.is_current) == (False, True)
    assert Conference.objects.current() == new
    assert (new.year, new.name, new.slug, new.date, new.nomination_deadline, new.venue) == (
        2026, NAME_2026, "hoi-nghi-2026", D(2026, 12, 27), D(2026, 11, 30), "Hội trường tầng 3",
    )  # fmt: skip
    # Movements still running in 2026 only; the old round keeps its three.
    assert list(new.movements.values_list("name", "start_year", "end_year")) == [
        ("Thi đua 2025–2030", 2025, 2030),
        ("Thi đua thường xuyên", None, None),
    ]
    assert Movement.objects.filter(conference=conference).count() == 3
    assert list(
        CouncilMember.objects.filter(conference=new).values_list("full_name", "role", "user__username", "order")
    ) == [("Phạm Văn Chủ", "chair", "chutich", 1), ("Lê Thị Thư", "member_secretary", None, 2)]
    quotas = Quota.objects.filter(conference=new).values_list("award_form__code", "kind", "minimum", "maximum")
    assert sorted(quotas) == [
        ("bang-khen", "individual", 0, 2),
        ("giay-khen", "individual", 1, 8),
    ]
    # Nothing of the round's own work is copied.
    assert (new.nominations.count(), new.decisions.count(), new.council_meetings.count()) == (0, 0, 0)
    assert (result.movements, result.council_members, result.quotas, result.awards.carried) == (2, 2, 2, 1)
    # The award became Minh's history row.
    record = CommendationRecord.objects.get()
    assert (record.nominee.full_name, record.year, record.title, record.category) == (
        MINH, 2025, "Giấy khen của Giám đốc Sở", RecordCategory.CERTIFICATE_OF_MERIT,
    )  # fmt: skip
    assert (record.decision_number, record.decision_date, record.issuer) == (
        "01/QĐ-SKHCN", D(2025, 12, 20), "Giám đốc Sở Khoa học và Công nghệ",
    )  # fmt: skip


def test_the_same_year_twice_is_refused_with_nothing_changed(finished_round, office_user):
    start(office_user)
    with pytest.raises(ValidationError) as refused:
        start(office_user)
    assert refused.value.messages == [vi("The round of %(year)s has already been started.", year=2026)]
    assert Conference.objects.count() == 2
    assert Conference.objects.current().year == 2026
    with pytest.raises(ValidationError) as wrong_year:
        start(office_user, year=2028)
    assert wrong_year.value.code == "year"
    assert (Conference.objects.count(), CommendationRecord.objects.count()) == (2, 1)


def test_all_or_nothing(finished_round, conference, office_user, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("carry failed")

    monkeypatch.setattr(next_round, "carry_awards", broken)
    with pytest.raises(RuntimeError):
        start(office_user)
    assert list(Conference.objects.values_list("year", "is_current")) == [(2025, True)]
    assert (Movement.objects.count(), CouncilMember.objects.count(), Quota.objects.count()) == (3, 2, 2)


def test_only_the_office_starts_a_round(finished_round, staff_a):
    with pytest.raises(Exception) as refused:
        start(staff_a)
    assert type(refused.value).__name__ == "PermissionDenied"
    assert Conference.objects.count() == 1


def test_next_years_eligibility_counts_this_years_award(finished_round, two_year_rule, unit_a, giay_khen, office_user):
    new = start(office_user).conference
    history = [(2024, "Hoàn thành xuất sắc nhiệm vụ năm 2024")]
    again = nominate(new, unit_a, giay_khen, office_user, history=history)
    verdict = verdict_for(again)
    assert verdict.verdict == Verdict.PASS
    assert "2024–2025" in verdict.reasons[0]
    assert list(NomineeMatch.objects.values_list("status", flat=True)) == [MatchStatus.SAME]
    # Someone else with the same 2024 row only: one year, not two.
    other = nominate(new, unit_a, giay_khen, office_user, name="Vũ Văn Khác", history=history)
    assert verdict_for(other).verdict == Verdict.FAIL


def test_a_near_match_waits_for_the_office(finished_round, two_year_rule, unit_a, unit_b, giay_khen, office_user):
    new = start(office_user).conference
    history = [(2024, "Hoàn thành xuất sắc nhiệm vụ năm 2024")]
    born_else = nominate(new, unit_a, giay_khen, office_user, name="TRẦN VĂN MINH", born=D(1981, 1, 1), history=history)
    moved = nominate(new, unit_b, giay_khen, office_user, born=BORN, history=history)
    rows = list(matching.review_list(new))
    assert [(r.nominee_id, r.status, r.differences) for r in rows] == [
        (born_else.nominee_id, MatchStatus.PENDING, vi("date of birth")),
        (moved.nominee_id, MatchStatus.PENDING, vi("work unit")),
    ]
    assert verdict_for(moved).verdict == Verdict.FAIL  # not counted before the review
    matching.decide(rows[1], same=True, by=office_user)
    matching.decide(rows[0], same=False, by=office_user)
    assert (verdict_for(moved).verdict, verdict_for(born_else).verdict) == (Verdict.PASS, Verdict.FAIL)
    assert [r.status for r in matching.review_list(new)] == [MatchStatus.REJECTED, MatchStatus.CONFIRMED]


def test_carrying_and_matching_again_create_nothing_twice(finished_round, conference, unit_a, giay_khen, office_user):
    new = start(office_user).conference
    nominate(new, unit_a, giay_khen, office_user)
    again = carry_awards(conference, by=office_user)
    assert (again.carried, again.already, again.matched) == (0, 1, 0)
    assert matching.match_round(new, by=office_user) == []
    assert (CommendationRecord.objects.count(), CarriedAward.objects.count(), NomineeMatch.objects.count()) == (1, 1, 1)


def test_the_old_round_is_read_only(finished_round, conference, office_user):
    old = finished_round.entries.get().nomination
    assert not in_past_round(old)
    start(office_user)
    old.conference.refresh_from_db()
    assert in_past_round(old) and not can_edit(office_user, old)
