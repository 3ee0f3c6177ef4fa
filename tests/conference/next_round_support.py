"""A finished 2025 round for the next-round tests: movements, a council, quotas, an issued decision."""

import datetime

import pytest

from awards.enums import CouncilRole
from awards.models import CouncilMember
from awards.services.decisions import draft_decision, issue_decision
from nominations.enums import Gender, NominationStatus, RuleCheck
from nominations.models import EligibilityRule
from nominations.services import NominationInput, create_nomination
from reference.enums import MovementScope, NomineeKind
from tests import factories as f
from tests.awards_fixtures import approved

D = datetime.date
I = NomineeKind.INDIVIDUAL  # noqa: E741
BORN = D(1980, 5, 2)
MINH = "Trần Văn Minh"


@pytest.fixture
def finished_round(conference, unit_a, giay_khen, bang_khen, money_rules, signer, office_user):
    """The 2025 round: three movements, two council seats, two quotas, Minh's Giấy khen 01/QĐ-SKHCN."""
    conference.slug, conference.date, conference.venue = "hoi-nghi-2025", D(2025, 12, 28), "Hội trường tầng 3"
    conference.name = "Hội nghị tổng kết phong trào thi đua năm 2025"
    conference.save()
    for order, (name, start, end) in enumerate(
        [("Thi đua 2021–2025", 2021, 2025), ("Thi đua 2025–2030", 2025, 2030), ("Thi đua thường xuyên", None, None)]
    ):
        f.MovementFactory(
            conference=conference, name=name, start_year=start, end_year=end, order=order,
            scope=MovementScope.DEPARTMENT,
        )  # fmt: skip
    chair_user = f.UserFactory(username="chutich", roles=["council_member"])
    CouncilMember.objects.create(conference=conference, user=chair_user, full_name="Phạm Văn Chủ",
                                 position="Giám đốc Sở", role=CouncilRole.CHAIR, order=1)  # fmt: skip
    CouncilMember.objects.create(conference=conference, full_name="Lê Thị Thư", position="Chánh Văn phòng",
                                 role=CouncilRole.MEMBER_SECRETARY, order=2)  # fmt: skip
    f.QuotaFactory(conference=conference, award_form=giay_khen, kind=I, minimum=1, maximum=8)
    f.QuotaFactory(conference=conference, award_form=bang_khen, kind=I, minimum=0, maximum=2)
    nomination = approved(conference, giay_khen, MINH, unit_a)
    nomination.nominee.birth_date = BORN
    nomination.nominee.save()
    decision = issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2025, 12, 20), signer=signer, by=office_user
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.AWARDED
    return decision


@pytest.fixture
def two_year_rule(giay_khen):
    """Giấy khen for a person: two consecutive years of HTXSNV or a Giấy khen."""
    return EligibilityRule.objects.create(
        award_form=giay_khen, kind=I, name="02 năm liên tục", check_type=RuleCheck.CONSECUTIVE_YEARS, years=2,
        title_categories="excellent_completion,certificate_of_merit", effective_from=D(2020, 1, 1),
    )  # fmt: skip


def nominate(conference, unit, award_form, by, *, name=MINH, born=BORN, history=()):
    """A draft nomination through the service (so the nominee is matched across rounds)."""
    data = NominationInput(
        nominee={"kind": I, "full_name": name, "gender": Gender.MALE, "birth_date": born, "unit": unit,
                 "position": "Chuyên viên"},
        proposing_unit=unit,
        award_form=award_form,
        achievement_summary="Hoàn thành xuất sắc nhiệm vụ.",
        commendations=[{"year": year, "title": title} for year, title in history],
    )  # fmt: skip
    return create_nomination(conference, data, by=by)
