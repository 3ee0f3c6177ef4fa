"""The pages: a unit sees its own movements and reports; another unit's report answers 404."""

import datetime

import pytest
from django.urls import reverse

from movements.enums import ReportStatus as S
from movements.models import MovementReport
from tests import factories as f
from tests.movements.conftest import fill


def test_a_unit_starts_fills_and_submits(client_a, movement, indicators, unit_a, conference):
    conference.movement_report_deadline = datetime.date(2025, 6, 30)
    conference.save()
    page = client_a.get(reverse("movement_report_list"))
    assert "Hạn gửi báo cáo" in page.content.decode()
    response = client_a.post(reverse("movement_report_start"), {"movement": movement.pk})
    report = MovementReport.objects.get()
    assert (report.unit, report.movement, report.status) == (unit_a, movement, S.DRAFT)
    assert response.url == reverse("movement_report_edit", args=[report.public_id])
    data = {"results": "Có 03 sáng kiến.", f"figure_{indicators[0].pk}": "3", f"figure_{indicators[1].pk}": "2.5"}
    response = client_a.post(response.url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert {i.name: v for i, v in [(x.indicator, x.value) for x in report.figures.all()]} == {
        "Sáng kiến được công nhận": 3,
        "Đề tài được nghiệm thu": 2.5,
    }
    client_a.post(reverse("movement_report_transition", args=[report.public_id]), {"to": S.SUBMITTED})
    report.refresh_from_db()
    assert report.status == S.SUBMITTED


def test_the_dashboard_shows_the_deadline(client_a, conference, unit_a):
    conference.movement_report_deadline = datetime.date(2025, 6, 30)
    conference.save()
    body = client_a.get(reverse("dashboard")).content.decode()
    assert "Hạn báo cáo phong trào: 30/06/2025" in body


def test_another_units_report_is_not_found(client_b, report_a, staff_a):
    fill(report_a, staff_a)
    for name in ("movement_report_detail", "movement_report_edit"):
        assert client_b.get(reverse(name, args=[report_a.public_id])).status_code == 404
    response = client_b.post(reverse("movement_report_transition", args=[report_a.public_id]), {"to": S.SUBMITTED})
    assert response.status_code == 404
    report_a.refresh_from_db()
    assert report_a.status == S.DRAFT


def test_a_unit_cannot_start_for_another_unit(client_a, movement, indicators, unit_a, unit_b):
    client_a.post(reverse("movement_report_start"), {"movement": movement.pk, "unit": unit_b.pk})
    assert list(MovementReport.objects.values_list("unit", flat=True)) == [unit_a.pk]


def test_the_office_returns_with_a_reason(office_client, report_a, staff_a, client_a):
    from movements import services

    fill(report_a, staff_a)
    services.transition(report_a, S.SUBMITTED, by=staff_a)
    url = reverse("movement_report_transition", args=[report_a.public_id])
    office_client.post(url, {"to": S.RETURNED, "note": ""})
    report_a.refresh_from_db()
    assert report_a.status == S.SUBMITTED
    office_client.post(url, {"to": S.RETURNED, "note": "Thiếu minh chứng"})
    report_a.refresh_from_db()
    assert (report_a.status, report_a.status_note) == (S.RETURNED, "Thiếu minh chứng")
    body = client_a.get(reverse("movement_report_detail", args=[report_a.public_id])).content.decode()
    assert "Thiếu minh chứng" in body


def test_the_office_list_filters_what_to_review(office_client, report_a, report_b, staff_a):
    from movements import services

    fill(report_a, staff_a)
    services.transition(report_a, S.SUBMITTED, by=staff_a)
    response = office_client.get(reverse("movement_report_list"), {"status": "review"})
    assert [r.pk for r in response.context["reports"]] == [report_a.pk]


def test_the_office_defines_indicators(office_client, movement, conference):
    url = reverse("movement_indicators")
    data = {"movement": movement.pk, "name": "Dịch vụ công trực tuyến", "unit_of_measure": "dịch vụ", "target": "4"}
    assert office_client.post(url, data).status_code == 302
    response = office_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": ["Chỉ tiêu với thông tin Phong trào và Chỉ tiêu đã tồn tại"]}
    assert list(movement.indicators.values_list("name", "target")) == [("Dịch vụ công trực tuyến", 4)]


def test_an_indicator_with_figures_stays(office_client, report_a, staff_a, indicators):
    fill(report_a, staff_a)
    office_client.post(reverse("movement_indicator_delete", args=[indicators[0].pk]))
    assert indicators[0].__class__.objects.filter(pk=indicators[0].pk).exists()


@pytest.mark.usefixtures("media_root")
def test_attachments_are_checked_and_scoped(client_a, client_b, report_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("movement_report_attachment_upload", args=[report_a.public_id])
    client_a.post(url, {"file": SimpleUploadedFile("bao-cao.pdf", f.PDF_BYTES)})
    client_a.post(url, {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")})
    attachment = report_a.attachments.get()
    assert attachment.original_name == "bao-cao.pdf"
    download = reverse("movement_report_attachment_download", args=[attachment.public_id])
    response = client_a.get(download)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, f.PDF_BYTES)
    assert client_b.get(download).status_code == 404
    assert client_b.post(reverse("movement_report_attachment_delete", args=[attachment.public_id])).status_code == 404
