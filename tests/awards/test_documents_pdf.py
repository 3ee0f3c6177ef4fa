"""PDF documents rendered for real (WeasyPrint) and read back with pypdf, pdftotext and pdffonts; the print log.

Every test runs under ``no_weasyprint_warnings``; filterwarnings=error fails on Python warnings.
"""

import re
import unicodedata

import pytest

from awards.enums import PrintMode
from awards.models import CertificatePrint, PrintedDocument
from awards.services import printing
from hoinghi.pdf import PdfResourceRefused, render_html_to_pdf
from reference.enums import NomineeKind
from tests import awards_documents_support as support
from tests import factories as f
from tests.awards_documents_support import (
    A3_LANDSCAPE,
    A4_LANDSCAPE,
    A4_PORTRAIT,
    GK_ENTRIES,
    ORG_DESC,
    assert_only_liberation_serif,
    make_entry,
    page_sizes,
    pdftotext,
)

# The shared fixtures: pytest finds fixtures among a module's globals.
no_weasyprint_warnings = support.no_weasyprint_warnings
decision, proposal, meeting, ballot = support.decision, support.proposal, support.meeting, support.ballot

# --------------------------------------------------------------------- real PDFs read back


def test_render_pdf_refuses_anything_but_local_files():
    with pytest.raises(PdfResourceRefused):
        render_html_to_pdf('<p>x<img src="http://127.0.0.1:9/logo.png"></p>')


def test_decision_pdf_text_extracts_exactly(decision, office_user):
    content = printing.decision_pdf(decision, by=office_user).content
    text = pdftotext(content)

    assert unicodedata.is_normalized("NFC", text)
    for expected in (
        "UBND TỈNH HƯNG YÊN",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/QĐ-SKHCN",
        "Hưng Yên, ngày 05 tháng 01 năm 2026",
        "QUYẾT ĐỊNH",
        "Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ.",
        "Điều 1. Tặng Giấy khen của Giám đốc Sở cho 02 tập thể và 03 cá nhân",
        "(Bằng chữ: Bốn triệu chín trăm năm mươi nghìn đồng)",
        "Nơi nhận: - Như Điều 3;",
        "- Lưu: VT, VP.",
        "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
        "Trần Văn Phó",
        "DANH SÁCH",
        "Danh sách có 02 tập thể và 03 cá nhân./.",
        "4.950.000",
    ):
        assert expected in text
    for number, _kind, name, _description, _amount in GK_ENTRIES:
        assert re.search(rf"\b{number} {re.escape(name)}\b", text), name
    assert page_sizes(content) == [A4_PORTRAIT] * 2
    assert_only_liberation_serif(content)


def test_decision_pdf_numbers_pages_from_the_second_and_the_list_on_its_own(decision, office_user):
    for number in range(6, 31):
        make_entry(decision, number, NomineeKind.INDIVIDUAL, f"Ông Trần Văn Thêm {number}", ORG_DESC, 710_000)
    decision.legal_bases = decision.legal_bases * 6  # pushes the signature onto page 2
    decision.save()

    content = printing.decision_pdf(decision, by=office_user).content
    pages = [pdftotext(content, page) for page in range(1, len(page_sizes(content)) + 1)]

    assert len(pages) >= 4
    assert pages[0].startswith("UBND TỈNH HƯNG YÊN")
    assert pages[1].startswith("2 ")
    annex = next(i for i, text in enumerate(pages) if text.startswith("DANH SÁCH"))
    assert pages[annex + 1].startswith("2 ")
    assert "Ông Trần Văn Thêm 30" in pages[-1]


def test_proposal_pdf_lists_names_and_achievement_summaries(proposal, office_user):
    content = printing.proposal_pdf(proposal, by=office_user).content
    text = pdftotext(content)

    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên (qua Sở Nội vụ)" in text
    assert "Số: 12/TTr-SKHCN" in text
    assert "Hưng Yên, ngày 15 tháng 3 năm 2026" in text
    assert "Tóm tắt thành tích" in text
    assert "Chủ nhiệm 01 đề tài cấp tỉnh nghiệm thu loại xuất sắc." in text
    assert "Ông Phạm Quang Huy" in text
    assert unicodedata.is_normalized("NFC", text)
    assert_only_liberation_serif(content)


