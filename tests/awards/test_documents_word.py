"""The awards documents as Word files: the same texts as the PDFs, the NĐ 30 layout, the downloads' gates."""

import pytest
from django.urls import reverse

from awards.enums import BallotStatus, DecisionStatus
from awards.models import PrintedDocument
from awards.services import printing
from tests import awards_documents_support as support
from tests import factories as f
from tests.docx_support import (
    DOCX_TYPE,
    assert_nd30_layout,
    header_cells,
    open_docx,
    paragraph,
    run_style,
    texts,
)

decision, proposal, meeting, ballot = support.decision, support.proposal, support.meeting, support.ballot


def test_decision_docx_prints_the_pdf_wording_in_the_nd30_layout(decision, office_user):
    printed = printing.decision_docx(decision, by=office_user)
    document = open_docx(printed.content)
    lines = texts(document)

    assert (printed.filename, printed.display_name) == ("QD-05-2026-SKHCN.docx", "QĐ-05-2026-SKHCN.docx")
    assert header_cells(document) == [
        [
            "UBND TỈNH HƯNG YÊN|SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc",
        ],
        ["Số: 05/QĐ-SKHCN", "Hưng Yên, ngày 05 tháng 01 năm 2026"],
    ]
    start = lines.index("QUYẾT ĐỊNH")
    assert lines[start : start + 8] == [
        "QUYẾT ĐỊNH",
        "Về việc tặng Giấy khen của Giám đốc Sở cho các tập thể, cá nhân có thành tích xuất sắc "
        "trong các phong trào thi đua năm 2025",
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        "Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ.",
        "Theo đề nghị của Chánh Văn phòng Sở.",
        "QUYẾT ĐỊNH:",
    ]
    for basis in lines[start + 3 : start + 7]:
        assert run_style(paragraph(document, basis)) == (14, False, True)
    article_1 = next(line for line in lines if line.startswith("Điều 1."))
    assert article_1.startswith("Điều 1. Tặng Giấy khen của Giám đốc Sở cho 02 tập thể và 03 cá nhân (có danh sách")
    assert "(Bằng chữ: Bốn triệu chín trăm năm mươi nghìn đồng)" in next(x for x in lines if x.startswith("Điều 2."))
    signing = lines.index("Nơi nhận:")
    assert lines[signing : signing + 8] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Giám đốc, các Phó Giám đốc Sở;",
        "- Lưu: VT, VP.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Trần Văn Phó",
        "DANH SÁCH",
    ]
    assert run_style(paragraph(document, "Nơi nhận:")) == (12, True, True)
    assert run_style(paragraph(document, "- Như Điều 3;")) == (11, False, False)
    assert run_style(paragraph(document, "Trần Văn Phó")) == (14, True, False)
    annex = document.tables[-1]
    assert [c.text for c in annex.rows[0].cells] == [
        "STT",
        "Tên tập thể / Họ và tên",
        "Chức vụ, đơn vị công tác / Cơ quan chủ quản",
        "Số tiền thưởng (đồng)",
    ]
    assert [c.text for c in annex.rows[1].cells] == ["I", "Tập thể", "Tập thể", "Tập thể"]
    assert [c.text for c in annex.rows[2].cells] == [
        "1",
        "Phòng Quản lý khoa học",
        support.ORG_DESC,
        "1.410.000",
    ]
    assert [c.text for c in annex.rows[-1].cells] == ["", "Tổng cộng", "Tổng cộng", "4.950.000"]
    assert lines[-1] == "Danh sách có 02 tập thể và 03 cá nhân./."
    assert len(document.sections) == 2  # the list is its own section, numbered from 1
    assert document.sections[0].first_page_header.paragraphs[0].text == ""  # issued: no DỰ THẢO mark
    assert_nd30_layout(document)
    assert PrintedDocument.objects.get().what == f"Quyết định {decision} (Word)"


