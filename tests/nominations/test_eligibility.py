"""Eligibility verdicts (nominations/eligibility.py) under the default rules: exact reasons, dates, queries.

Reasons are asserted in Vietnamese, as the Office reads them (the compiled catalog is built by
`make test`). The conference is held on 20/12/2025, so a run of years must end within 2022–2024.
Categories and the default rules file are in test_eligibility_rules.py; the nomination page, the
form and the admin in test_eligibility_pages.py.
"""

import datetime

import pytest

from nominations.eligibility import EligibilityVerdict, verdict_for, verdicts_for
from nominations.enums import RecordCategory as C
from nominations.enums import RuleCheck, Verdict
from nominations.models import EligibilityRule, Nomination
from reference.enums import NomineeKind
from tests.eligibility_support import CSTDCS, default_rules, hold, make_rule, nominate

HTXS_SUPPORT = (
    "Có liên tục từ 02 năm trở lên được công nhận hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng "
    "kiến được công nhận và áp dụng có hiệu quả hoặc 02 đề tài khoa học đã được nghiệm thu và áp dụng hiệu quả "
    "trong phạm vi cơ sở"
)
BK_JUDGED = [
    "Văn phòng xem xét theo minh chứng: Có thành tích xuất sắc được bình xét trong các phong trào thi đua do "
    "tỉnh phát động",
    "Văn phòng xem xét theo minh chứng: Lập được nhiều thành tích hoặc thành tích đột xuất, có phạm vi ảnh hưởng "
    "ở một trong các lĩnh vực thuộc phạm vi quản lý của tỉnh",
    "Văn phòng xem xét theo minh chứng: Có đóng góp vào sự phát triển kinh tế - xã hội, ứng dụng tiến bộ khoa "
    "học, kỹ thuật, công tác xã hội, từ thiện nhân đạo",
]
# The years considered for the 20/12/2025 conference, as the reasons name them.
CONSIDERED = "các năm xét: 2022–2024; đạt:"
ENDING = "kết thúc trong các năm 2022–2024"
NEEDS_CSTDCS = "Cần 2 năm liên tục đạt “Chiến sĩ thi đua cơ sở”"
NEEDS_HTXS = (
    "Cần 2 năm liên tục đạt “Hoàn thành xuất sắc nhiệm vụ”, trong thời gian đó có 2 “Sáng kiến được công nhận” "
    "hoặc 2 “Đề tài khoa học được nghiệm thu”"
)


@pytest.fixture
def held(conference):
    return hold(conference)


@pytest.fixture
def rules(giay_khen, bang_khen):
    return default_rules()


def summary(verdict: EligibilityVerdict):
    return verdict.verdict, verdict.reasons, verdict.rule.name if verdict.rule else None


# --- Bằng khen, individual --------------------------------------------------------------------------------


def test_verdict_two_consecutive_grassroots_fighter_passes(held, bang_khen, rules):
    nomination = nominate(
        held, bang_khen, [(2023, C.GRASSROOTS_EMULATION_FIGHTER), (2024, C.GRASSROOTS_EMULATION_FIGHTER)]
    )

    verdict = verdict_for(nomination)

    assert summary(verdict) == (Verdict.PASS, [f"Đạt tiêu chí: {CSTDCS} ({CONSIDERED} 2023–2024)."], CSTDCS)
    assert (verdict.label, verdict.passed) == ("Đủ điều kiện", True)


def test_verdict_non_consecutive_grassroots_fighter_needs_evidence(held, bang_khen, rules):
    nomination = nominate(
        held, bang_khen, [(2022, C.GRASSROOTS_EMULATION_FIGHTER), (2024, C.GRASSROOTS_EMULATION_FIGHTER)]
    )

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.NEEDS_EVIDENCE,
        [*BK_JUDGED, f"{NEEDS_CSTDCS}, {ENDING}; chỉ có năm 2022, 2024.", f"{NEEDS_HTXS}; chưa có năm nào."],
        None,
    )


def test_verdict_non_consecutive_without_judgement_rules_fails(held, bang_khen, rules):
    EligibilityRule.objects.filter(check_type=RuleCheck.OFFICE_JUDGEMENT).delete()
    nomination = nominate(held, bang_khen, [(2023, C.GRASSROOTS_EMULATION_FIGHTER), (2023, C.EXCELLENT_COMPLETION)])

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.FAIL,
        [f"{NEEDS_CSTDCS}, {ENDING}; chỉ có năm 2023.", f"{NEEDS_HTXS}, {ENDING}; chỉ có năm 2023."],
        None,
    )
    assert verdict.label == "Không đủ điều kiện"


