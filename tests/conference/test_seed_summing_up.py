"""seed_demo's summing up (issue 13): units' reports on the nine movements, the 2025-2030 movement's
registrations, three exemplars' talks, the honour book's photos, and the next round ready to start."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from PIL import Image

from conference.enums import TalkStatus
from conference.models import AgendaItem, ExemplarTalk, HonourPhoto
from conference.services.book import book_pages
from conference.services.next_round import NextRoundInput, start_next_round
from movements.enums import RegistrationStatus, ReportStatus
from movements.models import Figure, Indicator, LaunchPlan, MovementReport, Pledge, Registration
from nominations.models import CommendationRecord
from reference.models import Conference, Movement
from tests.awards_documents_support import pdftotext
from tests.conference.test_seed import seed

NEW_MOVEMENT = "Đẩy mạnh phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số giai đoạn 2025-2030"


def summing_up_snapshot() -> dict[str, int]:
    models = [Movement, Indicator, MovementReport, Figure, LaunchPlan, Registration, Pledge, AgendaItem]
    models += [ExemplarTalk, HonourPhoto]
    counts = {model.__name__: model.objects.count() for model in models}
    for model in [Movement, Indicator, MovementReport, Figure, LaunchPlan, Registration, Pledge, ExemplarTalk]:
        counts[f"history:{model.__name__}"] = model.history.count()
    counts["history:HonourPhoto"] = HonourPhoto.history.count()
    return counts


@pytest.fixture
def seeded(db):
    return seed()


def test_the_summing_up_is_told_once(seeded):
    assert (
        "  summing up: indicators 18 created; unit reports 16 accepted, 1 returned, 1 submitted; "
        "2025-2030 movement created, registrations 1 draft, 2 submitted (6 pledges); "
        "talks 1 accepted, 1 returned, 1 submitted; 11 photos for the honour book\n"
    ) in seeded
    before = summing_up_snapshot()
    again = seed()
    assert (
        "  summing up: indicators 18 unchanged; unit reports skipped; 2025-2030 movement unchanged, "
        "registrations skipped (0 pledges); talks skipped; 0 photos for the honour book\n"
    ) in again
    assert summing_up_snapshot() == before
    assert before == {
        "Movement": 10, "Indicator": 18, "MovementReport": 18, "Figure": 36, "LaunchPlan": 1, "Registration": 3,
        "Pledge": 6, "AgendaItem": 9, "ExemplarTalk": 3, "HonourPhoto": 11,
        "history:Movement": 10, "history:Indicator": 18, "history:MovementReport": 18 * 3 + 16 + 1,
        "history:Figure": 36, "history:LaunchPlan": 1, "history:Registration": 5, "history:Pledge": 6,
        "history:ExemplarTalk": 3 + 2, "history:HonourPhoto": 11,
    }  # fmt: skip


def test_unit_reports_on_the_nine_movements(seeded):
    conference = Conference.objects.get(slug="hoi-nghi-2025")
    plan = Movement.objects.filter(conference=conference).exclude(name=NEW_MOVEMENT)
    reports = MovementReport.objects.filter(movement__conference=conference)
    assert sorted(reports.values_list("movement__order", flat=True)) == sorted([1, 2, 3, 4, 5, 6, 7, 8, 9] * 2)
    assert {m.indicators.count() for m in plan} == {2}
    assert not Indicator.objects.filter(movement__name=NEW_MOVEMENT).exists()
    statuses = {(r.unit.code, r.movement.order): r.status for r in reports.select_related("unit", "movement")}
    assert [key for key, status in statuses.items() if status != ReportStatus.ACCEPTED] == [("khtc", 4), ("qlkh", 8)]
    assert statuses[("qlkh", 8)] == ReportStatus.SUBMITTED
    returned = reports.get(status=ReportStatus.RETURNED)
    assert returned.status_note.startswith("Đề nghị bổ sung danh sách xã được hỗ trợ")
    assert all(r.results and r.good_practices and r.lessons and r.shortcomings and r.proposals for r in reports)
    # Written by the unit's own account, accepted by the Office.
    cds = reports.get(unit__code="cds")
    assert cds.created_by.username == "donvi-cds"
    moves = list(cds.history.order_by("history_id").values_list("history_change_reason", "history_user__username"))
    assert moves[-2:] == [("draft → submitted", "donvi-cds"), ("submitted → accepted", "vanphong")]
    assert list(cds.figures.order_by("indicator__order").values_list("indicator__name", "value")) == [
        ("Dịch vụ công trực tuyến toàn trình được triển khai", Decimal(36)),
        ("Hồ sơ được xử lý trực tuyến", Decimal(12480)),
    ]


def test_the_summary_report_reads_the_seeded_reports(seeded, client):
    client.force_login(User.objects.get(username="vanphong"))
    assert client.post(reverse("conference_summary_generate")).status_code == 302
    text = pdftotext(client.get(reverse("conference_summary_pdf")).content)
    assert "- Phòng Chuyển đổi số: Tham mưu đưa 36 dịch vụ công trực tuyến toàn trình vào vận hành" in text
    # The returned and the submitted reports are not in the draft.
    assert "Tham mưu bố trí kinh phí sự nghiệp khoa học hỗ trợ 01 mô hình" not in text
    assert "22 lượt cán bộ của phòng" not in text


def test_the_2025_2030_registrations(seeded):
    movement = Movement.objects.get(name=NEW_MOVEMENT)
    assert (movement.start_year, movement.end_year, movement.order, movement.conference.slug) == (
        2025, 2030, 10, "hoi-nghi-2025"
    )  # fmt: skip
    plan = movement.launch_plan
    assert plan.registration_deadline == datetime.date(2025, 8, 15)
    assert sorted(plan.award_forms.values_list("code", flat=True)) == ["bang-khen", "giay-khen"]
    assert plan.other_title_list() == ["Tập thể lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến"]
    rows = Registration.objects.filter(movement=movement).order_by("unit__order")
    assert [(r.unit.code, r.status, r.pledges.count(), r.created_by.username) for r in rows] == [
        ("qlkh", RegistrationStatus.SUBMITTED, 3, "donvi-qlkh"),
        ("cds", RegistrationStatus.SUBMITTED, 2, "donvi-cds"),
        ("ttud", RegistrationStatus.DRAFT, 1, "donvi-ttud"),
    ]
    pledges = Pledge.objects.filter(registration__movement=movement).order_by("id")
    assert [(p.person, p.title) for p in pledges] == [
        ("", "Tập thể lao động tiên tiến"),
        ("Trần Thị Mai Anh", "Chiến sĩ thi đua cơ sở"),
        ("Lê Quang Huy", "Lao động tiên tiến"),
        ("", "Giấy khen của Giám đốc Sở"),
        ("Phạm Đức Thắng", "Chiến sĩ thi đua cơ sở"),
        ("", "Tập thể lao động tiên tiến"),
    ]


def test_three_talks_and_the_agenda_links_the_accepted_one(seeded, client):
    talks = list(ExemplarTalk.objects.select_related("agenda_item__nomination").order_by("agenda_item__order"))
    assert [(t.agenda_item.order, t.status) for t in talks] == [
        (3, TalkStatus.ACCEPTED),
        (4, TalkStatus.SUBMITTED),
        (5, TalkStatus.RETURNED),
    ]
    assert talks[2].status_note == "Đề nghị rút gọn tham luận trong 7 phút trình bày và bổ sung số liệu minh chứng."
    assert len({t.agenda_item.nomination_id for t in talks}) == 3
    assert talks[1].uploaded_by.username == f"donvi-{talks[1].agenda_item.nomination.proposing_unit.code}"
    client.force_login(User.objects.get(username="vanphong"))
    page = client.get(reverse("agenda_list")).content.decode()
    accepted_file = reverse("talk_file", args=[talks[0].agenda_item_id])
    assert accepted_file in page
    assert "Ứng dụng khoa học và công nghệ nâng cao hiệu quả công tác chuyên môn" in page


def test_the_honour_book_is_ready(seeded):
    conference = Conference.objects.get(slug="hoi-nghi-2025")
    pages = book_pages(conference)
    assert len(pages) == 11
    photos = list(HonourPhoto.objects.all())
    assert len(photos) == 11
    with photos[0].file.open("rb") as stored:
        content = stored.read()
    with Image.open(io.BytesIO(content)) as image:
        assert (image.format, image.size) == ("JPEG", (240, 320))


def test_the_next_round_is_ready_to_start(seeded):
    office = User.objects.get(username="vanphong")
    result = start_next_round(NextRoundInput(year=2026, name="Hội nghị năm 2026"), by=office)
    assert (result.conference.year, result.conference.is_current, result.previous.slug) == (2026, True, "hoi-nghi-2025")
    # Still running in 2026: the movements without an end year, the 2023-2030 one and the new 2025-2030 one.
    assert result.movements == 7
    assert result.conference.movements.filter(name=NEW_MOVEMENT).exists()
    assert (result.awards.carried, result.awards.already) == (11, 0)
    assert CommendationRecord.objects.filter(carried_award__isnull=False, year=2025).count() == 11
