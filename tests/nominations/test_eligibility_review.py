"""The eligibility verdict where the Office reviews a dossier (issue 9, item 5).

Found while reviewing: the verdict appeared only once a dossier was accepted, but the Office
needs it before, to return or reject a submitted dossier. It now shows on the page of a
submitted or resubmitted dossier and in the review queue, where the Office accepts directly.
"""

import pytest
from django.urls import reverse

from nominations import services
from nominations.enums import NominationStatus as S
from nominations.enums import RecordCategory as C
from nominations.models import Nomination
from tests import factories as f
from tests.eligibility_support import CSTDCS, default_rules, hold, nominate

PASS_REASON = f"Đạt tiêu chí: {CSTDCS} (các năm xét: 2022–2024; đạt: 2023–2024)."
DISCIPLINE_REASONS = [
    "Không được đề nghị khen thưởng: đang bị kỷ luật, điều tra, thanh tra hoặc xem xét giải quyết khiếu nại "
    "(Nghị định 152/2025/NĐ-CP, Điều 4).",
    "Ghi chú: Khiển trách theo Quyết định số 12/QĐ-SKHCN ngày 03/3/2025",
]
HISTORY = [(2023, C.GRASSROOTS_EMULATION_FIGHTER), (2024, C.GRASSROOTS_EMULATION_FIGHTER)]


@pytest.fixture
def rules(giay_khen, bang_khen):
    return default_rules()


def submitted(conference, form, unit, staff, movement, name, **nominee):
    """A dossier the unit drafted, completed and submitted to the Office (the real transition)."""
    nomination = nominate(conference, form, HISTORY, status=S.DRAFT, full_name=name, unit=unit, **nominee)
    Nomination.objects.filter(pk=nomination.pk).update(proposing_unit=unit, created_by=staff)
    nomination.refresh_from_db()
    nomination.movements.set([movement])
    f.AttachmentFactory(nomination=nomination, uploaded_by=staff)
    return services.transition(nomination, S.SUBMITTED, by=staff)


@pytest.fixture
def dossiers(conference, bang_khen, unit_a, staff_a, movement, rules, media_root):
    held = hold(conference)
    return [
        submitted(held, bang_khen, unit_a, staff_a, movement, "Nguyễn Thị Hường", gender="female"),
        submitted(
            held,
            bang_khen,
            unit_a,
            staff_a,
            movement,
            "Lê Văn Kỷ",
            under_discipline=True,
            discipline_note="Khiển trách theo Quyết định số 12/QĐ-SKHCN ngày 03/3/2025",
        ),
    ]


def detail(client, nomination):
    return client.get(reverse("nomination_detail", args=[nomination.public_id]))


@pytest.mark.parametrize("status", [S.SUBMITTED, S.RESUBMITTED])
def test_office_reviewing_a_dossier_sees_the_verdict_beside_return_and_reject(
    office_client, dossiers, testid_texts, status
):
    passing, disciplined = dossiers
    Nomination.objects.filter(pk__in=[passing.pk, disciplined.pk]).update(status=status)

    passing_page, disciplined_page = detail(office_client, passing), detail(office_client, disciplined)

    assert testid_texts(passing_page, "eligibility-verdict") == ["Đủ điều kiện"]
    assert testid_texts(passing_page, "eligibility-reason") == [PASS_REASON]
    assert testid_texts(disciplined_page, "eligibility-verdict") == ["Không đủ điều kiện"]
    assert testid_texts(disciplined_page, "eligibility-reason") == DISCIPLINE_REASONS
    # The decisions the verdict informs are on the same page.
    for target in ("accepted", "returned", "rejected"):
        assert testid_texts(disciplined_page, f"transition-{target}") != []


def test_unit_staff_do_not_see_the_verdict_of_their_submitted_dossier(client_a, dossiers, testid_texts):
    response = detail(client_a, dossiers[0])

    assert response.status_code == 200
    assert testid_texts(response, "eligibility") == []


def test_review_queue_shows_each_dossiers_verdict(office_client, dossiers, testid_texts):
    response = office_client.get(reverse("review_queue"))

    assert testid_texts(response, "row-eligibility") == [
        f"Đủ điều kiện {PASS_REASON}",
        "Không đủ điều kiện " + " ".join(DISCIPLINE_REASONS),
    ]