def test_verdict_old_run_does_not_count(held, bang_khen, rules):
    EligibilityRule.objects.filter(check_type=RuleCheck.OFFICE_JUDGEMENT).delete()
    nomination = nominate(
        held, bang_khen, [(2019, C.GRASSROOTS_EMULATION_FIGHTER), (2020, C.GRASSROOTS_EMULATION_FIGHTER)]
    )

    verdict = verdict_for(nomination)

    assert verdict.reasons[0] == f"{NEEDS_CSTDCS}, {ENDING}; lần gần nhất kết thúc năm 2020."
    assert verdict.verdict == Verdict.FAIL


def test_verdict_excellent_completion_with_two_initiatives_passes(held, bang_khen, rules):
    history = [
        (2023, C.EXCELLENT_COMPLETION),
        (2024, C.EXCELLENT_COMPLETION),
        (2023, C.INITIATIVE),
        (2024, C.INITIATIVE),
    ]
    nomination = nominate(held, bang_khen, history)

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.PASS,
        [f"Đạt tiêu chí: {HTXS_SUPPORT} ({CONSIDERED} 2023–2024; 2 “Sáng kiến được công nhận”)."],
        HTXS_SUPPORT,
    )


def test_verdict_excellent_completion_with_one_initiative_falls_back_to_judgement(held, bang_khen, rules):
    history = [
        (2023, C.EXCELLENT_COMPLETION),
        (2024, C.EXCELLENT_COMPLETION),
        (2024, C.INITIATIVE),
        (2021, C.INITIATIVE),
    ]
    nomination = nominate(held, bang_khen, history)

    verdict = verdict_for(nomination)

    # The 2021 initiative lies outside the run 2023–2024 and does not count.
    assert summary(verdict) == (
        Verdict.NEEDS_EVIDENCE,
        [
            *BK_JUDGED,
            f"{NEEDS_CSTDCS}; chưa có năm nào.",
            f"{NEEDS_HTXS}; giai đoạn 2023–2024 chỉ có 1 “Sáng kiến được công nhận”.",
        ],
        None,
    )
    assert verdict.label == "Cần xem xét minh chứng"


def test_verdict_one_initiative_and_one_research_project_are_not_two_of_either(held, bang_khen, rules):
    history = [(2022, C.EXCELLENT_COMPLETION), (2023, C.EXCELLENT_COMPLETION), (2024, C.EXCELLENT_COMPLETION)]
    nomination = nominate(held, bang_khen, [*history, (2022, C.INITIATIVE), (2024, C.RESEARCH)])

    verdict = verdict_for(nomination)

    assert verdict.verdict == Verdict.NEEDS_EVIDENCE
    assert verdict.reasons[-1] == (
        f"{NEEDS_HTXS}; giai đoạn 2022–2024 chỉ có 1 “Sáng kiến được công nhận”, 1 “Đề tài khoa học được nghiệm thu”."
    )


def test_verdict_longer_run_collects_research_across_it(held, bang_khen, rules):
    history = [(2021, C.EXCELLENT_COMPLETION), (2022, C.EXCELLENT_COMPLETION), (2023, C.EXCELLENT_COMPLETION)]
    nomination = nominate(held, bang_khen, [*history, (2021, C.RESEARCH), (2023, C.RESEARCH)])

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.PASS,
        [f"Đạt tiêu chí: {HTXS_SUPPORT} ({CONSIDERED} 2021–2023; 2 “Đề tài khoa học được nghiệm thu”)."],
        HTXS_SUPPORT,
    )


# --- Collectives, Giấy khen ------------------------------------------------------------------------------


def test_verdict_collective_mixed_excellent_titles_pass(held, bang_khen, rules):
    history = [(2023, C.EXCELLENT_COMPLETION), (2024, C.EXCELLENT_LABOUR_COLLECTIVE)]
    nomination = nominate(held, bang_khen, history, kind=NomineeKind.COLLECTIVE, full_name="Phòng Quản lý khoa học")

    verdict = verdict_for(nomination)

    criterion = (
        "Có 02 năm liên tục được công nhận hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu “Tập thể lao động xuất sắc”"
    )
    assert summary(verdict) == (Verdict.PASS, [f"Đạt tiêu chí: {criterion} ({CONSIDERED} 2023–2024)."], criterion)


