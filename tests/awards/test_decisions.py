"""Reward money, and decisions and proposals: draft, number, issue, replace, the province's decision."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from awards.enums import DecisionStatus, DocumentType
from awards.models import Decision
from awards.money import MoneyError, amount_in_words, format_vnd, reward_amount
from awards.services.decisions import (
    DecisionError,
    draft_decision,
    issue_decision,
    record_province_decision,
    replace_decision,
)
from nominations.enums import Gender
from nominations.models import Nomination
from registry.models import SeriesCounter
from tests import awards_fixtures as fixtures
from tests import factories as f
from tests.awards_fixtures import DEPARTMENT, C, D, I, S, approved, vi
from tests.nominations_support import moves

# The shared fixtures, as module globals (they win over same-named conftest fixtures).
money_rules = fixtures.money_rules
signer = fixtures.signer
legal_bases = fixtures.legal_bases
awardees = fixtures.awardees
proposal = fixtures.proposal

EXPECTED_LIST = [
    (C, "Phòng Quản lý khoa học", DEPARTMENT),
    (C, "Trung tâm Thông tin và Thống kê", DEPARTMENT),
    (I, "Ông Lê Văn An", f"Chuyên viên, Phòng Quản lý khoa học, {DEPARTMENT}"),
    (I, "Ông Đặng Văn Bình", f"Chuyên viên, Phòng Quản lý khoa học, {DEPARTMENT}"),
    (I, "Bà Nguyễn Thị Hường", f"Chuyên viên, Phòng Quản lý khoa học, {DEPARTMENT}"),
]


def _entries(decision):
    return list(decision.entries.order_by("register_number", "id"))


# --- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "kind", "on", "expected"),
    [
        ("giay_khen", I, D(2025, 12, 20), (Decimal("0.30"), 2_340_000, 710_000)),  # 702,000 rounded up
        ("giay_khen", C, D(2025, 12, 20), (Decimal("0.60"), 2_340_000, 1_410_000)),  # 1,404,000
        ("bang_khen", I, D(2025, 12, 20), (Decimal("1.50"), 2_340_000, 3_510_000)),  # already round
        ("bang_khen", C, D(2025, 12, 20), (Decimal("3.00"), 2_340_000, 7_020_000)),
        ("giay_khen", I, D(2026, 6, 30), (Decimal("0.30"), 2_340_000, 710_000)),
        ("giay_khen", I, D(2026, 7, 1), (Decimal("0.30"), 2_530_000, 760_000)),  # 759,000 rounded up
        ("giay_khen", C, D(2026, 7, 1), (Decimal("0.60"), 2_530_000, 1_520_000)),
        ("bang_khen", I, D(2026, 7, 1), (Decimal("1.50"), 2_530_000, 3_800_000)),
    ],
)
def test_reward_amount_uses_the_rates_in_force_and_rounds_up(request, money_rules, form, kind, on, expected):
    assert reward_amount(request.getfixturevalue(form), kind, on) == expected


def test_reward_amount_without_a_rule_in_force_is_refused(giay_khen, money_rules):
    with pytest.raises(MoneyError) as raised:
        reward_amount(giay_khen, I, D(2024, 6, 30))

    assert raised.value.messages == [
        vi("No reward rule for “%(form)s” (%(kind)s) is in force on %(date)s. Add it under Administration.")
        % {"form": giay_khen, "kind": vi("Individual"), "date": "30/06/2024"}
    ]


@pytest.mark.parametrize(
    ("amount", "words", "figures"),
    [
        (710_000, "Bảy trăm mười nghìn đồng", "710.000"),
        (1_410_000, "Một triệu bốn trăm mười nghìn đồng", "1.410.000"),
        (3_510_000, "Ba triệu năm trăm mười nghìn đồng", "3.510.000"),
        (4_950_000, "Bốn triệu chín trăm năm mươi nghìn đồng", "4.950.000"),
    ],
)
def test_amount_in_words_and_figures(amount, words, figures):
    assert (amount_in_words(amount), format_vnd(amount)) == (words, figures)


# --- draft ---------------------------------------------------------------------------------


def test_draft_decision_lists_collectives_then_individuals_in_name_order(conference, giay_khen, awardees, office_user):
    decision = draft_decision(conference, giay_khen, by=office_user)

    assert (decision.document_type, decision.status, decision.number, decision.title) == (
        DocumentType.DECISION,
        DecisionStatus.DRAFT,
        None,
        "Về việc tặng Giấy khen của Giám đốc Sở cho các tập thể, cá nhân có thành tích xuất sắc "
        "trong các phong trào thi đua năm 2025",
    )
    assert [(e.kind, e.recipient, e.description) for e in _entries(decision)] == EXPECTED_LIST
    assert [e.achievement for e in _entries(decision)][:1] == ["Thành tích của Phòng Quản lý khoa học."]
    assert {e.register_number for e in _entries(decision)} == {None}


def test_draft_for_the_provincial_award_is_a_proposal(conference, bang_khen, unit_a, money_rules, office_user):
    approved(conference, bang_khen, "Vũ Thị Lan", unit_a, gender=Gender.FEMALE)

    proposal = draft_decision(conference, bang_khen, by=office_user, title="Về việc đề nghị tặng Bằng khen")

    assert (proposal.document_type, proposal.title) == (DocumentType.PROPOSAL, "Về việc đề nghị tặng Bằng khen")
    assert [e.recipient for e in _entries(proposal)] == ["Bà Vũ Thị Lan"]


def test_draft_leaves_out_nominations_already_on_an_issued_decision(
    conference, giay_khen, unit_a, awardees, signer, office_user
):
    issue_decision(draft_decision(conference, giay_khen, by=office_user), date=D(2025, 12, 20), signer=signer,
                   by=office_user)  # fmt: skip
    approved(conference, giay_khen, "Hoàng Văn Mới", unit_a)
    approved(conference, giay_khen, "Hoàng Văn Chưa", unit_a, status=S.ACCEPTED)

    second = draft_decision(conference, giay_khen, by=office_user)

    assert [e.recipient for e in _entries(second)] == ["Ông Hoàng Văn Mới"]


def test_draft_with_nothing_approved_is_refused(conference, giay_khen, office_user):
    with pytest.raises(DecisionError) as raised:
        draft_decision(conference, giay_khen, by=office_user)

    assert raised.value.messages == [vi("No approved nomination of this award form is waiting for a decision.")]


def test_draft_is_for_the_office_only(conference, giay_khen, awardees, staff_a):
    with pytest.raises(PermissionDenied):
        draft_decision(conference, giay_khen, by=staff_a)


# --- issue ---------------------------------------------------------------------------------


def test_issue_decision_numbers_signs_cites_and_pays(conference, giay_khen, awardees, signer, legal_bases, office_user):
    draft = draft_decision(conference, giay_khen, by=office_user)

    decision = issue_decision(draft, date=D(2025, 12, 20), signer=signer, by=office_user)

    decision.refresh_from_db()
    assert (decision.status, decision.number, decision.symbol, f"Số: {decision.number_label}") == (
        DecisionStatus.ISSUED,
        1,
        "QĐ-SKHCN",
        "Số: 01/QĐ-SKHCN",
    )
    assert (decision.signer_authority, decision.signer_position, decision.signer_name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Trần Thị Phó",
    )
    assert decision.legal_bases == [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP;",
    ]
    assert [(e.register_number, e.recipient, e.multiple, e.base_salary, e.amount) for e in _entries(decision)] == [
        (1, "Phòng Quản lý khoa học", Decimal("0.60"), 2_340_000, 1_410_000),
        (2, "Trung tâm Thông tin và Thống kê", Decimal("0.60"), 2_340_000, 1_410_000),
        (3, "Ông Lê Văn An", Decimal("0.30"), 2_340_000, 710_000),
        (4, "Ông Đặng Văn Bình", Decimal("0.30"), 2_340_000, 710_000),
        (5, "Bà Nguyễn Thị Hường", Decimal("0.30"), 2_340_000, 710_000),
    ]
    assert decision.total_amount == 4_950_000
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.AWARDED}
    last = moves(awardees[0])[-1]
    assert (last.from_status, last.to_status, last.note) == (
        S.APPROVED,
        S.AWARDED,
        vi("Decision No. %(number)s of %(date)s.") % {"number": "01/QĐ-SKHCN", "date": "20/12/2025"},
    )
    assert [(h.history_change_reason, h.history_user) for h in decision.history.order_by("history_id")][1:] == [
        ("draft → issued", office_user)
    ]


def test_decision_dated_after_a_new_base_salary_pays_the_new_rate(conference, giay_khen, awardees, signer, office_user):
    decision = issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2026, 7, 1), signer=signer, by=office_user
    )

    assert [e.amount for e in _entries(decision)] == [1_520_000, 1_520_000, 760_000, 760_000, 760_000]
    assert decision.total_amount == 5_320_000


def test_numbers_run_per_type_and_restart_on_the_first_of_january(
    conference, giay_khen, bang_khen, unit_a, signer, money_rules, office_user
):

    def issue(form, name, on):
        approved(conference, form, name, unit_a)
        return issue_decision(draft_decision(conference, form, by=office_user), date=on, signer=signer, by=office_user)

    labels = [
        issue(giay_khen, "Lê Văn Một", D(2025, 3, 2)).number_label,
        issue(giay_khen, "Lê Văn Hai", D(2025, 12, 31)).number_label,
        issue(bang_khen, "Lê Văn Ba", D(2025, 12, 31)).number_label,
        issue(giay_khen, "Lê Văn Bốn", D(2026, 1, 1)).number_label,
    ]

    assert labels == ["01/QĐ-SKHCN", "02/QĐ-SKHCN", "01/TTr-SKHCN", "01/QĐ-SKHCN"]
    counters = SeriesCounter.objects.order_by("year", "series").values_list("series", "year", "last_number")
    assert list(counters) == [
        ("QĐ", 2025, 2),
        ("TTr", 2025, 1),
        ("QĐ", 2026, 1),
    ]


def test_issued_decision_refuses_to_be_issued_again(conference, giay_khen, awardees, signer, office_user):
    decision = issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2025, 12, 20), signer=signer, by=office_user
    )

    with pytest.raises(DecisionError) as raised:
        issue_decision(decision, date=D(2025, 12, 21), signer=signer, by=office_user)

    assert raised.value.messages == [vi("An issued decision is never changed; draft a correction instead.")]
    decision.refresh_from_db()
    assert (decision.number, decision.date) == (1, D(2025, 12, 20))


def test_issue_refuses_a_second_draft_of_the_same_nominations(conference, giay_khen, awardees, signer, office_user):
    first = draft_decision(conference, giay_khen, by=office_user)
    second = draft_decision(conference, giay_khen, by=office_user)
    issue_decision(first, date=D(2025, 12, 20), signer=signer, by=office_user)

    with pytest.raises(DecisionError) as raised:
        issue_decision(second, date=D(2025, 12, 21), signer=signer, by=office_user)

    names = (
        "Phòng Quản lý khoa học, Trung tâm Thông tin và Thống kê, Ông Lê Văn An, Ông Đặng Văn Bình, Bà Nguyễn Thị Hường"
    )
    assert raised.value.messages == [
        vi("Not approved, or already on an issued decision: %(names)s.") % {"names": names}
    ]
    assert SeriesCounter.objects.get().last_number == 1


def test_issue_refuses_a_signer_of_another_department(conference, giay_khen, awardees, office_user):
    other = f.SignerFactory()  # its own organisation

    with pytest.raises(DecisionError) as raised:
        issue_decision(
            draft_decision(conference, giay_khen, by=office_user), date=D(2025, 12, 20), signer=other, by=office_user
        )

    assert raised.value.messages == [vi("Choose an active signer of the Department.")]
    assert SeriesCounter.objects.count() == 0


# --- correction and province ---------------------------------------------------------------


def test_replace_decision_keeps_both_and_the_old_becomes_replaced(conference, giay_khen, awardees, signer, office_user):
    old = issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2025, 12, 20), signer=signer, by=office_user
    )

    new = replace_decision(old, reason="Sai chức vụ của một cá nhân", by=office_user)
    old.refresh_from_db()
    state_before_issue = (old.status, new.status, new.replaces)
    issue_decision(new, date=D(2025, 12, 22), signer=signer, by=office_user)

    old.refresh_from_db()
    new.refresh_from_db()
    assert state_before_issue == (DecisionStatus.ISSUED, DecisionStatus.DRAFT, old)
    assert (old.status, new.status, new.number_label, new.correction_reason) == (
        DecisionStatus.REPLACED,
        DecisionStatus.ISSUED,
        "02/QĐ-SKHCN",
        "Sai chức vụ của một cá nhân",
    )
    assert [e.recipient for e in _entries(new)] == [e.recipient for e in _entries(old)]
    assert [e.register_number for e in _entries(new)] == [1, 2, 3, 4, 5]
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.AWARDED}
    moves = Decision.history.exclude(history_change_reason=None).order_by("history_id")
    assert [(h.id, h.history_change_reason) for h in moves] == [
        (old.pk, "draft → issued"),
        (new.pk, "draft → issued"),
        (old.pk, "issued → replaced: 02/QĐ-SKHCN"),
    ]
    with pytest.raises(DecisionError) as raised:
        replace_decision(old, reason="Lần nữa", by=office_user)
    assert raised.value.messages == [vi("Only an issued decision can be corrected.")]


def test_replace_refuses_a_draft_and_a_second_correction(conference, giay_khen, awardees, signer, office_user):
    draft = draft_decision(conference, giay_khen, by=office_user)
    with pytest.raises(DecisionError) as raised_draft:
        replace_decision(draft, reason="Sửa", by=office_user)
    issue_decision(draft, date=D(2025, 12, 20), signer=signer, by=office_user)
    replace_decision(draft, reason="Sửa", by=office_user)

    with pytest.raises(DecisionError) as raised_twice:
        replace_decision(draft, reason="Sửa lần hai", by=office_user)

    assert raised_draft.value.messages == [vi("Only an issued decision can be corrected.")]
    assert raised_twice.value.messages == [vi("A correction of this decision already exists.")]
    assert Decision.objects.count() == 2


def test_issued_proposal_waits_for_the_province(proposal):
    assert (proposal.number_label, proposal.total_amount) == ("01/TTr-SKHCN", 7_020_000 + 3_510_000)
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.APPROVED}


def test_record_province_decision_awards_the_nominees(proposal, office_user):
    record_province_decision(proposal, number="2345/QĐ-UBND", date=D(2026, 1, 15), by=office_user)

    proposal.refresh_from_db()
    assert (proposal.province_decision_number, proposal.province_decision_date) == ("2345/QĐ-UBND", D(2026, 1, 15))
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.AWARDED}
    assert moves(Nomination.objects.first())[-1].note == vi("Province's decision No. %(number)s of %(date)s.") % {
        "number": "2345/QĐ-UBND",
        "date": "15/01/2026",
    }
    recorded = proposal.history.latest("history_id")
    assert (recorded.history_change_reason, recorded.history_user, recorded.province_decision_number) == (
        "province decision",
        office_user,
        "2345/QĐ-UBND",
    )
    with pytest.raises(DecisionError) as raised:
        record_province_decision(proposal, number="1/QĐ-UBND", date=D(2026, 1, 16), by=office_user)
    assert raised.value.messages == [vi("The province's decision is already recorded.")]


def test_record_province_decision_refuses_a_decision(conference, giay_khen, awardees, signer, office_user):
    decision = issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2025, 12, 20), signer=signer, by=office_user
    )

    with pytest.raises(DecisionError) as raised:
        record_province_decision(decision, number="1/QĐ-UBND", date=D(2026, 1, 16), by=office_user)

    assert raised.value.messages == [vi("Only an issued proposal awaits the province's decision.")]


# --- a second decision of the same award form: the register (số sổ vàng) runs on ------------------


def test_a_second_decision_continues_the_register_numbers_and_a_correction_keeps_them(
    conference, giay_khen, awardees, signer, office_user, unit_a
):
    first = issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2025, 6, 25), signer=signer, by=office_user
    )
    approved(conference, giay_khen, "Vũ Thị Lan", unit_a, gender=Gender.FEMALE)
    approved(conference, giay_khen, "Trung tâm Ứng dụng khoa học", unit_a, kind=C)
    second = issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2025, 7, 11), signer=signer, by=office_user
    )

    assert [(e.register_number, e.recipient) for e in _entries(first)] == [
        (1, "Phòng Quản lý khoa học"),
        (2, "Trung tâm Thông tin và Thống kê"),
        (3, "Ông Lê Văn An"),
        (4, "Ông Đặng Văn Bình"),
        (5, "Bà Nguyễn Thị Hường"),
    ]
    assert (second.number_label, [(e.register_number, e.recipient) for e in _entries(second)]) == (
        "02/QĐ-SKHCN",
        [(6, "Trung tâm Ứng dụng khoa học"), (7, "Bà Vũ Thị Lan")],
    )
    # Correcting the first decision after the second: each awardee keeps the number in the register.
    correction = issue_decision(
        replace_decision(first, reason="Sai tên đơn vị", by=office_user),
        date=D(2025, 7, 15),
        signer=signer,
        by=office_user,
    )
    assert [e.register_number for e in _entries(correction)] == [1, 2, 3, 4, 5]
