"""Hostile uploads: zip bombs, macros, renamed programs, oversized bodies and names, refused with a message.

Each hostile file goes through the real pages (a dossier attachment, the nominations Excel
import, the delegates Excel import) and leaves no row and no stored file behind.
"""

import io
import os
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook

from conference.models import Delegate
from hoinghi.uploads import DOSSIER_TYPES, check_upload, display_name
from jobs.models import GeneratedFile
from nominations.models import Attachment, Nomination
from nominations.views.excel import BACKGROUND_IMPORT_BYTES
from tests import factories as f

MB = 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def vi(msgid: str, **params) -> str:
    with translation.override("vi"):
        text = gettext(msgid)
    return text % params if params else text


MACRO = "Files with macros are not accepted. Save the document without macros (as .docx or .xlsx) and try again."
BOMB = "The file unpacks to far more than a document does; it was refused."
PROGRAM = "This file is a program, not a document; it was refused."
UNSAFE = "The file contains a part with an unsafe path."


# --------------------------------------------------------------------------- hostile files


def workbook() -> bytes:
    book = Workbook()
    book.active["A1"] = "Danh sách"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_member(content: bytes, name: str, data: bytes, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """``content`` (a zip) with one more member appended."""
    buffer = io.BytesIO(content)
    with zipfile.ZipFile(buffer, "a", compression) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_xlsx(unpacked=60 * MB) -> bytes:
    """A real workbook plus a part of zeros: tiny on the wire, ``unpacked`` bytes once opened."""
    return with_member(workbook(), "xl/media/image1.bin", bytes(unpacked))


def macro_xlsx() -> bytes:
    return with_member(workbook(), "xl/vbaProject.bin", OLE + b"\x00" * 512)


def macro_content_type_docx() -> bytes:
    text = f.docx_bytes()
    source = zipfile.ZipFile(io.BytesIO(text))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            archive.writestr(item, data)
    return buffer.getvalue()


def escaping_docx() -> bytes:
    return with_member(f.docx_bytes(), "../../../etc/cron.d/evil", b"* * * * * root true\n")


def ole_doc_with_macros() -> bytes:
    """An old Word file whose directory names a 'Macros' storage (a UTF-16LE directory entry)."""
    return OLE + b"\x00" * 504 + "Macros".encode("utf-16-le") + b"\x00" * 2048


def ole_doc_plain() -> bytes:
    return OLE + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 2048


def windows_program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode." + b"\x00" * 512


def linux_program() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 1024


HOSTILE = [
    pytest.param("Danh sách.xlsx", zip_bomb_xlsx, BOMB, id="zip-bomb-over-50MB"),
    pytest.param("Danh sách.xlsx", lambda: zip_bomb_xlsx(20 * MB), BOMB, id="zip-bomb-ratio"),
    pytest.param("Danh sách.xlsx", macro_xlsx, MACRO, id="xlsx-with-vbaProject"),
    pytest.param("Danh sách.xlsm", workbook, MACRO, id="xlsm-by-name"),
    pytest.param("Báo cáo.docm", f.docx_bytes, MACRO, id="docm-by-name"),
    pytest.param("Báo cáo.docx", macro_content_type_docx, MACRO, id="docx-macroEnabled-content-type"),
    pytest.param("Báo cáo.doc", ole_doc_with_macros, MACRO, id="ole-doc-with-macros"),
    pytest.param("Báo cáo.docx", escaping_docx, UNSAFE, id="zip-slip"),
    pytest.param("Báo cáo thành tích.pdf", windows_program, PROGRAM, id="exe-named-pdf"),
    pytest.param("Danh sách.xlsx", linux_program, PROGRAM, id="elf-named-xlsx"),
]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --------------------------------------------------------------------------- dossier attachments


def attach(client, nomination, name, content):
    return client.post(
        reverse("attachment_upload", args=[nomination.public_id]),
        {"kind": "achievement_report", "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


@pytest.mark.parametrize(("name", "make", "message"), HOSTILE)
def test_hostile_attachment_is_refused_and_nothing_stored(client_a, nomination_a, media_root, name, make, message):
    response = attach(client_a, nomination_a, name, make())

    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert messages_of(response) == [vi(message)]
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_plain_old_word_file_is_still_accepted(client_a, nomination_a, media_root):
    response = attach(client_a, nomination_a, "Báo cáo.doc", ole_doc_plain())

    assert messages_of(response) == [vi("The file was attached.")]
    assert Attachment.objects.get().extension == ".doc"


def test_a_50_MB_attachment_is_refused_before_the_body_is_read(client_a, nomination_a, media_root, testid_texts):
    response = attach(client_a, nomination_a, "scan.pdf", f.PDF_BYTES + bytes(50 * MB))

    assert response.status_code == 413
    limit = filesizeformat(max(settings.ATTACHMENT_MAX_BYTES, settings.IMPORT_MAX_BYTES))
    with translation.override("vi"):
        expected = vi("The file you sent is too large and was not received. A file may be at most %(limit)s.")
    assert testid_texts(response, "too-large") == [" ".join((expected % {"limit": limit}).split())]
    assert expected.startswith("Tệp")
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_body_just_under_the_guard_reaches_the_form_and_its_size_message(client_a, nomination_a, media_root):
    content = f.PDF_BYTES + bytes(settings.ATTACHMENT_MAX_BYTES)  # over the attachment limit, under the guard

    response = attach(client_a, nomination_a, "scan.pdf", content)

    with translation.override("vi"):
        size, limit = filesizeformat(len(content)), filesizeformat(settings.ATTACHMENT_MAX_BYTES)
    assert messages_of(response) == [vi("The file is %(size)s; the limit is %(limit)s.", size=size, limit=limit)]
    assert Attachment.objects.count() == 0


def test_the_guard_leaves_ordinary_posts_alone(client_a, nomination_a, media_root):
    with override_settings(ATTACHMENT_MAX_BYTES=10, IMPORT_MAX_BYTES=10):
        response = client_a.post(
            reverse("nomination_transition", args=[nomination_a.public_id]),
            "action=submit&note=" + "x" * MB,
            content_type="application/x-www-form-urlencoded",
        )

    # Form-encoded, not multipart: not the guard's business (the view answers as always).
    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"


# --------------------------------------------------------------------------- Excel imports


def import_errors(response) -> list[str]:
    return [error.message for error in response.context["errors"]]


XLSX_HOSTILE = [p for p in HOSTILE if p.values[0].endswith((".xlsx", ".xlsm"))]


@pytest.mark.parametrize(("name", "make", "message"), XLSX_HOSTILE)
def test_hostile_workbook_is_refused_by_the_nominations_import(office_client, conference, name, make, message):
    response = office_client.post(
        reverse("nomination_import"), {"file": SimpleUploadedFile(name, make(), content_type=XLSX)}
    )

    assert response.status_code == 200
    assert import_errors(response) == [vi(message)]
    assert Nomination.objects.count() == 0


@pytest.mark.parametrize(("name", "make", "message"), XLSX_HOSTILE)
def test_hostile_workbook_is_refused_by_the_delegates_import(office_client, conference, name, make, message):
    response = office_client.post(
        reverse("delegate_import"), {"file": SimpleUploadedFile(name, make(), content_type=XLSX)}
    )

    assert response.status_code == 200
    assert import_errors(response) == [vi(message)]
    assert Delegate.objects.count() == 0


def padded(make, size=300 * 1024):
    """A hostile file made larger than the background-import threshold with incompressible bytes."""

    def content() -> bytes:
        data = make()
        if data[:2] == b"PK":
            return with_member(data, "xl/media/padding.bin", os.urandom(size), compression=zipfile.ZIP_STORED)
        return data + os.urandom(size)

    return content


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        pytest.param("Danh sách.xlsx", padded(macro_xlsx), MACRO, id="large-xlsx-with-vbaProject"),
        pytest.param("Danh sách.xlsx", padded(windows_program), PROGRAM, id="large-exe-named-xlsx"),
    ],
)
def test_a_large_hostile_workbook_is_refused_on_the_form_not_kept_for_a_job(
    office_client, conference, media_root, name, make, message
):
    content = make()
    assert len(content) > BACKGROUND_IMPORT_BYTES

    response = office_client.post(reverse("nomination_import"), {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    assert import_errors(response) == [vi(message)]
    assert (Nomination.objects.count(), GeneratedFile.objects.count(), stored_files(media_root)) == (0, 0, [])


@pytest.mark.parametrize("url_name", ["nomination_import", "delegate_import"])
def test_a_50_MB_workbook_is_refused_before_the_body_is_read(office_client, conference, url_name):
    upload = SimpleUploadedFile("Danh sách.xlsx", workbook() + bytes(50 * MB), content_type=XLSX)

    response = office_client.post(reverse(url_name), {"file": upload})

    assert response.status_code == 413
    assert (Nomination.objects.count(), Delegate.objects.count()) == (0, 0)


# --------------------------------------------------------------------------- the checks themselves


def test_zip_bomb_is_refused_without_unpacking():
    upload = SimpleUploadedFile("Danh sách.xlsx", zip_bomb_xlsx(), content_type=XLSX)
    assert upload.size < 200 * 1024  # small on the wire

    with pytest.raises(ValidationError) as caught:
        check_upload(upload, allowed=DOSSIER_TYPES, max_bytes=settings.ATTACHMENT_MAX_BYTES)

    assert (caught.value.code, caught.value.messages) == ("zip_bomb", [vi(BOMB)])


def test_too_many_parts_are_refused():
    content = workbook()
    for number in range(2001):
        content = with_member(content, f"xl/media/p{number}.bin", b"", compression=zipfile.ZIP_STORED)
    upload = SimpleUploadedFile("Danh sách.xlsx", content, content_type=XLSX)

    with pytest.raises(ValidationError) as caught:
        check_upload(upload, allowed=DOSSIER_TYPES, max_bytes=settings.ATTACHMENT_MAX_BYTES)

    assert (caught.value.code, caught.value.messages) == (
        "zip_bomb",
        [vi("The file contains too many parts to be a document.")],
    )


def test_macro_name_split_across_read_chunks_is_found(monkeypatch):
    monkeypatch.setattr("hoinghi.uploads._CHUNK", 1024)
    name = "_VBA_PROJECT".encode("utf-16-le")
    content = OLE + b"\x00" * (1024 - len(OLE) - 5) + name + b"\x00" * 100  # the name straddles 1024
    upload = SimpleUploadedFile("Bảng.xls", content)

    with pytest.raises(ValidationError) as caught:
        check_upload(upload, allowed=DOSSIER_TYPES, max_bytes=settings.ATTACHMENT_MAX_BYTES)

    assert caught.value.code == "macro"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Báo cáo thành tích.pdf", "Báo cáo thành tích.pdf"),
        ("C:\\Users\\hoa\\Desktop\\Báo cáo.pdf", "Báo cáo.pdf"),
        ("../../etc/passwd", "passwd"),
        ("Ba\u0301o ca\u0301o.pdf", "Báo cáo.pdf"),  # NFD from a Mac becomes NFC
        ("bao\u202egnp.exe.pdf", "baognp.exe.pdf"),  # no right-to-left override to disguise the extension
        ("a\x00b\x1fc\r\n.pdf", "abc.pdf"),
        ("  nhiều    khoảng   trắng .pdf", "nhiều khoảng trắng .pdf"),
        ("x" * 300 + ".docx", "x" * 115 + ".docx"),
        ("\x00\x01", "tệp"),
    ],
)
def test_display_name_is_cleaned(name, shown):
    with translation.override("vi"):
        assert display_name(name) == shown


def test_stored_attachment_keeps_the_cleaned_name_only_for_display(client_a, nomination_a, media_root):
    attach(client_a, nomination_a, "Ba\u0301o\u202e ca\u0301o.pdf", f.PDF_BYTES)

    attachment = Attachment.objects.get()
    assert attachment.original_name == "Báo cáo.pdf"
    assert attachment.file.name == f"attachments/{attachment.public_id.hex[:2]}/{attachment.public_id.hex}.pdf"


# --------------------------------------------------------------------------- where files live


def test_media_is_outside_the_static_tree():
    media = Path(settings.MEDIA_ROOT).resolve()
    static_dirs = [Path(settings.STATIC_ROOT)] + [
        Path(d[1] if isinstance(d, tuple) else d) for d in settings.STATICFILES_DIRS
    ]
    for static in static_dirs:
        static = static.resolve()
        assert not media.is_relative_to(static) and not static.is_relative_to(media), (media, static)


def test_stored_files_are_not_served_under_media(client_a, nomination_a, staff_a, media_root):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)
    assert (media_root / attachment.file.name).is_file()

    for client_path in (f"/media/{attachment.file.name}", f"/static/../media/{attachment.file.name}"):
        response = client_a.get(client_path)
        assert response.status_code == 404

    # The scoped view is the only way in.
    download = client_a.get(reverse("attachment_download", args=[attachment.public_id]))
    assert b"".join(download.streaming_content) == f.PDF_BYTES


