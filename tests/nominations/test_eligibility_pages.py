"""Eligibility on the pages: the verdict card (Office and council), the discipline flag, the history
categories on the form, and the rules' admin."""

import pytest
from django.test import Client
from django.urls import reverse

from nominations.eligibility import verdict_for
from nominations.enums import NominationStatus as S
from nominations.enums import RecordCategory as C
from nominations.models import EligibilityRule, Nomination
from tests import factories as f
from tests.eligibility_support import CSTDCS, default_rules, hold, make_rule, nominate


@pytest.fixture
def held(conference):
    return hold(conference)


@pytest.fixture
def rules(giay_khen, bang_khen):
    return default_rules()


# --- The nomination page ----------------------------------------------------------------------------------

PASS_REASON = f"Đạt tiêu chí: {CSTDCS} (các năm xét: 2022–2024; đạt: 2023–2024)."
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
    assert testid_texts(response, "eligibility-reason") == [PASS_REASON]
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


@pytest.mark.parametrize("status", [S.SUBMITTED, S.RESUBMITTED, S.RETURNED, S.REJECTED])
def test_detail_shows_verdict_to_the_office_from_submission_on(office_client, accepted_a, status, testid_texts):
    Nomination.objects.filter(pk=accepted_a.pk).update(status=status)

    response = detail(office_client, accepted_a)

    assert testid_texts(response, "eligibility-verdict") == ["Đủ điều kiện"]
    assert testid_texts(response, "eligibility-reason") == [PASS_REASON]


@pytest.mark.parametrize("status", [S.DRAFT, S.WITHDRAWN])
def test_detail_no_verdict_before_the_office_has_it(office_client, accepted_a, status, testid_texts):
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
        make_rule(giay_khen, name=f"Tiêu chí {index}")

    with django_assert_num_queries(8):
        response = admin_client.get(reverse("admin:nominations_eligibilityrule_changelist"))

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
    response = admin_client.post(reverse("admin:nominations_eligibilityrule_add"), _admin_post(giay_khen))

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
    response = admin_client.post(reverse("admin:nominations_eligibilityrule_add"), _admin_post(giay_khen, **overrides))

    if errors:
        assert response.status_code == 200
        assert response.context["adminform"].form.errors == errors
        assert EligibilityRule.objects.count() == 0
    else:
        assert response.status_code == 302
        assert EligibilityRule.objects.count() == 1
