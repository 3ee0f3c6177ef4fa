"""The "03 năm gần nhất" of the Giấy khen rule names three years, and the rule counts those (issue 9, item 12).

Found on a verdict: "… trong 03 năm gần nhất (2023–2024)" named two years. For a 2025 round the
three most recent years are 2022–2024 (the round's own yearly titles are not given yet); the
verdict names them and the check counts exactly them (docs/eligibility.md, "The years considered").
"""

import json
import re

import pytest

from nominations.eligibility import DEFAULT_RULES_PATH, RECENT_YEARS, recent_years, verdict_for
from nominations.enums import RecordCategory as C
from nominations.enums import RuleCheck, Verdict
from nominations.models import EligibilityRule
from reference.enums import NomineeKind
from tests.eligibility_support import default_rules, hold, nominate

GK_INDIVIDUAL = (
    "Có ít nhất 01 năm được công nhận hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu “Lao động tiên tiến” "
    "trong 03 năm gần nhất"
)
GK_COLLECTIVE = (
    "Có ít nhất 01 năm được công nhận hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu “Tập thể lao động tiên "
    "tiến” trong 03 năm gần nhất"
)
ONE_YEAR = "một năm đạt “Hoàn thành xuất sắc nhiệm vụ”, “Chiến sĩ thi đua cơ sở” hoặc “Lao động tiên tiến”"


@pytest.fixture
def held(conference):
    return hold(conference)  # 20/12/2025: a 2025 round


@pytest.fixture
def rules(giay_khen, bang_khen):
    return default_rules()


def test_pass_names_the_three_years_it_considered(held, giay_khen, rules):
    nomination = nominate(held, giay_khen, [(2023, C.ADVANCED_LABOURER), (2024, C.EXCELLENT_COMPLETION)])

    verdict = verdict_for(nomination)

    assert verdict.verdict == Verdict.PASS
    assert verdict.reasons == [f"Đạt tiêu chí: {GK_INDIVIDUAL} (các năm xét: 2022–2024; đạt: 2023–2024)."]


def test_collective_pass_names_the_three_years(held, giay_khen, rules):
    nomination = nominate(held, giay_khen, [(2022, C.ADVANCED_LABOUR_COLLECTIVE)], kind=NomineeKind.COLLECTIVE)

    assert verdict_for(nomination).reasons == [f"Đạt tiêu chí: {GK_COLLECTIVE} (các năm xét: 2022–2024; đạt: 2022)."]


@pytest.mark.parametrize(
    ("year", "counts"),
    [(2021, False), (2022, True), (2023, True), (2024, True), (2025, False)],
)
def test_the_rule_counts_exactly_the_years_the_text_names(held, giay_khen, rules, year, counts):
    nomination = nominate(held, giay_khen, [(year, C.ADVANCED_LABOURER)])

    verdict = verdict_for(nomination)

    named = re.search(r"các năm xét: (\d{4})–(\d{4})", " ".join(verdict.reasons))
    if counts:
        first, last = int(named[1]), int(named[2])
        assert first <= year <= last
    assert verdict.verdict == (Verdict.PASS if counts else Verdict.NEEDS_EVIDENCE)
    assert recent_years(held.year) == (2022, 2024)


def test_a_year_outside_the_window_is_told_with_the_window(held, giay_khen, rules):
    EligibilityRule.objects.filter(check_type=RuleCheck.OFFICE_JUDGEMENT).delete()

    too_old = verdict_for(nominate(held, giay_khen, [(2021, C.ADVANCED_LABOURER)]))
    too_new = verdict_for(nominate(held, giay_khen, [(2025, C.ADVANCED_LABOURER)], full_name="Trần Văn Mới"))

    assert too_old.reasons == [f"Cần {ONE_YEAR} trong các năm 2022–2024; năm gần nhất là năm 2021."]
    assert too_new.reasons == [f"Cần {ONE_YEAR} trong các năm 2022–2024; chỉ có năm 2025."]


def test_every_criterion_naming_recent_years_names_the_window_the_check_applies():
    """The count in a default criterion's "NN năm gần nhất" is the window the check uses."""
    rules = json.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))["rules"]
    named = [int(m[1]) for r in rules if (m := re.search(r"(\d+) năm gần nhất", r["name"]))]

    assert named == [3, 3]
    assert set(named) == {RECENT_YEARS}
    first, last = recent_years(2025)
    assert last - first + 1 == RECENT_YEARS


CSTDCS_RUN = "Có 02 lần liên tục được tặng danh hiệu “Chiến sĩ thi đua cơ sở”"
NEEDS_RUN = "Cần 2 năm liên tục đạt “Chiến sĩ thi đua cơ sở”, kết thúc trong các năm 2022–2024"


@pytest.mark.parametrize(
    ("run", "verdict", "reason"),
    [
        ((2021, 2022), Verdict.PASS, f"Đạt tiêu chí: {CSTDCS_RUN} (các năm xét: 2022–2024; đạt: 2021–2022)."),
        ((2023, 2024), Verdict.PASS, f"Đạt tiêu chí: {CSTDCS_RUN} (các năm xét: 2022–2024; đạt: 2023–2024)."),
        ((2020, 2021), Verdict.FAIL, f"{NEEDS_RUN}; lần gần nhất kết thúc năm 2021."),
        ((2024, 2025), Verdict.FAIL, f"{NEEDS_RUN}; chỉ có năm 2024, 2025."),
    ],
)
def test_bang_khen_run_must_end_within_the_years_considered(held, bang_khen, rules, run, verdict, reason):
    """Two consecutive CSTĐCS years count when the run ends in 2022–2024; 2025 is not counted."""
    EligibilityRule.objects.filter(check_type=RuleCheck.OFFICE_JUDGEMENT).delete()
    nomination = nominate(held, bang_khen, [(year, C.GRASSROOTS_EMULATION_FIGHTER) for year in run])

    found = verdict_for(nomination)

    assert (found.verdict, found.reasons[0]) == (verdict, reason)