# --------------------------------------------------------------------------- names given back (issue 9 item 16)


@pytest.mark.parametrize(
    ("name", "extension", "shown"),
    [
        ("Bảng tổng hợp.xlsx", "pdf", "Bảng tổng hợp.pdf"),
        ("Báo cáo.PDF", "pdf", "Báo cáo.PDF"),
        ("ảnh.jpeg", "jpg", "ảnh.jpeg"),
        ("ảnh.png", "jpg", "ảnh.jpg"),
        ("quyet-dinh", "pdf", "quyet-dinh.pdf"),
        ("Báo cáo năm 2024.12", "pdf", "Báo cáo năm 2024.12.pdf"),
        ("bao\u202efdp.exe", "pdf", "baofdp.pdf"),
        (".xlsx", "pdf", "xlsx.pdf"),  # a leading dot is dropped first
    ],
)
def test_display_name_carries_the_detected_extension(name, extension, shown):
    with translation.override("vi"):
        assert display_name(name, extension=extension) == shown


def _attachment_text(response, testid_texts) -> str:
    return testid_texts(response, "attachments")[0]


def test_a_pdf_named_xlsx_is_kept_shown_and_downloaded_as_pdf(client_a, nomination_a, media_root, testid_texts):
    attach(client_a, nomination_a, "Bảng tổng hợp.xlsx", f.PDF_BYTES)

    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.extension) == ("Bảng tổng hợp.pdf", ".pdf")
    page = client_a.get(reverse("nomination_detail", args=[nomination_a.public_id]))
    assert "Bảng tổng hợp.pdf" in _attachment_text(page, testid_texts)
    assert "Bảng tổng hợp.xlsx" not in page.content.decode()
    response = client_a.get(reverse("attachment_download", args=[attachment.public_id]))
    quoted = "B%E1%BA%A3ng%20t%E1%BB%95ng%20h%E1%BB%A3p.pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quoted}"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == f.PDF_BYTES


