"""The kit's Word renderer (hoinghi.docx), its PDF conversion and the .docx upload check (hoinghi.office)."""

import io
import re
import subprocess
import threading
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from hoinghi import office
from hoinghi.docx import LEFT, UP, Row, start
from hoinghi.letterhead import Header, Signature
from tests.awards_documents_support import page_sizes, pdffonts, pdftotext
from tests.docx_support import (
    assert_nd30_layout,
    header_cells,
    mm,
    open_docx,
    paragraph,
    run_style,
    texts,
)

PLACE_DATE = "Hưng Yên, ngày 05 tháng 01 năm 2026"
HEADER = Header("UBND TỈNH HƯNG YÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 05/QĐ-SKHCN", PLACE_DATE)
BASIS = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
MACROS = "Không nhận tệp có chứa macro. Hãy lưu tài liệu ở dạng không có macro (.docx hoặc .xlsx) rồi gửi lại."
SIGNATURE = Signature("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Phó")
LIBREOFFICE_FONT = re.compile(r"^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$")


def assert_fonts_embedded(pdf: bytes) -> None:
    """Times New Roman is drawn with its metric twin Liberation Serif, embedded as subsets; no other font."""
    fonts = pdffonts(pdf)
    assert fonts and all(LIBREOFFICE_FONT.match(name) for name, _e, _s in fonts), fonts
    assert all(embedded == subset == "yes" for _n, embedded, subset in fonts), fonts


