"""The conference's administrative documents as Word files: invitations, agenda, reports, launch plan."""

import datetime

import pytest
from django.urls import reverse

from awards.models import PrintedDocument
from conference.documents import word
from conference.models import SummarySection
from conference.services import issuing, summary
from hoinghi.letterhead import Signature
from movements import registrations
from registry.enums import DocumentKind, DocumentStatus
from registry.models import OutgoingDocument
from tests import factories as f
from tests.conference.test_invitations import agenda, day, delegates, group  # noqa: F401 (fixtures)
from tests.conference.test_summary import story  # noqa: F401 (fixture)
from tests.docx_support import DOCX_TYPE, assert_nd30_layout, header_cells, open_docx, paragraph, run_style, texts


def _get(client, name, *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    return response


def _issue(code, target, office_user, on=datetime.date(2025, 12, 1)):
    """Issue a conference document through the register, signed by the Director."""
    return issuing.issue(
        issuing.TYPES[code], target, on=on, signer=SIGNER, recipients=["- Như trên;", "- Lưu: VT, VP."], by=office_user
    )


SIGNER = Signature("", "GIÁM ĐỐC", "Vũ Tuấn Anh")


def test_the_invitations_are_one_file_with_one_section_per_delegate(office_client, office_user, day, delegates, agenda):  # noqa: F811
    draft = open_docx(_get(office_client, "invitations_docx").content)
    assert [t.rows[1].cells[0].text for t in draft.tables[0::2]] == ["Số:        /GM-SKHCN"] * 3  # the draft: no number
    _issue("invitation", day, office_user)
    response = _get(office_client, "invitations_docx")
    document = open_docx(response.content)
    lines = texts(document)

    slug = day.slug
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"Giay-moi-{slug}.docx\"; filename*=UTF-8''Gi%E1%BA%A5y-m%E1%BB%9Di-{slug}.docx"
    )
    assert len(document.sections) == 3
    assert all(s.start_type == 2 for s in document.sections[1:])  # WD_SECTION.NEW_PAGE
    assert [t.rows[1].cells[0].text for t in document.tables[0::2]] == ["Số: 01/GM-SKHCN"] * 3  # one invitation
    assert [line for line in lines if line.startswith(("Ông ", "Bà "))] == [
        "Ông Nguyễn Văn An, Giám đốc, Sở Tài chính tỉnh Hưng Yên",
        "Bà Trần Thị Bích Ngọc, Phó Chủ tịch, UBND huyện Văn Giang",
        "Ông Lê Quang Đạo, Chánh Văn phòng, Sở Nội vụ tỉnh Hưng Yên",
    ]
    assert lines.count("GIẤY MỜI") == 3
    assert lines.count("Thời gian: Từ 08 giờ 00 đến 11 giờ 30, Thứ Bảy, ngày 20 tháng 12 năm 2025.") == 3
    assert lines.count("- Tổng kết, bế mạc Hội nghị.") == 3
    assert "Rất mong Bà đến dự đúng thời gian./." in lines
    assert lines.count("Nơi nhận:") == 3
    assert len(document.inline_shapes) == 3  # each letter's QR code
    assert run_style(paragraph(document, "Ông Nguyễn Văn An, Giám đốc, Sở Tài chính tỉnh Hưng Yên")) == (
        14,
        True,
        False,
    )
    assert_nd30_layout(document)
    assert PrintedDocument.objects.filter(what="Giấy mời: 3 đại biểu (Word)").count() == 2


def test_the_agenda_docx_is_the_programme_table(office_client, day, agenda):  # noqa: F811
    document = open_docx(_get(office_client, "agenda_docx").content)
    table = document.tables[1]

    assert "CHƯƠNG TRÌNH" in texts(document)
    assert [c.text for c in table.rows[0].cells] == ["TT", "Thời gian", "Nội dung", "Người thực hiện"]
    assert [c.text for c in table.rows[1].cells][:2] == ["1", "08h00 - 08h10"]
    assert len(table.rows) == 1 + len(agenda)
    assert_nd30_layout(document)


def test_the_summary_docx_reads_like_its_pdf(office_client, story, office_user):  # noqa: F811
    summary.generate(story, by=office_user)
    document = open_docx(_get(office_client, "conference_summary_docx").content)
    lines = texts(document)

    for expected in (
        "BÁO CÁO",
        "Tổng kết các phong trào thi đua năm 2025",
        "1. Đổi mới sáng tạo, ứng dụng tiến bộ khoa học và công nghệ",
        "Số đơn vị có báo cáo được tiếp nhận: 02.",
        "Số hồ sơ đề nghị khen thưởng gắn với phong trào: 02; Hội đồng thông qua: 01; được khen thưởng: 00.",
        "- Phòng Quản lý khoa học: Phòng A có 03 sáng kiến.",
        "2. Chuyển đổi số trong cơ quan",
        "Chưa có báo cáo của đơn vị được tiếp nhận.",
        "Nơi nhận:",
        "- Sở Nội vụ;",
    ):
        assert expected in lines, expected
    indicators = document.tables[1]
    assert [c.text for c in indicators.rows[1].cells][2:] == [
        "sáng kiến",
        "",
        "8",
        "Phòng Quản lý khoa học: 3; Phòng Chuyển đổi số: 5",
    ]
    assert header_cells(document)[1][0] == "Số:        /BC-SKHCN"
    assert document.sections[0].first_page_header.paragraphs[0].text == "DỰ THẢO"
    assert SummarySection.objects.filter(conference=story).count() == 2
    assert_nd30_layout(document)