def test_verdict_collective_one_year_needs_evidence(held, bang_khen, rules):
    history = [(2024, C.EXCELLENT_LABOUR_COLLECTIVE), (2023, C.ADVANCED_LABOUR_COLLECTIVE)]
    nomination = nominate(held, bang_khen, history, kind=NomineeKind.COLLECTIVE, full_name="Phòng Quản lý khoa học")

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.NEEDS_EVIDENCE,
        [
            "Văn phòng xem xét theo minh chứng: Có thành tích xuất sắc được bình xét trong các phong trào thi đua "
            "do tỉnh phát động",
            "Văn phòng xem xét theo minh chứng: Lập được thành tích xuất sắc đột xuất, có phạm vi ảnh hưởng ở một "
            "trong các lĩnh vực thuộc phạm vi quản lý của tỉnh",
            "Văn phòng xem xét theo minh chứng: Có đóng góp vào sự phát triển kinh tế - xã hội, ứng dụng tiến bộ "
            "khoa học, kỹ thuật, công tác xã hội, từ thiện nhân đạo",
            "Cần 2 năm liên tục đạt “Hoàn thành xuất sắc nhiệm vụ” hoặc “Tập thể lao động xuất sắc”, "
            f"{ENDING}; chỉ có năm 2024.",
        ],
        None,
    )


@pytest.mark.parametrize(
    ("kind", "history", "verdict"),
    [
        (NomineeKind.INDIVIDUAL, [(2024, C.ADVANCED_LABOURER)], Verdict.PASS),
        (NomineeKind.INDIVIDUAL, [(2023, C.GRASSROOTS_EMULATION_FIGHTER)], Verdict.PASS),
        (NomineeKind.INDIVIDUAL, [(2022, C.ADVANCED_LABOURER)], Verdict.PASS),
        (NomineeKind.INDIVIDUAL, [(2021, C.ADVANCED_LABOURER)], Verdict.NEEDS_EVIDENCE),
        (NomineeKind.INDIVIDUAL, [(2025, C.ADVANCED_LABOURER)], Verdict.NEEDS_EVIDENCE),
        (NomineeKind.COLLECTIVE, [(2024, C.ADVANCED_LABOUR_COLLECTIVE)], Verdict.PASS),
        (NomineeKind.COLLECTIVE, [(2024, C.ADVANCED_LABOURER)], Verdict.NEEDS_EVIDENCE),
    ],
)
def test_verdict_certificate_of_merit_one_recent_year(held, giay_khen, rules, kind, history, verdict):
    nomination = nominate(held, giay_khen, history, kind=kind)

    assert verdict_for(nomination).verdict == verdict


def test_verdict_certificate_of_merit_reason_for_one_year(held, giay_khen, rules):
    EligibilityRule.objects.filter(check_type=RuleCheck.OFFICE_JUDGEMENT).delete()
    nomination = nominate(held, giay_khen, [(2021, C.ADVANCED_LABOURER)])

    assert verdict_for(nomination).reasons == [
        "Cần một năm đạt “Hoàn thành xuất sắc nhiệm vụ”, “Chiến sĩ thi đua cơ sở” hoặc “Lao động tiên tiến” "
        "trong các năm 2022–2024; năm gần nhất là năm 2021."
    ]


# --- Discipline, dates, no rule ---------------------------------------------------------------------------


def test_verdict_discipline_blocks_a_passing_history(held, bang_khen, rules):
    nomination = nominate(
        held,
        bang_khen,
        [(2023, C.GRASSROOTS_EMULATION_FIGHTER), (2024, C.GRASSROOTS_EMULATION_FIGHTER)],
        under_discipline=True,
        discipline_note="Khiển trách theo Quyết định số 12/QĐ-SKHCN ngày 03/3/2025",
    )

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.FAIL,
        [
            "Không được đề nghị khen thưởng: đang bị kỷ luật, điều tra, thanh tra hoặc xem xét giải quyết khiếu nại "
            "(Nghị định 152/2025/NĐ-CP, Điều 4).",
            "Ghi chú: Khiển trách theo Quyết định số 12/QĐ-SKHCN ngày 03/3/2025",
        ],
        None,
    )


def test_verdict_discipline_without_note_has_one_reason(held, giay_khen):
    nomination = nominate(held, giay_khen, under_discipline=True)

    assert len(verdict_for(nomination).reasons) == 1


