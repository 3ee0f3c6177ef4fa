"""Fixtures and helpers shared by the tally, decisions and Office-page tests.

Test modules bind the fixtures they use as module globals (``meeting = fixtures.meeting``), so
that they win over same-named fixtures of tests/conftest.py.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from awards.enums import CouncilRole
from awards.services.decisions import draft_decision, issue_decision
from nominations.enums import Gender, NominationStatus
from reference.enums import NomineeKind
from tests import factories as f

S = NominationStatus
C, I = NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL  # noqa: E741
D = datetime.date
DEPARTMENT = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hùng", "Khánh", "Lan", "Long", "Minh", "Nam"]


def vi(message: str, **params) -> str:
    """A message as the pages show it (Vietnamese), formatted with ``params`` if any."""
    with translation.override("vi"):
        text = translation.gettext(message)
    return text % params if params else text


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def accepted(conference, award_form, name, unit, *, status=S.ACCEPTED, kind=I):
    nominee = f.NomineeFactory(full_name=name, kind=kind, unit=unit)
    return f.NominationFactory(
        conference=conference, nominee=nominee, proposing_unit=unit, award_form=award_form, status=status
    )


def ballot_with(meeting, award_form, unit, votes, *, total=9, present=9, names=None, **kwargs):
    """A closed ballot with one accepted nomination per vote count, in that order."""
    ballot = f.TallyBallotFactory(
        meeting=meeting, award_form=award_form, total_members=total, present_members=present, **kwargs
    )
    names = names or [f"Nguyễn Văn {given}" for given in GIVEN[: len(votes)]]
    for order, (name, count) in enumerate(zip(names, votes, strict=True)):
        nomination = accepted(meeting.conference, award_form, name, unit)
        f.TallyItemFactory(
            ballot=ballot, nomination=nomination, order=order, votes_for=count, votes_against=total - count
        )
    return ballot


def approved(conference, award_form, name, unit, *, kind=I, gender=Gender.MALE, status=S.APPROVED):
    """An approved nomination (a person in ``unit``, or a collective under the Department)."""
    nominee = f.NomineeFactory(
        full_name=name, kind=kind, gender=gender if kind == I else "", unit=unit, parent_body=DEPARTMENT
    )
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit,
        award_form=award_form,
        status=status,
        achievement_summary=f"Thành tích của {name}.",
    )


# --- council ballots ---------------------------------------------------------------------------


@pytest.fixture
def meeting(conference):
    return f.TallyMeetingFactory(conference=conference)


@pytest.fixture
def quota(conference, giay_khen):
    return f.QuotaFactory(conference=conference, award_form=giay_khen, kind=NomineeKind.INDIVIDUAL, minimum=1)


@pytest.fixture
def tied_ballot(meeting, giay_khen, unit_a, quota):
    """Three seats; 9, 8, then 7 and 7 across the cut line, then 5."""
    quota.maximum = 3
    quota.save()
    return ballot_with(meeting, giay_khen, unit_a, [9, 8, 7, 7, 5])


@pytest.fixture
def chair(conference):
    return f.TallyMemberFactory(conference=conference, full_name="Phạm Văn Chủ", role=CouncilRole.CHAIR)


# --- money, signers, legal bases, approved nominations, issued documents -----------------------


@pytest.fixture
def money_rules(giay_khen, bang_khen):
    f.BaseSalaryFactory(amount=2_340_000, effective_from=D(2024, 7, 1))
    f.BaseSalaryFactory(amount=2_530_000, effective_from=D(2026, 7, 1), legal_reference="Nghị định 161/2026/NĐ-CP")
    for form, kind, multiple in [
        (giay_khen, I, "0.3"),
        (giay_khen, C, "0.6"),
        (bang_khen, I, "1.5"),
        (bang_khen, C, "3.0"),
    ]:
        f.RewardRuleFactory(award_form=form, kind=kind, multiple=Decimal(multiple))


@pytest.fixture
def signer(org):
    return f.SignerFactory(
        organisation=org, full_name="Trần Thị Phó", position="PHÓ GIÁM ĐỐC", authority_prefix="KT. GIÁM ĐỐC"
    )


@pytest.fixture
def legal_bases(db):
    return [
        f.LegalBasisFactory(text="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", order=1,
                            effective_from=D(2024, 1, 1)),
        f.LegalBasisFactory(text="Căn cứ Nghị định số 98/2023/NĐ-CP;", order=2, effective_from=D(2024, 1, 1),
                            effective_to=D(2025, 6, 30)),
        f.LegalBasisFactory(text="Căn cứ Nghị định số 152/2025/NĐ-CP;", order=3, effective_from=D(2025, 7, 1)),
        f.LegalBasisFactory(text="Căn cứ Kế hoạch của Ủy ban nhân dân tỉnh;", order=4, for_decisions=False,
                            effective_from=D(2025, 1, 1)),
    ]  # fmt: skip


@pytest.fixture
def awardees(conference, giay_khen, unit_a, money_rules):
    """Given out of list order: individuals by given name, after the collectives."""
    return [
        approved(conference, giay_khen, "Nguyễn Thị Hường", unit_a, gender=Gender.FEMALE),
        approved(conference, giay_khen, "Trung tâm Thông tin và Thống kê", unit_a, kind=C),
        approved(conference, giay_khen, "Đặng Văn Bình", unit_a),
        approved(conference, giay_khen, "Phòng Quản lý khoa học", unit_a, kind=C),
        approved(conference, giay_khen, "Lê Văn An", unit_a),
    ]


@pytest.fixture
def issued(conference, giay_khen, awardees, signer, office_user):
    """The awardees' Giấy khen decision, 01/QĐ-SKHCN of 20/12/2025."""
    return issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2025, 12, 20), signer=signer, by=office_user
    )


@pytest.fixture
def proposal(conference, bang_khen, unit_a, money_rules, signer, office_user):
    """An issued Bằng khen proposal (01/TTr-SKHCN) for a collective and a person."""
    approved(conference, bang_khen, "Phòng Quản lý khoa học", unit_a, kind=C)
    approved(conference, bang_khen, "Vũ Thị Lan", unit_a, gender=Gender.FEMALE)
    return issue_decision(
        draft_decision(conference, bang_khen, by=office_user), date=D(2025, 12, 20), signer=signer, by=office_user
    )