def test_a_draft_decision_docx_is_marked_and_leaves_the_number_blank(decision, office_user):
    draft = f.DocDecisionFactory(
        conference=decision.conference, award_form=decision.award_form, status=DecisionStatus.DRAFT, number=None,
        date=None,
    )  # fmt: skip
    printed = printing.decision_docx(draft, by=office_user)
    document = open_docx(printed.content)

    assert printed.filename == f"QD-du-thao-{draft.pk}-SKHCN.docx"
    assert header_cells(document)[1][0] == "Số:        /QĐ-SKHCN"
    assert document.sections[0].first_page_header.paragraphs[0].text == "DỰ THẢO"


def test_proposal_docx_has_the_addressee_and_the_achievement_summaries(proposal, office_user):
    document = open_docx(printing.proposal_docx(proposal, by=office_user).content)
    lines = texts(document)

    assert header_cells(document)[1] == ["Số: 12/TTr-SKHCN", "Hưng Yên, ngày 15 tháng 3 năm 2026"]
    assert "TỜ TRÌNH" in lines
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên (qua Sở Nội vụ)" in lines
    basis = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022."  # the only one: it ends with "."
    assert run_style(paragraph(document, basis)) == (14, False, True)
    assert lines[lines.index("Nơi nhận:") + 4 : lines.index("Nơi nhận:") + 6] == ["GIÁM ĐỐC", "Vũ Tuấn Anh"]
    annex = document.tables[-1]
    assert annex.rows[0].cells[3].text == "Tóm tắt thành tích"
    assert [c.text for c in annex.rows[-1].cells] == [
        "2",
        "Ông Phạm Quang Huy",
        f"Phó Trưởng phòng Quản lý công nghệ, {support.ORG_DESC}",
        "Chủ nhiệm 01 đề tài cấp tỉnh nghiệm thu loại xuất sắc.",
    ]
    assert_nd30_layout(document)


def test_minutes_and_vote_count_docx(meeting, ballot, office_user):
    minutes = open_docx(printing.minutes_docx(meeting, by=office_user).content)
    count = open_docx(printing.vote_count_docx(ballot, by=office_user).content)
    minutes_lines, count_lines = texts(minutes), texts(count)

    assert header_cells(minutes) == [
        [
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ|HỘI ĐỒNG THI ĐUA -|KHEN THƯỞNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc",
        ],
        ["Số:        /BB-HĐTĐKT", "Hưng Yên, ngày 10 tháng 12 năm 2025"],
    ]
    for expected in (
        "BIÊN BẢN",
        "Thời gian bắt đầu: 08 giờ 30, ngày 10 tháng 12 năm 2025.",
        "Thành phần tham dự: 7/9 thành viên Hội đồng có mặt:",
        "2. Đ/c Phạm Văn Hùng, Phó Giám đốc Sở, Phó Chủ tịch Hội đồng;",
        "Chủ trì (Chủ tọa): Đ/c Vũ Tuấn Anh, Giám đốc Sở, Chủ tịch Hội đồng.",
        "Phương thức: Bỏ phiếu kín (trên hệ thống). Tỷ lệ cần đạt: trên 50% tổng số thành viên Hội đồng "
        "(9 thành viên).",
        "Số phiếu phát ra: 8; số phiếu thu về: 8; số phiếu hợp lệ: 8; số phiếu không hợp lệ: 0.",
        "Cuộc họp kết thúc vào 10 giờ 45, ngày 10 tháng 12 năm 2025.",
        "(Ký, ghi rõ họ tên)",
    ):
        assert expected in minutes_lines, expected
    signatures = minutes_lines.index("THƯ KÝ")
    assert minutes_lines[signatures : signatures + 8] == [
        "THƯ KÝ",
        "(Ký, ghi rõ họ tên)",
        "Trần Thị Minh Thư",
        "CHỦ TỌA",
        "(Ký, ghi rõ họ tên)",
        "Vũ Tuấn Anh",
        "Nơi nhận:",
        "- Thành viên Hội đồng;",
    ]
    votes = minutes.tables[1]
    assert [c.text for c in votes.rows[0].cells] == [
        "STT", "Tên tập thể / Họ và tên", "Đồng ý", "Đồng ý", "Không đồng ý", "Không đồng ý",
        "Không biểu quyết", "Không biểu quyết", "Kết quả",
    ]  # fmt: skip
    assert [c.text for c in votes.rows[3].cells] == [
        "2",
        "Ông Đặng Văn Bình",
        "5",
        "55,56%",
        "3",
        "33,33%",
        "0",
        "0%",
        "Đạt",
    ]
    assert [c.text for c in count.tables[1].rows[4].cells] == [
        "3", "Bà Lê Thị Ánh Tuyết", "4", "44,44%", "4", "44,44%", "0", "0%", "Không đạt",
    ]  # fmt: skip
    board = count_lines.index("Ban Kiểm phiếu gồm:")
    assert count_lines[board : board + 4] == [
        "Ban Kiểm phiếu gồm:",
        "1. Đ/c Phạm Văn Hùng, Phó Giám đốc Sở, Trưởng ban;",
        "2. Đ/c Lê Thị Thanh Hương, Phó Giám đốc Sở, Thành viên;",
        "3. Đ/c Ngô Đức Thắng, Trưởng phòng Quản lý công nghệ, Thành viên.",
    ]
    assert count_lines[-9:] == [
        "THÀNH VIÊN", "(Ký, ghi rõ họ tên)", "Lê Thị Thanh Hương",
        "THÀNH VIÊN", "(Ký, ghi rõ họ tên)", "Ngô Đức Thắng",
        "TRƯỞNG BAN KIỂM PHIẾU", "(Ký, ghi rõ họ tên)", "Phạm Văn Hùng",
    ]  # fmt: skip
    assert_nd30_layout(minutes)
    assert_nd30_layout(count)


