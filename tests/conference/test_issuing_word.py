"""Issuing a conference document from the draft finished in Word (issue 12 §2), on PostgreSQL.

The clerk downloads the draft .docx, edits it, and attaches it on the issue page: the register's
number and date are written into its blanks, LibreOffice turns it into the PDF that is stored,
and every later download is that file. A file that is not Word, that lost its blanks or that
cannot be converted is refused and no number is taken; an invitation (one copy per delegate)
cannot be issued from a Word file.
"""

import datetime
import io
import subprocess

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from conference.models import Delegate, DelegateGroup
from hoinghi import office
from registry.enums import DocumentStatus
from registry.models import IssuedFile, OutgoingDocument, SeriesCounter
from tests import factories as f

ISSUED_ON = datetime.date(2025, 7, 5)
PLACE_DATE = "Hưng Yên, ngày 05 tháng 7 năm 2025"
RECIPIENTS = "- Sở Nội vụ tỉnh Hưng Yên;\n- Lưu: VT, VP."
EDITED = "Đoạn do văn thư sửa trong Word."
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

pytestmark = pytest.mark.django_db


def layout_lines(content: bytes) -> list[str]:
    result = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return [" ".join(line.split()) for line in result.stdout.decode().splitlines() if line.strip()]


@pytest.fixture
def signer(org):
    return f.SignerFactory(organisation=org, full_name="Nguyễn Văn Giám", position="Giám đốc", order=1)


@pytest.fixture
def day(conference):
    conference.date = datetime.date(2025, 7, 15)
    conference.start_time = datetime.time(8, 0)
    conference.venue = "Hội trường tầng 2"
    conference.save()
    return conference


def issue_url(code: str) -> str:
    return reverse("conference_document_issue", args=[code])


def post_issue(client, code: str, signer, upload):
    data = {"date": ISSUED_ON.isoformat(), "signer": signer.pk, "recipients": RECIPIENTS}
    if upload is not None:
        data["edited"] = upload
    return client.post(issue_url(code), data)


def upload_of(content: bytes, name: str = "bao-cao.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=DOCX_TYPE)


def edited_report(client) -> bytes:
    """The report's draft .docx as downloaded, with a paragraph added by the clerk."""
    document = Document(io.BytesIO(client.get(reverse("conference_report_docx")).content))
    document.add_paragraph(EDITED)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_nothing_issued() -> None:
    assert not OutgoingDocument.objects.exists()
    assert not IssuedFile.objects.exists()
    assert list(SeriesCounter.objects.values_list("last_number", flat=True)) in ([], [0])


def test_the_edited_word_file_becomes_the_issued_pdf(office_client, day, signer):
    page = office_client.get(issue_url("report"))
    assert 'enctype="multipart/form-data"' in page.content.decode()
    assert page.context["form"]["edited"].label == "Tệp Word đã chỉnh sửa (.docx)"

    response = post_issue(office_client, "report", signer, upload_of(edited_report(office_client)))
    assert response.status_code == 302
    record = OutgoingDocument.objects.get()
    assert (record.status, record.number_label, record.date) == (DocumentStatus.ISSUED, "01/BC-SKHCN", ISSUED_ON)

    stored = bytes(IssuedFile.objects.get(document=record).content)
    first = office_client.get(reverse("conference_report_pdf")).content
    second = office_client.get(reverse("conference_report_pdf")).content
    assert first == second == stored
    assert office_client.get(reverse("conference_issued_pdf", args=[record.pk])).content == stored
    lines = layout_lines(stored)
    assert f"Số: 01/BC-SKHCN {PLACE_DATE}" in lines
    assert EDITED in lines
    assert "DỰ THẢO" not in " ".join(lines)
    assert not any("Số: /" in line or "ngày tháng năm" in line for line in lines)
    annex = "(Kèm theo Báo cáo số 01/BC-SKHCN ngày 05 tháng 7 năm 2025 của Sở Khoa học"  # both annexes
    assert lines.count(annex) == 2


def test_a_file_that_is_not_word_is_refused_and_no_number_taken(office_client, day, signer):
    pdf = office_client.get(reverse("conference_report_pdf")).content  # a PDF renamed .docx
    response = post_issue(office_client, "report", signer, upload_of(pdf))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "edited": ["Loại tệp không được chấp nhận (nội dung tệp không phải là DOCX)."]
    }
    assert_nothing_issued()


