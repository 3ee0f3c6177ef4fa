"""Eligibility verdicts (awards/eligibility.py): the default rules, exact reasons, dates, queries, pages.

Reasons are asserted in Vietnamese, as the Office reads them (the compiled catalog is built by
`make test`). The conference is held on 20/12/2025, so a run of years must end in 2023 or later.
"""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from awards.eligibility import (
    DEFAULT_RULES_PATH,
    EligibilityVerdict,
    infer_category,
    load_default_rules,
    verdict_for,
    verdicts_for,
)
from awards.enums import RuleCheck, Verdict
from awards.models import EligibilityRule
from conference.enums import NomineeKind
from nominations.categories import category_for
from nominations.enums import NominationStatus as S
from nominations.enums import RecordCategory as C
from nominations.models import CommendationRecord, Nomination
from tests import factories as f

CONFERENCE_DAY = datetime.date(2025, 12, 20)

CSTDCS = "Có 02 lần liên tục được tặng danh hiệu “Chiến sĩ thi đua cơ sở”"
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
NEEDS_CSTDCS = "Cần 2 năm liên tục đạt “Chiến sĩ thi đua cơ sở”"
NEEDS_HTXS = (
    "Cần 2 năm liên tục đạt “Hoàn thành xuất sắc nhiệm vụ”, trong thời gian đó có 2 “Sáng kiến được công nhận” "
    "hoặc 2 “Đề tài khoa học được nghiệm thu”"
)


@pytest.fixture
def held(conference):
    conference.date = CONFERENCE_DAY
    conference.save()
    return conference


@pytest.fixture
def rules(giay_khen, bang_khen):
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


def summary(verdict: EligibilityVerdict):
    return verdict.verdict, verdict.reasons, verdict.rule.name if verdict.rule else None


# --- infer_category ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("Chiến sĩ thi đua cơ sở năm 2023", C.GRASSROOTS_EMULATION_FIGHTER),
        ("CHIẾN SĨ THI ĐUA CƠ SỞ", C.GRASSROOTS_EMULATION_FIGHTER),
        ("Hoàn thành xuất sắc nhiệm vụ", C.EXCELLENT_COMPLETION),
        ("HTXSNV năm 2022", C.EXCELLENT_COMPLETION),
        ("Tập thể lao động xuất sắc", C.EXCELLENT_LABOUR_COLLECTIVE),
        ("Tập thể lao động tiên tiến", C.ADVANCED_LABOUR_COLLECTIVE),
        ("Lao động tiên tiến", C.ADVANCED_LABOURER),
        ("Sáng kiến cấp cơ sở được công nhận", C.INITIATIVE),
        ("Đề tài khoa học cấp tỉnh", C.RESEARCH),
        ("Nhiệm vụ KH&CN đã nghiệm thu", C.RESEARCH),
        ("Giấy khen của Giám đốc Sở", C.CERTIFICATE_OF_MERIT),
        ("Giấy khen: hoàn thành xuất sắc nhiệm vụ năm 2023", C.CERTIFICATE_OF_MERIT),
        ("Bằng khen của Chủ tịch UBND tỉnh", C.PROVINCIAL_MERIT),
        ("Bằng khen của Thủ tướng Chính phủ", C.OTHER),
        ("Chiến sĩ thi đua cấp tỉnh", C.OTHER),
        ("Kỷ niệm chương", C.OTHER),
        ("", C.OTHER),
    ],
)
def test_infer_category_from_title(title, category):
    assert infer_category(title) == category


@pytest.mark.parametrize(
    ("title", "given", "stored"),
    [
        ("Lao động tiên tiến", "", C.ADVANCED_LABOURER),
        ("Lao động tiên tiến", None, C.ADVANCED_LABOURER),
        ("Lao động tiên tiến", C.OTHER, C.ADVANCED_LABOURER),
        ("Giấy chứng nhận", C.INITIATIVE, C.INITIATIVE),
        ("Giấy chứng nhận", "", C.OTHER),
    ],
)
def test_category_for_infers_only_blank_or_other(title, given, stored):
    assert category_for(title, given) == stored


# --- Default rules ----------------------------------------------------------------------------------------


