"""The dashboard's quota progress at every stage of the round (issue 9, item 2).

Found on the demo data: after the council and the decisions every award form showed
"0 · chưa đạt mức tối thiểu" and every unit "Đã tiếp nhận 0", because only dossiers still
"accepted" were counted. The stage counts are cumulative (docs/nominations.md, "The dashboard").
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from nominations import services
from nominations.enums import NominationStatus as S
from nominations.models import Nomination
from reference.enums import NomineeKind
from reference.models import Conference
from tests import factories as f
from tests.nominations.test_views import nominate

GK = "Giấy khen của Giám đốc Sở"
BK = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
UNIT_A = "Phòng Quản lý khoa học"
UNIT_B = "Phòng Chuyển đổi số"


@pytest.fixture
def round_(conference, unit_a, unit_b, giay_khen, bang_khen, movement, quotas, staff_a, staff_b, media_root):
    """Drafts of two units: four Giấy khen individuals, one Bằng khen collective, one left as a draft."""
    quota = quotas[1]  # Giấy khen, individual
    quota.minimum, quota.maximum = 2, 3
    quota.save()
    rows = {
        "an": (unit_a, staff_a, giay_khen, NomineeKind.INDIVIDUAL, "Lê Văn An"),
        "binh": (unit_a, staff_a, giay_khen, NomineeKind.INDIVIDUAL, "Lê Văn Bình"),
        "cuong": (unit_a, staff_a, giay_khen, NomineeKind.INDIVIDUAL, "Lê Văn Cường"),
        "to": (unit_a, staff_a, bang_khen, NomineeKind.COLLECTIVE, "Tổ Công nghệ thông tin"),
        "dung": (unit_b, staff_b, giay_khen, NomineeKind.INDIVIDUAL, "Đặng Văn Dũng"),
        "draft": (unit_b, staff_b, giay_khen, NomineeKind.INDIVIDUAL, "Vũ Thị Nháp"),
        "rut": (unit_b, staff_b, bang_khen, NomineeKind.INDIVIDUAL, "Phạm Văn Rút"),
    }
    made = {}
    for key, (unit, staff, form, kind, name) in rows.items():
        made[key] = nominate(conference, unit, name, by=staff, award_form=form, kind=kind, movements=[movement])
        f.AttachmentFactory(nomination=made[key], uploaded_by=staff)
    return made


def move(nomination, to, by, note=""):
    return services.transition(nomination, to, by=by, note=note, record=to in {S.APPROVED, S.NOT_APPROVED, S.AWARDED})


def submit_all(round_, staff_a, staff_b):
    for key in ("an", "binh", "cuong", "to"):
        move(round_[key], S.SUBMITTED, staff_a)
    for key in ("dung", "rut"):
        move(round_[key], S.SUBMITTED, staff_b)
    move(round_["rut"], S.WITHDRAWN, staff_b)


def tables(client, testid_texts):
    response = client.get(reverse("dashboard"))
    return testid_texts(response, "award-row"), testid_texts(response, "unit-row")


def test_dashboard_counts_every_stage_cumulatively(round_, office_client, office_user, staff_a, staff_b, testid_texts):
    submit_all(round_, staff_a, staff_b)
    # Columns: proposed, accepted for the council, approved by the council, awarded; the quota.
    assert tables(office_client, testid_texts) == (
        [
            f"{GK} Tập thể 0 0 0 0 5–10 chưa đạt mức tối thiểu",
            f"{GK} Cá nhân 4 0 0 0 2–3 vượt mức tối đa",
            f"{BK} Tập thể 1 0 0 0 5–10 chưa đạt mức tối thiểu",
            f"{BK} Cá nhân 0 0 0 0 5–10 chưa đạt mức tối thiểu",
        ],
        [f"{UNIT_A} 4 0 0 0", f"{UNIT_B} 1 0 0 0"],
    )

    for key in ("an", "binh", "cuong", "to"):
        move(round_[key], S.ACCEPTED, office_user)
    move(round_["dung"], S.REJECTED, office_user, note="Thiếu xác nhận của thủ trưởng đơn vị.")
    assert tables(office_client, testid_texts) == (
        [
            f"{GK} Tập thể 0 0 0 0 5–10 chưa đạt mức tối thiểu",
            f"{GK} Cá nhân 4 3 0 0 2–3",
            f"{BK} Tập thể 1 1 0 0 5–10 chưa đạt mức tối thiểu",
            f"{BK} Cá nhân 0 0 0 0 5–10 chưa đạt mức tối thiểu",
        ],
        [f"{UNIT_A} 4 4 0 0", f"{UNIT_B} 1 0 0 0"],
    )

    for key in ("an", "binh", "to"):
        move(round_[key], S.APPROVED, office_user)
    move(round_["cuong"], S.NOT_APPROVED, office_user)
    assert tables(office_client, testid_texts) == (
        [
            f"{GK} Tập thể 0 0 0 0 5–10 chưa đạt mức tối thiểu",
            f"{GK} Cá nhân 4 3 2 0 2–3",
            f"{BK} Tập thể 1 1 1 0 5–10 chưa đạt mức tối thiểu",
            f"{BK} Cá nhân 0 0 0 0 5–10 chưa đạt mức tối thiểu",
        ],
        [f"{UNIT_A} 4 4 3 0", f"{UNIT_B} 1 0 0 0"],
    )

    # The Director's decision awards the Giấy khen; the province has not yet decided the Bằng khen.
    for key in ("an", "binh"):
        move(round_[key], S.AWARDED, office_user)
    assert tables(office_client, testid_texts) == (
        [
            f"{GK} Tập thể 0 0 0 0 5–10 chưa đạt mức tối thiểu",
            f"{GK} Cá nhân 4 3 2 2 2–3",
            f"{BK} Tập thể 1 1 1 0 5–10 chưa đạt mức tối thiểu",
            f"{BK} Cá nhân 0 0 0 0 5–10 chưa đạt mức tối thiểu",
        ],
        [f"{UNIT_A} 4 4 3 2", f"{UNIT_B} 1 0 0 0"],
    )


def test_unit_sees_its_own_stages_only(round_, client_a, office_user, staff_a, staff_b, testid_texts):
    submit_all(round_, staff_a, staff_b)
    move(round_["an"], S.ACCEPTED, office_user)
    move(round_["an"], S.APPROVED, office_user)
    move(round_["an"], S.AWARDED, office_user)

    awards, units = tables(client_a, testid_texts)

    assert awards[1] == f"{GK} Cá nhân 3 1 1 1 2–3 chưa đạt mức tối thiểu"
    assert units == [f"{UNIT_A} 4 1 1 1"]


# session, user, conference, groups, counts by status, by unit, by award form and kind, quotas.
@pytest.mark.parametrize("rows", [1, 3])
def test_dashboard_queries_do_not_grow_with_the_stages(
    round_, office_client, office_user, staff_a, django_assert_num_queries, rows
):
    stages = [
        [S.SUBMITTED],
        [S.SUBMITTED, S.ACCEPTED, S.APPROVED],
        [S.SUBMITTED, S.ACCEPTED, S.APPROVED, S.AWARDED],
    ]
    for key, path in zip(["an", "binh", "to"][:rows], stages, strict=False):
        for to in path:
            move(round_[key], to, office_user if to != S.SUBMITTED else staff_a)

    with django_assert_num_queries(7):
        response = office_client.get(reverse("dashboard"))

    assert response.context["by_unit"][0]["proposed"] == rows


def test_seeded_demo_dashboard_shows_the_awards(db, client, testid_texts):
    call_command("seed_demo", stdout=StringIO())
    conference = Conference.objects.get(is_current=True)
    awarded = Nomination.objects.filter(conference=conference, status=S.AWARDED)
    assert awarded.count() == 11  # the two Giấy khen decisions (10 + 1); the Bằng khen await the province
    client.force_login(f.UserFactory(username="vanphong"))

    awards, units = tables(client, testid_texts)

    assert awards == [
        f"{GK} Tập thể 6 5 5 5 5–10",
        f"{GK} Cá nhân 10 8 6 6 5–10",  # the second round: one more awarded, one waiting
        f"{BK} Tập thể 5 5 5 0 5–10",
        f"{BK} Cá nhân 5 5 5 0 5–10",
    ]
    assert sum(int(row.split()[-1]) for row in units) == awarded.count()