def sample(*, draft: bool = False) -> bytes:
    word = start(HEADER, "QUYẾT ĐỊNH", "Về việc tặng Giấy khen năm 2025", draft=draft)
    word.centered("GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ", bold=True, space_before=12)
    word.bases(["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "Theo đề nghị của Chánh Văn phòng Sở."])
    word.paragraph("Tặng Giấy khen cho 02 tập thể có thành tích xuất sắc.", label="Điều 1.")
    word.table(
        [("STT", "Tên", "Đồng ý", LEFT), (UP, UP, "Số phiếu", "Tỷ lệ")],
        [
            Row(("1", "Ông Đặng Văn Bình\nPhát ra 9", "5", "55,56%"), italic_lines=True),
            Row(("I", "Tập thể", LEFT, LEFT)),
        ],
        (12, None, 20, 20),
        centred=(0, 2, 3),
    )
    word.signing(["- Như Điều 3;", "- Lưu: VT, VP."], SIGNATURE)
    word.new_section()
    word.centered("DANH SÁCH", bold=True)
    return word.to_bytes()


def test_header_title_and_blocks_print_the_nd30_texts_and_styles():
    document = open_docx(sample())

    assert header_cells(document) == [
        [
            "UBND TỈNH HƯNG YÊN|SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc",
        ],
        ["Số: 05/QĐ-SKHCN", "Hưng Yên, ngày 05 tháng 01 năm 2026"],
    ]
    assert texts(document)[6:12] == [
        "QUYẾT ĐỊNH",
        "Về việc tặng Giấy khen năm 2025",
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Theo đề nghị của Chánh Văn phòng Sở.",
        "Điều 1. Tặng Giấy khen cho 02 tập thể có thành tích xuất sắc.",
    ]
    assert run_style(paragraph(document, "UBND TỈNH HƯNG YÊN")) == (12.5, False, False)
    assert run_style(paragraph(document, "SỞ KHOA HỌC VÀ CÔNG NGHỆ")) == (12.5, True, False)
    assert run_style(paragraph(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) == (12, True, False)
    motto = paragraph(document, "Độc lập - Tự do - Hạnh phúc")
    assert run_style(motto) == (13, True, False) and motto.runs[0].font.underline
    assert run_style(paragraph(document, "Số: 05/QĐ-SKHCN")) == (13, False, False)
    assert run_style(paragraph(document, "Hưng Yên, ngày 05 tháng 01 năm 2026")) == (14, False, True)
    assert run_style(paragraph(document, "QUYẾT ĐỊNH")) == (14, True, False)
    assert run_style(paragraph(document, BASIS)) == (14, False, True)
    article = paragraph(document, "Điều 1. Tặng Giấy khen cho 02 tập thể có thành tích xuất sắc.")
    assert [(r.text, r.font.bold) for r in article.runs] == [
        ("Điều 1. ", True),
        ("Tặng Giấy khen cho 02 tập thể có thành tích xuất sắc.", False),
    ]
    assert mm(article.paragraph_format.first_line_indent) == (10,)
    assert article.paragraph_format.space_after == Pt(6)
    assert run_style(paragraph(document, "Nơi nhận:")) == (12, True, True)
    assert run_style(paragraph(document, "- Lưu: VT, VP.")) == (11, False, False)
    assert run_style(paragraph(document, "KT. GIÁM ĐỐC")) == (14, True, False)
    assert run_style(paragraph(document, "PHÓ GIÁM ĐỐC")) == (14, True, False)
    assert run_style(paragraph(document, "Trần Văn Phó")) == (14, True, False)
    assert_nd30_layout(document)


def test_tables_merge_cells_repeat_their_header_and_rule_every_cell():
    document = open_docx(sample())
    table = document.tables[1]

    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Tên", "Đồng ý", "Đồng ý"],
        ["STT", "Tên", "Số phiếu", "Tỷ lệ"],
        ["1", "Ông Đặng Văn Bình\nPhát ra 9", "5", "55,56%"],
        ["I", "Tập thể", "Tập thể", "Tập thể"],
    ]
    assert table.style.name == "Table Grid"
    assert [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows[:2]] == [True, True]
    assert run_style(table.cell(2, 1).paragraphs[1]) == (12, False, True)  # the counts' line under the name
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths == [Mm(12).twips, Mm(113).twips, Mm(20).twips, Mm(20).twips]


def test_pages_are_numbered_from_the_second_and_the_appendix_restarts_at_one():
    document = open_docx(sample())
    first, annex = document.sections

    assert first.different_first_page_header_footer and annex.different_first_page_header_footer
    assert "PAGE" in first.header._element.xml and first.first_page_header.paragraphs[0].text == ""
    assert annex._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert first._sectPr.find(qn("w:pgNumType")) is None


def test_a_draft_carries_the_mark_in_the_first_page_margin_only():
    draft, issued = open_docx(sample(draft=True)), open_docx(sample())

    assert [p.text for p in draft.sections[0].first_page_header.paragraphs] == ["DỰ THẢO"]
    assert [p.text for p in issued.sections[0].first_page_header.paragraphs] == [""]
    assert "DỰ THẢO" not in texts(draft)
    assert draft.sections[1].first_page_header.paragraphs[0].text == ""


def test_the_normal_style_and_defaults_name_times_new_roman_for_vietnamese():
    document = open_docx(sample())
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    normal = document.styles["Normal"].element.rPr

    assert {fonts.get(qn(s)) for s in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


# --------------------------------------------------------------------- conversion to PDF


def test_convert_docx_to_pdf_keeps_the_vietnamese_text_and_embeds_the_fonts():
    pdf = office.convert_docx_to_pdf(sample())
    text = pdftotext(pdf)

    for expected in (
        "UBND TỈNH HƯNG YÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/QĐ-SKHCN",
        "Hưng Yên, ngày 05 tháng 01 năm 2026",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Ông Đặng Văn Bình",
        "Nơi nhận:",
        "Trần Văn Phó",
        "DANH SÁCH",
    ):
        assert expected in text, expected
    assert [(round(w), round(h)) for w, h in page_sizes(pdf)] == [(595, 842)] * 2  # A4
    assert_fonts_embedded(pdf)


def test_two_conversions_at_once_use_their_own_profiles():
    results: dict[int, bytes] = {}
    errors: list[Exception] = []

    def convert(i: int) -> None:
        try:
            results[i] = office.convert_docx_to_pdf(sample(draft=bool(i)))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=convert, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert "DỰ THẢO" in pdftotext(results[1]) and "DỰ THẢO" not in pdftotext(results[0])


def test_conversion_failures_say_what_happened_in_vietnamese(monkeypatch, settings):
    settings.LANGUAGE_CODE = "vi"
    with pytest.raises(office.ConversionFailed) as broken:
        office.convert_docx_to_pdf(b"PK\x03\x04 not really a document")
    assert str(broken.value) == (
        "Không chuyển được tệp Word sang PDF. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi thử lại."
    )

    monkeypatch.setattr(office.subprocess.Popen, "communicate", _times_out)
    with pytest.raises(office.ConversionFailed) as slow:
        office.convert_docx_to_pdf(sample(), timeout=1)
    assert str(slow.value) == "Việc chuyển tệp Word sang PDF quá 1 giây nên đã bị dừng."

    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    with pytest.raises(office.ConversionFailed) as missing:
        office.convert_docx_to_pdf(sample())
    assert str(missing.value) == "Máy chủ chưa cài LibreOffice nên không chuyển được tệp Word."


_real_communicate = subprocess.Popen.communicate


def _times_out(self, input=None, timeout=None):  # noqa: A002 (Popen's own signature)
    if timeout is not None:
        raise subprocess.TimeoutExpired(self.args, timeout)
    return _real_communicate(self, input, timeout)


# --------------------------------------------------------------------- upload check


def _upload(content: bytes, name: str = "du-thao.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _rezip(content: bytes, *, drop: str = "", replace: tuple[bytes, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == drop:
                continue
            data = source.read(info.filename)
            if replace and info.filename == "[Content_Types].xml":
                data = data.replace(*replace)
            target.writestr(info.filename, data)
    return out.getvalue()


MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def test_validate_docx_upload_accepts_a_word_document():
    checked = office.validate_docx_upload(_upload(sample()))

    assert (checked.extension, checked.content_type) == ("docx", office.DOCX_CONTENT_TYPE)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            _rezip(sample(), replace=(MAIN, b"application/vnd.ms-word.document.macroEnabled.main+xml")),
            "du-thao.docx",
            MACROS,
        ),
        (sample(), "du-thao.docm", MACROS),
        (
            _rezip(
                sample(),
                replace=(MAIN, b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
            ),
            "mau.docx",
            "Tệp không phải là văn bản Word (.docx).",
        ),
        (_rezip(sample(), drop="word/document.xml"), "du-thao.docx", None),
        (b"%PDF-1.7\n1 0 obj\n", "du-thao.docx", None),
    ],
    ids=["docm-content", "docm-name", "template", "no-document-part", "a-pdf"],
)
def test_validate_docx_upload_refuses_what_is_not_a_plain_word_document(settings, content, name, message):
    settings.LANGUAGE_CODE = "vi"
    with pytest.raises(ValidationError) as refused:
        office.validate_docx_upload(_upload(content, name))

    if message is not None:
        assert refused.value.messages == [message]
    else:
        assert refused.value.code in {"not_docx", "bad_type"}


def test_validate_docx_upload_refuses_a_file_over_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        office.validate_docx_upload(_upload(sample()))

    assert refused.value.code == "too_large"