def test_a_word_file_without_the_blank_number_is_refused_and_no_number_taken(office_client, day, signer):
    document = Document()
    document.add_paragraph("Số: 07/BC-SKHCN Hưng Yên, ngày      tháng      năm")  # a number typed by hand
    out = io.BytesIO()
    document.save(out)
    response = post_issue(office_client, "report", signer, upload_of(out.getvalue()))
    assert response.status_code == 200
    assert messages_of(response) == [
        "Tệp Word không có chỗ trống số văn bản “Số:        /BC-SKHCN”: "
        "hãy giữ nguyên phần đầu văn bản của bản dự thảo đã tải về."
    ]
    assert_nothing_issued()


def test_a_failed_conversion_issues_nothing(office_client, day, signer, monkeypatch):
    def fail(data: bytes) -> bytes:
        assert b"word/document.xml" in data  # the filled-in file reached the conversion
        raise office.ConversionFailed("Không chuyển được tệp Word sang PDF.")

    monkeypatch.setattr(office, "convert_docx_to_pdf", fail)
    response = post_issue(office_client, "report", signer, upload_of(edited_report(office_client)))
    assert response.status_code == 200
    assert messages_of(response) == ["Không chuyển được tệp Word sang PDF."]
    assert_nothing_issued()  # the draft, the number and the file rolled back together

    monkeypatch.undo()
    assert post_issue(office_client, "report", signer, None).status_code == 302
    assert OutgoingDocument.objects.get().number_label == "01/BC-SKHCN"  # the number was not used up


def test_an_invitation_cannot_be_issued_from_a_word_file(office_client, day, signer):
    group = DelegateGroup.objects.create(conference=day, code="lanh-dao", name="Lãnh đạo các sở, ngành", target=80)
    Delegate.objects.create(conference=day, group=group, invitation_number=1, full_name="Phạm Văn Khách")
    response = post_issue(office_client, "invitation", signer, upload_of(edited_report(office_client)))
    assert response.status_code == 200
    assert messages_of(response) == [
        "Giấy mời được in thành một bản riêng cho từng đại biểu nên không thể ban hành từ tệp Word. "
        "Hãy ban hành mà không kèm tệp."
    ]
    assert_nothing_issued()
    assert Delegate.objects.get().invitation is None


def test_the_blanks_are_found_when_word_splits_the_runs():
    document = Document()
    table = document.add_table(rows=1, cols=2)
    number = table.rows[0].cells[0].paragraphs[0]
    for piece in ("Số:", "    ", "    /BC-", "SKHCN"):
        number.add_run(piece)
    place = table.rows[0].cells[1].paragraphs[0]
    for piece in ("Hưng Yên, ngày ", "     tháng  ", "    năm"):
        place.add_run(piece)
    document.add_paragraph("(Kèm theo Báo cáo số  ", style=None).add_run(
        "    /BC-SKHCN ngày      tháng      năm của Sở)"
    )
    document.add_paragraph("Ghi ngày tháng năm sinh của đại biểu.")  # not a blank: left alone
    out = io.BytesIO()
    document.save(out)
    filled = Document(
        io.BytesIO(
            office.fill_in_issue(
                out.getvalue(), number_label="01/BC-SKHCN", symbol="BC-SKHCN", date_line="ngày 05 tháng 7 năm 2025"
            )
        )
    )
    cells = filled.tables[0].rows[0].cells
    assert (cells[0].text, cells[1].text) == ("Số: 01/BC-SKHCN", PLACE_DATE)
    assert [p.text for p in filled.paragraphs[-2:]] == [
        "(Kèm theo Báo cáo số 01/BC-SKHCN ngày 05 tháng 7 năm 2025 của Sở)",
        "Ghi ngày tháng năm sinh của đại biểu.",
    ]