def test_load_default_rules_is_idempotent(giay_khen, bang_khen):
    first = load_default_rules()
    second = load_default_rules()

    rows = EligibilityRule.objects.order_by("award_form__order", "kind", "order")
    assert (first, second) == (15, 0)
    assert [
        (r.award_form.code, r.kind, r.check_type, r.years, r.title_categories)
        for r in rows
        if r.years and r.check_type != RuleCheck.OFFICE_JUDGEMENT
    ] == [
        (
            "giay-khen",
            "collective",
            "consecutive_years",
            1,
            "excellent_completion,excellent_collective,advanced_collective",
        ),
        (
            "giay-khen",
            "individual",
            "consecutive_years",
            1,
            "excellent_completion,grassroots_fighter,advanced_labourer",
        ),
        ("bang-khen", "collective", "consecutive_years", 2, "excellent_completion,excellent_collective"),
        ("bang-khen", "individual", "consecutive_years", 2, "grassroots_fighter"),
        ("bang-khen", "individual", "consecutive_with_support", 2, "excellent_completion"),
    ]
    assert {(r.effective_from, r.effective_to) for r in rows} == {(datetime.date(2025, 7, 1), None)}
    support = rows.get(check_type=RuleCheck.CONSECUTIVE_YEARS_WITH_SUPPORT)
    assert (support.supporting_count, support.supporting_categories) == (2, "initiative,research")


def test_load_default_rules_skips_missing_award_forms(giay_khen):
    assert load_default_rules() == 6
    assert set(EligibilityRule.objects.values_list("award_form__code", flat=True)) == {"giay-khen"}


def test_load_default_rules_rejects_unknown_category(tmp_path, giay_khen):
    data = json.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))
    data["rules"][9]["title_categories"] = ["excellent_completion", "hero"]
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(ValueError, match=r"rule 10: unknown record categories \['hero'\]"):
        load_default_rules(path)

    assert EligibilityRule.objects.count() == 0


# --- Bằng khen, individual --------------------------------------------------------------------------------


def test_verdict_two_consecutive_grassroots_fighter_passes(held, bang_khen, rules):
    nomination = nominate(
        held, bang_khen, [(2023, C.GRASSROOTS_EMULATION_FIGHTER), (2024, C.GRASSROOTS_EMULATION_FIGHTER)]
    )

    verdict = verdict_for(nomination)

    assert summary(verdict) == (Verdict.PASS, [f"Đạt tiêu chí: {CSTDCS} (2023–2024)."], CSTDCS)
    assert (verdict.label, verdict.passed) == ("Đủ điều kiện", True)


def test_verdict_non_consecutive_grassroots_fighter_needs_evidence(held, bang_khen, rules):
    nomination = nominate(
        held, bang_khen, [(2022, C.GRASSROOTS_EMULATION_FIGHTER), (2024, C.GRASSROOTS_EMULATION_FIGHTER)]
    )

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.NEEDS_EVIDENCE,
        [*BK_JUDGED, f"{NEEDS_CSTDCS}; chỉ có năm 2022, 2024.", f"{NEEDS_HTXS}; chưa có năm nào."],
        None,
    )


def test_verdict_non_consecutive_without_judgement_rules_fails(held, bang_khen, rules):
    EligibilityRule.objects.filter(check_type=RuleCheck.OFFICE_JUDGEMENT).delete()
    nomination = nominate(held, bang_khen, [(2023, C.GRASSROOTS_EMULATION_FIGHTER), (2023, C.EXCELLENT_COMPLETION)])

    verdict = verdict_for(nomination)

    assert summary(verdict) == (
        Verdict.FAIL,
        [f"{NEEDS_CSTDCS}; chỉ có năm 2023.", f"{NEEDS_HTXS}; chỉ có năm 2023."],
        None,
    )
    assert verdict.label == "Không đủ điều kiện"


def test_verdict_old_run_does_not_count(held, bang_khen, rules):
    EligibilityRule.objects.filter(check_type=RuleCheck.OFFICE_JUDGEMENT).delete()
    nomination = nominate(
        held, bang_khen, [(2019, C.GRASSROOTS_EMULATION_FIGHTER), (2020, C.GRASSROOTS_EMULATION_FIGHTER)]
    )

    verdict = verdict_for(nomination)

    assert verdict.reasons[0] == f"{NEEDS_CSTDCS}, kết thúc từ năm 2023 trở về sau; lần gần nhất kết thúc năm 2020."
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
        [f"Đạt tiêu chí: {HTXS_SUPPORT} (2023–2024; 2 “Sáng kiến được công nhận”)."],
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
        [f"Đạt tiêu chí: {HTXS_SUPPORT} (2021–2023; 2 “Đề tài khoa học được nghiệm thu”)."],
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
    assert summary(verdict) == (Verdict.PASS, [f"Đạt tiêu chí: {criterion} (2023–2024)."], criterion)


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
            "Cần 2 năm liên tục đạt “Hoàn thành xuất sắc nhiệm vụ” hoặc “Tập thể lao động xuất sắc”; chỉ có năm 2024.",
        ],
        None,
    )