def test_the_progress_docx_takes_the_day_like_the_pdf(office_client, story):  # noqa: F811
    today = datetime.date.today()
    response = _get(office_client, "conference_progress_docx", on=today.isoformat())
    lines = texts(open_docx(response.content))

    assert response["Content-Disposition"].startswith(
        f'attachment; filename="BC-tien-do-{story.slug}-{today:%Y%m%d}.docx"'
    )
    assert "Kính gửi: Sở Nội vụ tỉnh Hưng Yên" in lines
    assert "- Số báo cáo của đơn vị đã gửi: 02; đã được tiếp nhận: 02." in lines
    assert any(f"tính đến hết ngày {today:%d/%m/%Y}" in line for line in lines)
    bad = office_client.get(reverse("conference_progress_docx"), {"on": "not-a-date"})
    assert (bad.status_code, bad["Location"]) == (302, reverse("conference_summary"))


def test_the_report_docx_has_the_number_the_figures_and_two_appendices(office_client, office_user, conference, story):  # noqa: F811
    draft = open_docx(_get(office_client, "conference_report_docx").content)
    assert header_cells(draft)[1][0] == "Số:        /BC-SKHCN"
    _issue("report", conference, office_user)
    document = open_docx(_get(office_client, "conference_report_docx").content)
    lines = texts(document)

    assert header_cells(document)[1][0] == "Số: 01/BC-SKHCN"
    for expected in (
        "Kính gửi: Sở Nội vụ tỉnh Hưng Yên",
        "I. CÁC PHONG TRÀO THI ĐUA ĐƯỢC TỔNG KẾT",
        "Kết quả theo từng phong trào:",
        "II. KẾT QUẢ ĐỀ NGHỊ KHEN THƯỞNG",
        "IV. TỔ CHỨC HỘI NGHỊ",
        "Phụ lục I",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        "Phụ lục II",
    ):
        assert expected in lines, expected
    assert run_style(paragraph(document, "I. CÁC PHONG TRÀO THI ĐUA ĐƯỢC TỔNG KẾT")) == (14, True, False)
    assert len(document.sections) == 3  # the report, then each appendix numbered on its own
    assert_nd30_layout(document)


def test_the_launch_plan_docx_is_drafted_from_the_data(office_client, conference, giay_khen, office_user):
    movement = f.MovementFactory(conference=conference, name="Thi đua đổi mới sáng tạo", start_year=2025, end_year=2030)
    registrations.save_plan(
        movement,
        goals="Khơi dậy tinh thần đổi mới sáng tạo.\nHoàn thành các chỉ tiêu giai đoạn 2025-2030.",
        deadline=datetime.date(2026, 3, 31),
        award_forms=[giay_khen],
        other_titles="Tập thể lao động tiên tiến",
        by=office_user,
    )
    document = open_docx(_get(office_client, "conference_launch_plan_docx", movement.pk).content)
    lines = texts(document)

    top = lines.index("KẾ HOẠCH")
    assert lines[top : top + 9] == [
        "KẾ HOẠCH",
        "Phát động phong trào thi đua “Thi đua đổi mới sáng tạo” giai đoạn 2025-2030",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Khơi dậy tinh thần đổi mới sáng tạo.",
        "Hoàn thành các chỉ tiêu giai đoạn 2025-2030.",
        "II. DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐĂNG KÝ",
        "- Giấy khen của Giám đốc Sở.",
        "- Tập thể lao động tiên tiến.",
        "III. ĐĂNG KÝ THI ĐUA",
    ]
    assert "Các đơn vị gửi Bản đăng ký thi đua về Văn phòng trước ngày 31/03/2026." in lines
    assert header_cells(document)[1][0] == "Số:        /KH-SKHCN"
    assert document.sections[0].first_page_header.paragraphs[0].text == "DỰ THẢO"
    assert_nd30_layout(document)


def test_a_launch_plan_of_another_conference_or_without_a_plan_is_404_as_for_the_pdf(
    office_client, conference, office_user
):
    other = f.MovementFactory(conference=f.ConferenceFactory(organisation=conference.organisation, is_current=False))
    registrations.save_plan(
        other, goals="x", deadline=None, award_forms=[], other_titles="", by=office_user
    )  # fmt: skip
    without = f.MovementFactory(conference=conference)
    for movement in (other, without):
        for name in ("conference_launch_plan_pdf", "conference_launch_plan_docx"):
            assert office_client.get(reverse(name, args=[movement.pk])).status_code == 404, (name, movement)


@pytest.mark.parametrize(
    "name",
    [
        "invitations_docx",
        "agenda_docx",
        "conference_summary_docx",
        "conference_progress_docx",
        "conference_report_docx",
    ],
)
def test_conference_word_downloads_are_the_offices(anon_client, client_a, council_client, conference, name):
    url = reverse(name)

    assert anon_client.get(url)["Location"] == f"/accounts/login/?next={url}"
    assert client_a.get(url).status_code == 403
    assert council_client.get(url).status_code == 403


def test_word_builders_do_not_touch_the_database_once_given_their_dataclass(day, delegates, django_assert_num_queries):  # noqa: F811
    from conference.documents.invitations import invitation_sheet

    record = OutgoingDocument(
        kind=DocumentKind.INVITATION, issuer_code="SKHCN", number=4, date=datetime.date(2025, 12, 1)
    )
    record.signer_position, record.signer_name, record.status = "GIÁM ĐỐC", "Vũ Tuấn Anh", DocumentStatus.ISSUED
    sheet = invitation_sheet(day, delegates, record)
    with django_assert_num_queries(0):
        content = word.invitations_docx(sheet)
    assert "ngày 01 tháng 12 năm 2025" in " ".join(texts(open_docx(content)))