def test_verdict_no_rule_in_force_needs_evidence(held, giay_khen):
    nomination = nominate(held, giay_khen, [(2024, C.ADVANCED_LABOURER)])

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.NEEDS_EVIDENCE,
        [
            "Chưa có quy tắc xét điều kiện nào có hiệu lực cho “Giấy khen của Giám đốc Sở” (cá nhân) "
            "vào ngày 20/12/2025."
        ],
        None,
    )


def test_verdict_ignores_rules_not_in_force_on_the_conference_date(held, giay_khen):
    make_rule(giay_khen, name="Đã hết hiệu lực", effective_to=datetime.date(2025, 6, 30))
    make_rule(giay_khen, name="Chưa có hiệu lực", effective_from=datetime.date(2026, 1, 1))
    nomination = nominate(held, giay_khen, [(2024, C.ADVANCED_LABOURER)])

    verdict = verdict_for(nomination)

    assert verdict.verdict == Verdict.NEEDS_EVIDENCE
    assert verdict.reasons[0].startswith("Chưa có quy tắc xét điều kiện nào có hiệu lực")


@pytest.mark.parametrize(
    ("on", "rule"),
    [
        (datetime.date(2025, 6, 30), "Đã hết hiệu lực"),  # its last day
        (datetime.date(2025, 7, 1), "Quy tắc mới"),  # the new rule's first day
        (None, "Quy tắc mới"),  # the conference date
    ],
)
def test_verdict_takes_the_rule_in_force_on_the_date(held, giay_khen, on, rule):
    make_rule(giay_khen, name="Đã hết hiệu lực", effective_to=datetime.date(2025, 6, 30))
    make_rule(giay_khen, name="Quy tắc mới", effective_from=datetime.date(2025, 7, 1))
    nomination = nominate(held, giay_khen, [(2024, C.ADVANCED_LABOURER)])

    assert verdict_for(nomination, on=on).rule.name == rule


def test_verdict_without_conference_date_uses_today(conference, giay_khen, settings):
    nomination = nominate(conference, giay_khen)
    today = datetime.date.today().strftime("%d/%m/%Y")

    assert verdict_for(nomination).reasons == [
        f"Chưa có quy tắc xét điều kiện nào có hiệu lực cho “Giấy khen của Giám đốc Sở” (cá nhân) vào ngày {today}."
    ]


def test_verdict_ignores_other_award_forms_and_kinds(held, giay_khen, bang_khen):
    make_rule(bang_khen)
    make_rule(giay_khen, kind=NomineeKind.COLLECTIVE, title_categories="advanced_collective")
    nomination = nominate(held, giay_khen, [(2024, C.ADVANCED_LABOURER)])

    assert verdict_for(nomination).verdict == Verdict.NEEDS_EVIDENCE


# --- Many at once -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_verdicts_for_query_count_is_constant(held, giay_khen, bang_khen, rules, django_assert_num_queries, count):
    histories = [
        [(2023, C.GRASSROOTS_EMULATION_FIGHTER), (2024, C.GRASSROOTS_EMULATION_FIGHTER)],
        [(2024, C.ADVANCED_LABOURER)],
        [],
    ]
    for index, history in enumerate(histories[:count]):
        nominate(held, (bang_khen, giay_khen, bang_khen)[index], history)
    nominations = list(Nomination.objects.order_by("id"))

    # Nominees, their history, their links to earlier rounds, conferences, award forms, rules.
    with django_assert_num_queries(6):
        verdicts = verdicts_for(nominations)

    assert {pk: v.verdict for pk, v in verdicts.items()} == {
        n.pk: v for n, v in zip(nominations, [Verdict.PASS, Verdict.PASS, Verdict.NEEDS_EVIDENCE], strict=False)
    }
    fresh = [Nomination.objects.get(pk=n.pk) for n in nominations]
    assert verdicts == {n.pk: verdict_for(n) for n in fresh}


def test_verdicts_for_with_related_loaded_needs_three_queries(held, bang_khen, rules, django_assert_num_queries):
    nominate(held, bang_khen, [(2023, C.GRASSROOTS_EMULATION_FIGHTER)])
    nominations = list(Nomination.objects.select_related("conference", "nominee", "award_form"))

    # History, links to earlier rounds (nominations/matching.py), rules.
    with django_assert_num_queries(3):
        verdicts_for(nominations)


def test_verdicts_for_nothing_asks_nothing(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert verdicts_for([]) == {}