def test_minutes_and_vote_count_pdfs(meeting, ballot, office_user):
    minutes = printing.minutes_pdf(meeting, by=office_user).content
    count = printing.vote_count_pdf(ballot, by=office_user).content
    minutes_text, count_text = pdftotext(minutes), pdftotext(count)

    for expected in (
        "BIÊN BẢN",
        "Thời gian bắt đầu: 08 giờ 30, ngày 10 tháng 12 năm 2025.",
        "Thành phần tham dự: 7/9 thành viên Hội đồng có mặt:",
        "2. Đ/c Hoàng Thị Lan, Trưởng phòng Quản lý khoa học, Ủy viên",
        "Chủ trì (Chủ tọa): Đ/c Vũ Tuấn Anh, Giám đốc Sở, Chủ tịch Hội đồng.",
        "Phương thức: Bỏ phiếu kín (trên hệ thống).",
        "2 Ông Đặng Văn Bình 5 55,56% 3 33,33% 0 0% Đạt",
        "Không đồng Không biểu ý quyết",  # the two column heads, each over two lines
        "Ban Kiểm phiếu: Đ/c Phạm Văn Hùng, Phó Giám đốc Sở, Phó Chủ tịch Hội đồng (Trưởng ban);",
        "Cuộc họp kết thúc vào 10 giờ 45, ngày 10 tháng 12 năm 2025.",
        "THƯ KÝ",
        "CHỦ TỌA",
    ):
        assert expected in minutes_text
    assert "HỘI ĐỒNG THI ĐUA" in minutes_text  # "HỘI ĐỒNG THI ĐUA -" / "KHEN THƯỞNG": pdftotext drops a line-end "-"
    assert "KHEN THƯỞNG Số: /BB-HĐTĐKT" in minutes_text
    assert "Số phiếu phát ra: 8; số phiếu thu về: 8; số phiếu hợp lệ: 8; số phiếu không hợp lệ: 0." in count_text
    assert "3 Bà Lê Thị Ánh Tuyết 4 44,44% 4 44,44% 0 0% Không đạt" in count_text
    assert "Không đồng Không biểu ý quyết" in count_text
    assert "1. Đ/c Phạm Văn Hùng, Phó Giám đốc Sở, Trưởng ban;" in count_text
    assert "2. Đ/c Lê Thị Thanh Hương, Phó Giám đốc Sở, Thành viên;" in count_text
    assert "3. Đ/c Ngô Đức Thắng, Trưởng phòng Quản lý công nghệ, Thành viên." in count_text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in count_text
    assert "Lê Thị Thanh Hương Ngô Đức Thắng Phạm Văn Hùng" in count_text  # the three signature lines
    assert_only_liberation_serif(minutes)
    assert_only_liberation_serif(count)


def test_certificate_batch_is_one_page_per_awardee_with_name_and_register_number(decision, office_user):
    content = printing.certificates_pdf(decision, mode=PrintMode.FULL, by=office_user).content

    assert page_sizes(content) == [A4_LANDSCAPE] * 5
    for page, (number, _kind, name, description, _amount) in enumerate(GK_ENTRIES, start=1):
        text = pdftotext(content, page)
        assert name in text
        assert f"Số sổ vàng: {number}" in text
        assert description in text
        assert "Quyết định số 05/QĐ-SKHCN ngày 05/01/2026" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in text
        assert "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TẶNG GIẤY KHEN" in text
        assert "Hưng Yên, ngày 05 tháng 01 năm 2026 KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text
        assert text.endswith("Trần Văn Phó")
        assert unicodedata.is_normalized("NFC", text)
    assert_only_liberation_serif(content)


def test_text_only_certificates_leave_out_what_the_blank_carries(decision, office_user):
    content = printing.certificates_pdf(decision, mode=PrintMode.TEXT_ONLY, by=office_user).content
    text = pdftotext(content, 3)

    assert "CỘNG HÒA" not in text
    assert "Độc lập" not in text
    assert text.startswith("GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TẶNG GIẤY KHEN Bà Nguyễn Thị Hường")
    assert page_sizes(content) == [A4_LANDSCAPE] * 5


def test_bang_khen_is_a3_landscape_signed_for_the_province(proposal, office_user):
    content = printing.certificates_pdf(proposal, by=office_user).content
    text = pdftotext(content, 2)

    assert page_sizes(content) == [A3_LANDSCAPE] * 2
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN TẶNG BẰNG KHEN Ông Phạm Quang Huy" in text
    assert "Quyết định số 215/QĐ-UBND ngày 02/04/2026" in text
    assert "Hưng Yên, ngày 02 tháng 4 năm 2026 TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text


