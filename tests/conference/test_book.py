"""The honour book (issue 13 §3): photos checked and resized, one page per honoured entry, the background job."""

import io
import os
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from conference.models import HonourPhoto
from conference.services import book
from jobs.models import GeneratedFile
from reference.enums import NomineeKind
from tests import awards_documents_support as support
from tests import factories as f
from tests.awards_documents_support import make_entry

no_weasyprint_warnings = support.no_weasyprint_warnings
decision, proposal = support.decision, support.proposal


def image_bytes(size=(1800, 2400), fmt="PNG", colour=(30, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def photo(name="anh.png", content=None):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type="image/png")


def page_lines(content: bytes, page: int) -> list[str]:
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-", "-"]
    result = subprocess.run(args, input=content, capture_output=True, check=True)  # noqa: S603
    return [line.strip() for line in result.stdout.decode().splitlines() if line.strip()]


def huong(decision):
    return decision.entries.get(recipient="Bà Nguyễn Thị Hường").nomination


def test_a_photo_is_checked_by_content_and_resized(media_root, decision, office_user):
    nomination = huong(decision)
    stored = book.set_photo(nomination, photo(), by=office_user)
    assert (stored.width, stored.height) == (900, 1200)
    with Image.open(stored.file.path) as image:
        assert (image.format, image.size) == ("JPEG", (900, 1200))
    small = book.set_photo(nomination, photo("nho.jpg", image_bytes((300, 200), "JPEG")), by=office_user)
    assert (small.width, small.height) == (300, 200)  # never enlarged
    assert HonourPhoto.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "anh.jpg",
            b"MZ\x90\x00" + b"\x00" * 300,
            "Tệp này là một chương trình, không phải tài liệu, nên đã bị từ chối.",
        ),
        ("anh.png", f.PDF_BYTES, "Loại tệp không được chấp nhận (nội dung tệp không phải là JPG, PNG)."),
    ],
)
def test_a_renamed_program_or_a_pdf_is_refused(media_root, decision, office_client, name, content, message):
    nomination = huong(decision)
    response = office_client.post(
        reverse("honour_book_photo", args=[nomination.pk]), {"photo": photo(name, content)}, follow=True
    )
    assert f"Nguyễn Thị Hường: {message}" in response.content.decode()
    assert HonourPhoto.objects.count() == 0
    assert not (media_root / "honour-photos").exists()


def test_the_book_pdf_reads_back(media_root, decision, proposal, office_user):
    book.set_photo(huong(decision), photo(), by=office_user)
    out = io.BytesIO()
    seen = []
    book.book_batch(decision.conference, out, by=office_user, progress=lambda done, total: seen.append((done, total)))
    content = out.getvalue()
    if os.environ.get("BOOK_PDF"):  # to look at it: BOOK_PDF=/tmp/book.pdf pytest -k reads_back
        with open(os.environ["BOOK_PDF"], "wb") as saved:
            saved.write(content)
    assert len(PdfReader(io.BytesIO(content)).pages) == 1 + 7  # the cover, then one page per entry
    assert seen == [(7, 7)]
    assert "KỶ YẾU" in page_lines(content, 1)
    lines = page_lines(content, 4)  # the cover, two collectives, then Bà Nguyễn Thị Hường
    assert lines == [
        "Kỷ yếu – Hội nghị Tổng kết các phong trào thi đua và Tuyên dương điển hình tiên tiến",
        "3. CÁ NHÂN",
        "Bà Nguyễn Thị Hường",
        "Trưởng phòng Quản lý khoa học, Sở Khoa học và",
        "Công nghệ tỉnh Hưng Yên",
        f"Đơn vị: {huong(decision).proposing_unit.name}",  # the nominee names no unit: the proposing unit
        "Hình thức khen thưởng: Giấy khen của Giám đốc",
        "Sở",
        "Khen thưởng theo: Quyết định số 05/QĐ-SKHCN",
        "ngày 05 tháng 01 năm 2026",
        "THÀNH TÍCH TIÊU BIỂU",
        "Hoàn thành xuất sắc nhiệm vụ năm 2025.",
    ]
    support.assert_only_liberation_serif(content)


def test_an_empty_book_is_refused_and_the_job_prints(media_root, conference, decision, office_client, office_user):
    response = office_client.post(reverse("honour_book_job"))
    job = GeneratedFile.objects.get(kind="honour_book")
    assert response.url == reverse("job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done", job.error
    with job.file.open("rb") as stored:
        assert len(PdfReader(stored).pages) == 1 + 5


def test_nothing_decided_no_job(conference, office_client):
    response = office_client.post(reverse("honour_book_job"), follow=True)
    assert "Chưa có khen thưởng nào được quyết định: kỷ yếu chưa có trang nào." in response.content.decode()
    assert not GeneratedFile.objects.exists()


def test_permissions(decision, client_a, council_client, office_client, conference, giay_khen):
    assert client_a.get(reverse("honour_book")).status_code == 403
    assert council_client.post(reverse("honour_book_job")).status_code == 403
    outsider = f.NominationFactory(conference=conference, award_form=giay_khen)  # not honoured
    assert office_client.post(reverse("honour_book_photo", args=[outsider.pk]), {"photo": photo()}).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_book_page_reads_in_constant_queries(media_root, conference, giay_khen, office_client, office_user,
                                                 django_assert_num_queries, count):  # fmt: skip
    issued = f.DocDecisionFactory(conference=conference, award_form=giay_khen)
    for i in range(count):
        entry = make_entry(issued, i + 1, NomineeKind.INDIVIDUAL, f"Ông Thứ {chr(65 + i)}", "Chuyên viên", 0)
        if i:
            book.set_photo(entry.nomination, photo(), by=office_user)
    office_client.get(reverse("honour_book"))
    with django_assert_num_queries(QUERIES):
        response = office_client.get(reverse("honour_book"))
    assert response.content.decode().count('data-testid="book-row"') == count


QUERIES = 4  # session, the user with the roles, conference, the entries with their photos: 1 row or 3