def test_a_name_without_extension_gets_the_detected_one(client_a, nomination_a, media_root):
    attach(client_a, nomination_a, "quyet-dinh", f.PDF_BYTES)

    assert Attachment.objects.get().original_name == "quyet-dinh.pdf"


def test_a_right_to_left_override_in_the_name_is_not_served(client_a, nomination_a, media_root, testid_texts):
    # Shown with the override, "bao\u202efdp.exe" reads "baoexe.pdf"; the content is a PDF.
    attach(client_a, nomination_a, "bao\u202efdp.exe", f.PDF_BYTES)

    attachment = Attachment.objects.get()
    assert attachment.original_name == "baofdp.pdf"
    page = client_a.get(reverse("nomination_detail", args=[nomination_a.public_id]))
    assert "\u202e" not in page.content.decode()
    response = client_a.get(reverse("attachment_download", args=[attachment.public_id]))
    assert response["Content-Disposition"] == 'attachment; filename="baofdp.pdf"'
    assert b"".join(response.streaming_content) == f.PDF_BYTES


def test_an_older_row_with_a_wrong_name_is_downloaded_under_its_real_type(client_a, nomination_a, staff_a, media_root):
    # Kept before the names were corrected: the name says .xlsx, the content is a PDF.
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a, original_name="so\u202elieu.xlsx")

    response = client_a.get(reverse("attachment_download", args=[attachment.public_id]))

    assert response["Content-Disposition"] == 'attachment; filename="solieu.pdf"'
    assert b"".join(response.streaming_content) == f.PDF_BYTES
