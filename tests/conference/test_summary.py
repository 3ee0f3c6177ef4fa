"""The summary report of the movements (figures against independent counts, sections, PDF, queries); progress."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from conference.documents.progress import progress_pdf
from conference.documents.summary import summary_pdf
from conference.models import SummarySection
from conference.services import summary
from conference.services.movement_figures import movement_figures
from conference.services.progress import progress_figures
from movements import services as reports
from movements.enums import ReportStatus as S
from movements.models import Figure, Indicator
from nominations.enums import NominationStatus
from tests import factories as f
from tests.awards_documents_support import pdftotext


def accepted_report(movement, unit, user, office, values, results):
    report = reports.start_report(movement, unit, by=user)
    figures = {i.pk: Decimal(v) for i, v in zip(movement.indicators.order_by("order"), values, strict=True)}
    reports.update_report(report, {"results": results, "lessons": f"Bài học của {unit.name}."}, figures, by=user)
    reports.transition(report, S.SUBMITTED, by=user)
    reports.transition(report, S.ACCEPTED, by=office)
    return report


@pytest.fixture
def story(conference, movement, unit_a, unit_b, staff_a, staff_b, office_user, nomination_a, nomination_b):
    Indicator.objects.create(movement=movement, name="Sáng kiến được công nhận", unit_of_measure="sáng kiến", order=1)
    Indicator.objects.create(
        movement=movement, name="Đề tài được nghiệm thu", unit_of_measure="đề tài", target=Decimal(10), order=2
    )
    accepted_report(movement, unit_a, staff_a, office_user, (3, 2), "Phòng A có 03 sáng kiến.")
    accepted_report(movement, unit_b, staff_b, office_user, (5, "1.5"), "Phòng B có 05 sáng kiến.")
    second = f.MovementFactory(conference=conference, name="Chuyển đổi số trong cơ quan", order=2)
    Indicator.objects.create(movement=second, name="Dịch vụ công trực tuyến", unit_of_measure="dịch vụ", order=1)
    draft = reports.start_report(second, unit_a, by=staff_a)
    reports.update_report(draft, {"results": "Chưa gửi."}, {second.indicators.get().pk: Decimal(7)}, by=staff_a)
    nomination_a.status = NominationStatus.APPROVED
    nomination_a.save()
    return conference


def test_the_figures_match_independent_counts(story, movement):
    rows = {row.name: row for row in movement_figures(story)}
    first = rows[movement.name]
    accepted = Figure.objects.filter(report__status=S.ACCEPTED, indicator__movement=movement)
    expected = dict(accepted.values_list("indicator__name").annotate(total=Sum("value")))
    assert (
        {i.name: i.total for i in first.indicators}
        == expected
        == {
            "Sáng kiến được công nhận": 8,
            "Đề tài được nghiệm thu": Decimal("3.5"),
        }
    )
    assert first.indicators[0].by_unit == (("Phòng Quản lý khoa học", 3), ("Phòng Chuyển đổi số", 5))
    assert (first.reports_accepted, first.nominations, first.approved, first.honoured) == (2, 2, 1, 0)
    second = rows["Chuyển đổi số trong cơ quan"]
    assert [(i.name, i.total, i.by_unit) for i in second.indicators] == [("Dịch vụ công trực tuyến", 0, ())]
    assert (second.reports_accepted, second.reports_received, second.nominations) == (0, 0, 0)


def test_the_draft_names_each_source_and_keeps_the_office_edits(story, movement, office_user):
    assert summary.generate(story, by=office_user) == 2
    section = SummarySection.objects.get(movement=movement)
    assert section.body == (
        "a) Kết quả đạt được\n"
        "- Phòng Quản lý khoa học: Phòng A có 03 sáng kiến.\n"
        "- Phòng Chuyển đổi số: Phòng B có 05 sáng kiến.\n"
        "b) Bài học kinh nghiệm\n"
        "- Phòng Quản lý khoa học: Bài học của Phòng Quản lý khoa học.\n"
        "- Phòng Chuyển đổi số: Bài học của Phòng Chuyển đổi số."
    )
    summary.save_section(section, "Các đơn vị hoàn thành vượt mức chỉ tiêu.", by=office_user)
    assert summary.generate(story, by=office_user) == 1  # the edited section stays
    section.refresh_from_db()
    assert (section.body, section.edited) == ("Các đơn vị hoàn thành vượt mức chỉ tiêu.", True)
    assert section.history.count() == 2  # the draft, then the edit


def test_the_summary_pdf_reads_back(story, movement, office_user):
    summary.generate(story, by=office_user)
    text = pdftotext(summary_pdf(story).content)
    for line in [
        "BÁO CÁO Tổng kết các phong trào thi đua năm 2025",
        "tổng kết 02 phong trào thi đua; 01 phong trào có báo cáo của đơn vị được tiếp nhận",
        "1. Đổi mới sáng tạo, ứng dụng tiến bộ khoa học và công nghệ",
        "Số đơn vị có báo cáo được tiếp nhận: 02.",
        "8 Phòng Quản lý khoa học: 3; Phòng Chuyển đổi số: 5",
        "3,5 Phòng Quản lý khoa học: 2; Phòng Chuyển đổi số: 1,5",
        "Số hồ sơ đề nghị khen thưởng gắn với phong trào: 02; Hội đồng thông qua: 01; được khen thưởng: 00.",
        "- Phòng Quản lý khoa học: Phòng A có 03 sáng kiến.",
        "2. Chuyển đổi số trong cơ quan",
        "Chưa có báo cáo của đơn vị được tiếp nhận.",
    ]:
        assert line in text, line


def test_the_office_edits_a_section_in_the_browser_pages(story, movement, office_client):
    office_client.post(reverse("conference_summary_generate"))
    section = SummarySection.objects.get(movement=movement)
    page = office_client.get(reverse("conference_summary_section", args=[section.pk]))
    assert "Phòng B có 05 sáng kiến." in page.content.decode()
    office_client.post(reverse("conference_summary_section", args=[section.pk]), {"body": "Đoạn đã sửa."})
    section.refresh_from_db()
    assert (section.body, section.edited) == ("Đoạn đã sửa.", True)
    response = office_client.get(reverse("conference_summary_pdf"))
    assert "Đoạn đã sửa." in pdftotext(response.content)


def test_the_summary_page_query_count_does_not_grow(
    conference, movement, unit_a, unit_b, staff_a, staff_b, office_user, office_client, django_assert_num_queries
):
    Indicator.objects.create(movement=movement, name="Sáng kiến", unit_of_measure="sáng kiến")
    accepted_report(movement, unit_a, staff_a, office_user, (1,), "A")
    summary.generate(conference, by=office_user)
    with django_assert_num_queries(13):
        office_client.get(reverse("conference_summary"))
    for n in range(2):
        other = f.MovementFactory(conference=conference, name=f"Phong trào {n}")
        Indicator.objects.create(movement=other, name="Sáng kiến", unit_of_measure="sáng kiến")
        accepted_report(other, unit_b, staff_b, office_user, (2,), "B")
    summary.generate(conference, by=office_user)
    with django_assert_num_queries(13):
        office_client.get(reverse("conference_summary"))


def test_the_progress_report_reads_the_data_as_of_a_day(story, movement, office_user):
    today = datetime.date.today()
    figures = progress_figures(story, today)
    assert (figures.movements, figures.movements_reported, figures.reports_sent, figures.reports_accepted) == (
        2,
        1,
        2,
        2,
    )
    assert (figures.nominations_received, figures.nominations_accepted) == (1, 1)
    before = progress_figures(story, today - datetime.timedelta(days=1))
    assert (before.movements, before.reports_sent, before.nominations_received) == (0, 0, 0)
    text = pdftotext(progress_pdf(story, today).content)
    assert "Số báo cáo của đơn vị đã gửi: 02; đã được tiếp nhận: 02." in text
    assert f"tính đến hết ngày {today:%d/%m/%Y}" in text


def test_the_report_to_so_noi_vu_gains_the_per_movement_figures(story, movement):
    import io

    from openpyxl import load_workbook

    from conference.documents import report as documents

    text = pdftotext(documents.report_pdf(story).content)
    assert "Kết quả theo từng phong trào:" in text
    assert "- Sáng kiến được công nhận: 8 sáng kiến" in text
    assert "- Đề tài được nghiệm thu: 3,5 đề tài" in text
    book = load_workbook(io.BytesIO(documents.report_xlsx(story)))
    rows = [[c.value for c in row] for row in book["Theo phong trào"].iter_rows(min_row=2)]
    assert rows == [
        [1, movement.name, 2, 2, 1, 0, None, None],
        [None, None, None, None, None, None, "Sáng kiến được công nhận (sáng kiến)", 8],
        [None, None, None, None, None, None, "Đề tài được nghiệm thu (đề tài)", 3.5],
        [2, "Chuyển đổi số trong cơ quan", 0, 0, 0, 0, None, None],
        [None, None, None, None, None, None, "Dịch vụ công trực tuyến (dịch vụ)", 0],
    ]