def test_paper_size_comes_from_the_layout(decision, giay_khen, office_user):
    f.DocLayoutFactory(award_form=giay_khen, paper_width_mm=400, paper_height_mm=300)

    content = printing.certificates_pdf(decision, by=office_user).content

    assert page_sizes(content) == [(1133.86, 850.39)] * 5


def test_calibration_pdf_has_one_page_of_the_paper_with_rulers(giay_khen):
    content = printing.calibration_pdf(giay_khen).content
    text = pdftotext(content)

    assert page_sizes(content) == [A4_LANDSCAPE]
    assert "Trang căn chỉnh – GIẤY KHEN – 297 × 210 mm" in text
    assert "Người được tặng (recipient): +0; +0 mm" in text
    assert "290" in text
    assert_only_liberation_serif(content)


# ---------------------------------------------------------------------------- print log


def test_every_certificate_print_is_logged_with_its_reprint_number(decision, office_user):
    first, second = decision.entries.order_by("register_number")[:2]

    printing.certificate_pdf(first, mode=PrintMode.FULL, by=office_user)
    printing.certificate_pdf(first, mode=PrintMode.TEXT_ONLY, by=office_user)
    printing.certificates_pdf(decision, mode=PrintMode.FULL, by=office_user)

    log = CertificatePrint.objects.order_by("id")
    assert [(p.entry_id, p.reprint_number, p.mode, p.in_batch) for p in log.filter(entry=first)] == [
        (first.pk, 1, PrintMode.FULL, False),
        (first.pk, 2, PrintMode.TEXT_ONLY, False),
        (first.pk, 3, PrintMode.FULL, True),
    ]
    assert [p.reprint_number for p in log.filter(entry=second)] == [1]
    assert log.count() == 7
    assert set(log.values_list("printed_by", flat=True)) == {office_user.pk}
    # Each print is its own row with its + history row (who, when): the audit trail of printing.
    assert [(h.history_type, h.history_user) for h in CertificatePrint.history.order_by("history_id")] == [
        ("+", office_user)
    ] * 7
    assert not PrintedDocument.objects.exists()


def test_documents_leave_a_printed_document_row(decision, meeting, ballot, office_user):
    printing.decision_pdf(decision, by=office_user)
    printing.minutes_pdf(meeting, by=office_user)
    printing.vote_count_pdf(ballot, by=office_user)

    printed = list(PrintedDocument.objects.order_by("id"))
    assert {(p.conference, p.printed_by) for p in printed} == {(decision.conference, office_user)}
    history = PrintedDocument.history.order_by("history_id")
    assert [(h.id, h.history_type, h.history_user) for h in history] == [(p.pk, "+", office_user) for p in printed]
    targets = [p.what for p in printed]
    assert targets[0] == f"Quyết định {decision}"
    assert targets[1].startswith("Biên bản họp ")
    assert targets[2].startswith("Biên bản kiểm phiếu ")


# ------------------------------------------------------- invisible characters (issue 9 item 15)


def test_a_right_to_left_override_in_a_name_does_not_print_it_reversed(decision, office_user):
    entry = decision.entries.get(register_number=3)
    entry.recipient = "Bà \u202eNguyễn Thị\u200b Hường"
    entry.save()

    content = printing.certificate_pdf(entry, mode=PrintMode.FULL, by=office_user).content

    text = pdftotext(content)
    assert "Bà Nguyễn Thị Hường" in text
    assert "gnờưH ịhT nễyugN" not in text


# --------------------------------------------------------------------- one percentage (issue 10)

PERCENT_CELL = re.compile(r'<td class="field-percent_for">\s*<p>([^<]*)</p>')


def test_admin_results_page_and_pdfs_show_one_figure_for_5_of_9(meeting, ballot, office_user, office_client):
    """5 of the council's 9 members is 55,56% everywhere: the admin, the Office's results page, both PDFs."""
    from django.urls import reverse

    admin_page = office_client.get(reverse("admin:awards_ballot_change", args=[ballot.pk])).content.decode()
    results_page = office_client.get(reverse("council_results")).content.decode()
    minutes = pdftotext(printing.minutes_pdf(meeting, by=office_user).content)
    count = pdftotext(printing.vote_count_pdf(ballot, by=office_user).content)

    assert PERCENT_CELL.findall(admin_page) == ["77,78%", "55,56%", "44,44%"]
    assert [cell.strip() for cell in re.findall(r'<td class="text-end">([^<]*%)</td>', results_page)] == [
        "77,78%",
        "55,56%",
        "44,44%",
    ]
    for text in (minutes, count):
        assert "2 Ông Đặng Văn Bình 5 55,56% 3 33,33% 0 0% Đạt" in text
