"""What history rows count as (nominations/categories.py) and the default rules file (load_default_rules)."""

import datetime
import json

import pytest

from nominations.categories import category_for, infer_category
from nominations.eligibility import DEFAULT_RULES_PATH, load_default_rules
from nominations.enums import RecordCategory as C
from nominations.enums import RuleCheck
from nominations.models import EligibilityRule

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