@pytest.mark.parametrize(
    ("kind", "history", "verdict"),
    [
        (NomineeKind.INDIVIDUAL, [(2024, C.ADVANCED_LABOURER)], Verdict.PASS),
        (NomineeKind.INDIVIDUAL, [(2023, C.GRASSROOTS_EMULATION_FIGHTER)], Verdict.PASS),
        (NomineeKind.INDIVIDUAL, [(2022, C.ADVANCED_LABOURER)], Verdict.NEEDS_EVIDENCE),
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
        "Cần một năm đạt “Hoàn thành xuất sắc nhiệm vụ”, “Chiến sĩ thi đua cơ sở” hoặc “Lao động tiên tiến”, "
        "kết thúc từ năm 2023 trở về sau; lần gần nhất kết thúc năm 2021."
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


def _rule(form, **options):
    values = {
        "kind": NomineeKind.INDIVIDUAL,
        "name": "Lao động tiên tiến năm gần nhất",
        "check_type": RuleCheck.CONSECUTIVE_YEARS,
        "years": 1,
        "title_categories": "advanced_labourer",
        "effective_from": datetime.date(2020, 1, 1),
    } | options
    return EligibilityRule.objects.create(award_form=form, **values)


def test_verdict_ignores_rules_not_in_force_on_the_conference_date(held, giay_khen):
    _rule(giay_khen, name="Đã hết hiệu lực", effective_to=datetime.date(2025, 6, 30))
    _rule(giay_khen, name="Chưa có hiệu lực", effective_from=datetime.date(2026, 1, 1))
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
    _rule(giay_khen, name="Đã hết hiệu lực", effective_to=datetime.date(2025, 6, 30))
    _rule(giay_khen, name="Quy tắc mới", effective_from=datetime.date(2025, 7, 1))
    nomination = nominate(held, giay_khen, [(2024, C.ADVANCED_LABOURER)])

    assert verdict_for(nomination, on=on).rule.name == rule


def test_verdict_without_conference_date_uses_today(conference, giay_khen, settings):
    nomination = nominate(conference, giay_khen)
    today = datetime.date.today().strftime("%d/%m/%Y")

    assert verdict_for(nomination).reasons == [
        f"Chưa có quy tắc xét điều kiện nào có hiệu lực cho “Giấy khen của Giám đốc Sở” (cá nhân) vào ngày {today}."
    ]


def test_verdict_ignores_other_award_forms_and_kinds(held, giay_khen, bang_khen):
    _rule(bang_khen)
    _rule(giay_khen, kind=NomineeKind.COLLECTIVE, title_categories="advanced_collective")
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

    # Nominees, their history, conferences, award forms, rules.
    with django_assert_num_queries(5):
        verdicts = verdicts_for(nominations)

    assert {pk: v.verdict for pk, v in verdicts.items()} == {
        n.pk: v for n, v in zip(nominations, [Verdict.PASS, Verdict.PASS, Verdict.NEEDS_EVIDENCE], strict=False)
    }
    fresh = [Nomination.objects.get(pk=n.pk) for n in nominations]
    assert verdicts == {n.pk: verdict_for(n) for n in fresh}


def test_verdicts_for_with_related_loaded_needs_two_queries(held, bang_khen, rules, django_assert_num_queries):
    nominate(held, bang_khen, [(2023, C.GRASSROOTS_EMULATION_FIGHTER)])
    nominations = list(Nomination.objects.select_related("conference", "nominee", "award_form"))

    with django_assert_num_queries(2):
        verdicts_for(nominations)


def test_verdicts_for_nothing_asks_nothing(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert verdicts_for([]) == {}


# --- The nomination page ----------------------------------------------------------------------------------

PASSING = [(2023, C.GRASSROOTS_EMULATION_FIGHTER), (2024, C.GRASSROOTS_EMULATION_FIGHTER)]


@pytest.fixture
def accepted_a(held, unit_a, bang_khen, rules, staff_a):
    """Unit A's accepted Bằng khen nomination with two consecutive CSTĐCS years."""
    nomination = nominate(held, bang_khen, PASSING, unit=unit_a, full_name="Nguyễn Thị Hường", gender="female")
    Nomination.objects.filter(pk=nomination.pk).update(proposing_unit=unit_a, created_by=staff_a)
    return nomination


def detail(client, nomination):
    return client.get(reverse("nomination_detail", args=[nomination.public_id]))


@pytest.mark.parametrize("persona", ["office_client", "council_client"])
@pytest.mark.parametrize("status", [S.ACCEPTED, S.APPROVED, S.NOT_APPROVED, S.AWARDED])
def test_detail_shows_verdict_to_office_and_council(request, accepted_a, persona, status, testid_texts):
    Nomination.objects.filter(pk=accepted_a.pk).update(status=status)

    response = detail(request.getfixturevalue(persona), accepted_a)

    assert response.status_code == 200
    assert testid_texts(response, "eligibility-verdict") == ["Đủ điều kiện"]
    assert testid_texts(response, "eligibility-reason") == [f"Đạt tiêu chí: {CSTDCS} (2023–2024)."]
    assert testid_texts(response, "eligibility-basis") == [
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74; Nghị định 152/2025/NĐ-CP; quy định thi đua, "
        "khen thưởng hiện hành của UBND tỉnh Hưng Yên"
    ]
    assert response.context["eligibility"] == verdict_for(accepted_a)


def test_detail_hides_verdict_from_unit_staff(client_a, accepted_a, testid_texts):
    # Unit staff see their own dossier, but the verdict is the Office's appraisal aid.
    response = detail(client_a, accepted_a)

    assert response.status_code == 200
    assert response.context["eligibility"] is None
    assert testid_texts(response, "eligibility") == []


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.RESUBMITTED, S.RETURNED, S.REJECTED, S.WITHDRAWN])
def test_detail_no_verdict_before_the_council(office_client, accepted_a, status, testid_texts):
    Nomination.objects.filter(pk=accepted_a.pk).update(status=status)

    response = detail(office_client, accepted_a)

    assert response.context["eligibility"] is None
    assert testid_texts(response, "eligibility") == []


@pytest.mark.parametrize("persona", ["office_client", "client_a"])
def test_detail_shows_discipline_flag(request, accepted_a, persona, testid_texts):
    accepted_a.nominee.under_discipline = True
    accepted_a.nominee.discipline_note = "Đang xem xét khiếu nại"
    accepted_a.nominee.save()

    response = detail(request.getfixturevalue(persona), accepted_a)

    assert testid_texts(response, "discipline") == [
        "Đang bị kỷ luật, điều tra, thanh tra hoặc xem xét giải quyết khiếu nại: Đang xem xét khiếu nại"
    ]
    expected = ["Không đủ điều kiện"] if persona == "office_client" else []
    assert testid_texts(response, "eligibility-verdict") == expected


def test_detail_without_discipline_shows_no_flag(office_client, accepted_a, testid_texts):
    assert testid_texts(detail(office_client, accepted_a), "discipline") == []


# --- The form: discipline flag and history categories -----------------------------------------------------


def _post(movement, unit, award_form, **overrides):
    data = {
        "full_name": "Trần Văn Minh",
        "gender": "male",
        "birth_date": "05/09/1985",
        "birth_year": "",
        "position": "Chuyên viên chính",
        "unit": str(unit.pk),
        "proposing_unit": str(unit.pk),
        "award_form": str(award_form.pk),
        "movements": [str(movement.pk)],
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
        "under_discipline": "on",
        "discipline_note": "  Khiển trách   năm 2025 ",
        "history-TOTAL_FORMS": "3",
        "history-INITIAL_FORMS": "0",
        "history-MIN_NUM_FORMS": "0",
        "history-MAX_NUM_FORMS": "30",
    }
    rows = [
        ("2023", "Chiến sĩ thi đua cơ sở", ""),
        ("2024", "Giấy chứng nhận số 15", "initiative"),
        ("2024", "Kỷ niệm chương", "other"),
    ]
    for index, (year, title, category) in enumerate(rows):
        data |= {f"history-{index}-year": year, f"history-{index}-title": title, f"history-{index}-category": category}
    return data | overrides


def test_form_saves_discipline_and_history_categories(client_a, conference, unit_a, bang_khen, movement):
    response = client_a.post(reverse("nomination_create", args=["individual"]), _post(movement, unit_a, bang_khen))

    nomination = Nomination.objects.get()
    assert response["Location"] == f"/nominations/{nomination.public_id}/"
    nominee = nomination.nominee
    assert (nominee.under_discipline, nominee.discipline_note) == (True, "Khiển trách năm 2025")
    assert list(nominee.commendations.values_list("year", "title", "category")) == [
        (2023, "Chiến sĩ thi đua cơ sở", "grassroots_fighter"),
        (2024, "Giấy chứng nhận số 15", "initiative"),
        (2024, "Kỷ niệm chương", "other"),
    ]


def test_form_collective_has_discipline_fields(client_a, conference, unit_a, giay_khen, movement):
    data = _post(movement, unit_a, giay_khen, full_name="Phòng Quản lý khoa học", parent_body="Sở KH&CN")

    client_a.post(reverse("nomination_create", args=["collective"]), data)

    nominee = Nomination.objects.get().nominee
    assert (nominee.kind, nominee.under_discipline, nominee.discipline_note) == (
        "collective",
        True,
        "Khiển trách năm 2025",
    )


def test_form_edit_shows_the_category_select(client_a, conference, unit_a, bang_khen, movement, testid_texts):
    client_a.post(reverse("nomination_create", args=["individual"]), _post(movement, unit_a, bang_khen))
    nomination = Nomination.objects.get()

    response = client_a.get(reverse("nomination_edit", args=[nomination.public_id]))

    assert [row["category"] for row in response.context["formset"].initial] == ["", "initiative", ""]
    assert response.context["form"].initial["under_discipline"] is True
    header = testid_texts(response, "history-table")[0]
    assert header.startswith("Năm Danh hiệu hoặc hình thức khen thưởng Loại Số quyết định")


# --- Admin ------------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(f.UserFactory(username="vanphong-admin", roles=["office_staff"], is_staff=True))
    return client


@pytest.mark.parametrize("count", [1, 3])
def test_admin_changelist_query_count_is_constant(admin_client, giay_khen, django_assert_num_queries, count):
    for index in range(count):
        _rule(giay_khen, name=f"Tiêu chí {index}")

    with django_assert_num_queries(9):
        response = admin_client.get(reverse("admin:awards_eligibilityrule_changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == count


def _admin_post(form, **overrides):
    data = {
        "award_form": str(form.pk),
        "kind": "individual",
        "name": "Hai năm liên tục Lao động tiên tiến",
        "legal_reference": "Quy định của tỉnh",
        "order": "5",
        "check_type": "consecutive_years",
        "years": "2",
        "title_categories": ["advanced_labourer", "excellent_completion"],
        "supporting_count": "0",
        "effective_from": "01/07/2025",
        "effective_to": "",
    }
    return data | overrides


def test_admin_adds_rule_with_categories_in_enum_order(admin_client, giay_khen):
    response = admin_client.post(reverse("admin:awards_eligibilityrule_add"), _admin_post(giay_khen))

    assert response.status_code == 302
    rule = EligibilityRule.objects.get()
    assert (rule.title_categories, rule.supporting_categories) == ("excellent_completion,advanced_labourer", "")
    assert rule.history.count() == 1


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"title_categories": []}, {"title_categories": ["Chọn các danh hiệu được tính cho cách kiểm tra này."]}),
        ({"years": "0"}, {"years": ["Ít nhất một năm."]}),
        (
            {"check_type": "consecutive_with_support"},
            {
                "supporting_count": ["Ít nhất một thành tích kèm theo."],
                "supporting_categories": ["Chọn các thành tích kèm theo được tính."],
            },
        ),
        ({"effective_to": "30/06/2025"}, {"effective_to": ["Ngày hết hiệu lực đứng trước ngày có hiệu lực."]}),
        ({"check_type": "office_judgement", "title_categories": [], "years": "0"}, {}),
    ],
)
def test_admin_validates_rule_parameters(admin_client, giay_khen, overrides, errors):
    response = admin_client.post(reverse("admin:awards_eligibilityrule_add"), _admin_post(giay_khen, **overrides))

    if errors:
        assert response.status_code == 200
        assert response.context["adminform"].form.errors == errors
        assert EligibilityRule.objects.count() == 0
    else:
        assert response.status_code == 302
        assert EligibilityRule.objects.count() == 1