# --------------------------------------------------------------------------------- views


def _urls(decision, proposal, meeting, ballot) -> dict[str, str]:
    return {
        "decision": reverse("decision_docx", args=[decision.pk]),
        "proposal": reverse("proposal_docx", args=[proposal.pk]),
        "minutes": reverse("meeting_minutes_docx", args=[meeting.pk]),
        "vote_count": reverse("ballot_count_docx", args=[ballot.pk]),
    }


@pytest.mark.parametrize(
    ("name", "filename", "display"),
    [
        ("decision", "QD-05-2026-SKHCN.docx", "Q%C4%90-05-2026-SKHCN.docx"),
        ("proposal", "TTr-12-2026-SKHCN.docx", "TTr-12-2026-SKHCN.docx"),
        ("minutes", "BB-hop-HDTDKT-2025-12-10.docx", "BB-hop-H%C4%90T%C4%90KT-2025-12-10.docx"),
    ],
)
def test_the_office_downloads_each_word_file_named_in_ascii_and_vietnamese(
    office_client, decision, proposal, meeting, ballot, name, filename, display
):
    response = office_client.get(_urls(decision, proposal, meeting, ballot)[name])

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == f"attachment; filename=\"{filename}\"; filename*=UTF-8''{display}"
    assert response["Cache-Control"] == "no-store"
    assert open_docx(response.content).sections[0].left_margin.mm == pytest.approx(30, abs=0.05)


@pytest.mark.parametrize("name", ["decision", "proposal", "minutes", "vote_count"])
def test_word_downloads_keep_the_pdfs_gates(
    anon_client, client_a, council_client, decision, proposal, meeting, ballot, name
):
    url = _urls(decision, proposal, meeting, ballot)[name]

    assert anon_client.get(url)["Location"] == f"/accounts/login/?next={url}"
    assert client_a.get(url).status_code == 403
    assert council_client.get(url).status_code == 403


def test_wrong_type_unknown_ids_and_an_open_ballot_are_404_as_for_the_pdf(office_client, decision, proposal, ballot):
    ballot.status = BallotStatus.OPEN
    ballot.save()

    assert office_client.get(reverse("proposal_docx", args=[decision.pk])).status_code == 404
    assert office_client.get(reverse("decision_docx", args=[proposal.pk])).status_code == 404
    assert office_client.get(reverse("ballot_count_docx", args=[ballot.pk])).status_code == 404
    assert office_client.get(reverse("ballot_count_pdf", args=[ballot.pk])).status_code == 404
    assert office_client.get(reverse("meeting_minutes_docx", args=[999_999])).status_code == 404
