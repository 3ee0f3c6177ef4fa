"""Dossier attachments: checked by content and size, stored under a random name, served through scoping."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from hoinghi.uploads import DOSSIER_TYPES, check_upload
from nominations import services
from nominations.enums import AttachmentKind
from nominations.enums import NominationStatus as S
from nominations.models import Attachment, Nomination
from tests import factories as f

PDF_NAME = "Báo cáo thành tích.pdf"


def tr(msgid, **params):
    """The message as the site shows it: gettext under the site language, then formatted."""
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext(msgid)
        return text % {k: str(v) for k, v in params.items()} if params else text


def bad_type_message():
    return tr(
        "This file is not an accepted type (its content is not %(names)s).",
        names="PDF, DOC, DOCX, XLS, XLSX, JPG, PNG",
    )


def size_message(size, limit):
    with translation.override(settings.LANGUAGE_CODE):
        return tr(
            "The file is %(size)s; the limit is %(limit)s.", size=filesizeformat(size), limit=filesizeformat(limit)
        )


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def stored_files(media_root: Path) -> list[Path]:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def set_status(nomination, status):
    Nomination.objects.filter(pk=nomination.pk).update(status=status)
    nomination.refresh_from_db()


def upload(client, nomination, name, content, kind=AttachmentKind.ACHIEVEMENT_REPORT):
    return client.post(
        reverse("attachment_upload", args=[nomination.public_id]),
        {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
    )


def jpeg_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (30, 200, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def libreoffice_docx_bytes():
    """A .docx whose parts come in LibreOffice's order: relationships and properties before word/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/_rels/document.xml.rels"):
            archive.writestr(name, '<?xml version="1.0"?><x/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    return buffer.getvalue()


def plain_zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải tài liệu Word")
    return buffer.getvalue()


GOOD_FILES = [
    pytest.param(PDF_NAME, lambda: f.PDF_BYTES, "pdf", id="pdf"),
    pytest.param("ảnh bằng khen.png", f.png_bytes, "png", id="png"),
    pytest.param("anh.jpg", jpeg_bytes, "jpg", id="jpeg"),
    pytest.param("Báo cáo.docx", f.docx_bytes, "docx", id="docx"),
    pytest.param("bao-cao-libreoffice.docx", libreoffice_docx_bytes, "docx", id="docx-libreoffice-order"),
    pytest.param("Danh sách.xlsx", f.xlsx_bytes, "xlsx", id="xlsx"),
    # The content decides, not the name: a real PNG called .pdf is stored, and named, as the PNG it is.
    pytest.param("scan.pdf", f.png_bytes, "png", id="png-named-pdf"),
    pytest.param("ảnh chụp.JPEG", jpeg_bytes, "jpg", id="jpeg-spelt-out"),
]


@pytest.mark.parametrize(("name", "make", "extension"), GOOD_FILES)
def test_attachment_upload_real_file_is_stored_with_sniffed_type(
    client_a, nomination_a, staff_a, media_root, name, make, extension
):
    content = make()

    response = upload(client_a, nomination_a, name, content)

    attachment = Attachment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert messages_of(response) == [tr("The file was attached.")]
    assert (
        attachment.nomination,
        attachment.kind,
        attachment.original_name,
        attachment.extension,
        attachment.content_type,
        attachment.size,
        attachment.uploaded_by,
    ) == (
        nomination_a,
        AttachmentKind.ACHIEVEMENT_REPORT,
        "scan.png" if name == "scan.pdf" else name,
        f".{extension}",
        DOSSIER_TYPES[extension],
        len(content),
        staff_a,
    )
    hex_id = attachment.public_id.hex
    assert attachment.file.name == f"attachments/{hex_id[:2]}/{hex_id}.{extension}"
    assert stored_files(media_root) == [media_root / attachment.file.name]
    assert (media_root / attachment.file.name).read_bytes() == content


BAD_FILES = [
    pytest.param(b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", id="html"),
    # Programs (MZ, ELF) get their own message: tests/hoinghi/test_upload_security.py.
    pytest.param("Báo cáo thành tích năm 2024\n".encode(), id="text"),
    pytest.param(b"%!PS-Adobe-3.0\n%%Title: not a pdf\n", id="postscript"),
    pytest.param(plain_zip_bytes(), id="zip"),
    pytest.param(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04" + b"\x00" * 20, id="gif"),
]


@pytest.mark.parametrize("content", BAD_FILES)
def test_attachment_upload_pdf_name_with_other_content_is_refused(client_a, nomination_a, media_root, content):
    response = upload(client_a, nomination_a, PDF_NAME, content)

    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert messages_of(response) == [bad_type_message()]
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_attachment_upload_empty_file_is_refused(client_a, nomination_a, media_root):
    response = upload(client_a, nomination_a, PDF_NAME, b"")

    # The form field refuses it before the content check runs.
    assert messages_of(response) == [tr("The submitted file is empty.")]
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_check_upload_empty_file_is_refused():
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile(PDF_NAME, b""), allowed=DOSSIER_TYPES, max_bytes=1000)

    assert (caught.value.code, caught.value.messages) == ("empty", [tr("The file is empty.")])


def test_attachment_upload_over_the_limit_is_refused(client_a, nomination_a, media_root):
    limit = len(f.PDF_BYTES) - 1

    with override_settings(ATTACHMENT_MAX_BYTES=limit):
        response = upload(client_a, nomination_a, PDF_NAME, f.PDF_BYTES)

    assert messages_of(response) == [size_message(len(f.PDF_BYTES), limit)]
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_attachment_upload_exactly_at_the_limit_is_accepted(client_a, nomination_a, media_root):
    with override_settings(ATTACHMENT_MAX_BYTES=len(f.PDF_BYTES)):
        response = upload(client_a, nomination_a, PDF_NAME, f.PDF_BYTES)

    assert messages_of(response) == [tr("The file was attached.")]
    assert Attachment.objects.get().size == len(f.PDF_BYTES)


def test_attachment_upload_unknown_kind_is_refused(client_a, nomination_a, media_root):
    response = upload(client_a, nomination_a, PDF_NAME, f.PDF_BYTES, kind="certificate")

    assert messages_of(response) == [
        tr("Select a valid choice. %(value)s is not one of the available choices.", value="certificate")
    ]
    assert Attachment.objects.count() == 0


def test_attachment_upload_without_file_is_refused(client_a, nomination_a, media_root):
    response = client_a.post(reverse("attachment_upload", args=[nomination_a.public_id]), {"kind": "evidence"})

    assert messages_of(response) == [tr("This field is required.")]
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status", "code"),
    [
        ("client_a", S.SUBMITTED, 403),
        ("client_a", S.ACCEPTED, 403),
        ("office_client", S.ACCEPTED, 403),
        ("council_client", S.ACCEPTED, 403),
        ("council_client", S.DRAFT, 404),
        ("client_b", S.DRAFT, 404),
    ],
)
def test_attachment_upload_not_allowed_stores_nothing(request, nomination_a, media_root, persona, status, code):
    set_status(nomination_a, status)

    response = upload(request.getfixturevalue(persona), nomination_a, PDF_NAME, f.PDF_BYTES)

    assert response.status_code == code
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize(("persona", "status"), [("client_a", S.RETURNED), ("office_client", S.SUBMITTED)])
def test_attachment_upload_allowed_while_editable(request, nomination_a, media_root, persona, status):
    set_status(nomination_a, status)

    response = upload(request.getfixturevalue(persona), nomination_a, PDF_NAME, f.PDF_BYTES)

    assert messages_of(response) == [tr("The file was attached.")]
    assert Attachment.objects.filter(nomination=nomination_a).count() == 1


def test_add_attachment_service_checks_edit_rights(nomination_a, staff_b, media_root):
    with pytest.raises(PermissionDenied):
        services.add_attachment(
            nomination_a, SimpleUploadedFile(PDF_NAME, f.PDF_BYTES), kind=AttachmentKind.EVIDENCE, by=staff_b
        )

    assert stored_files(media_root) == []


# --- Download -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original_name", "disposition"),
    [
        (PDF_NAME, "attachment; filename*=utf-8''B%C3%A1o%20c%C3%A1o%20th%C3%A0nh%20t%C3%ADch.pdf"),
        ("bao-cao-2024.pdf", 'attachment; filename="bao-cao-2024.pdf"'),
    ],
)
def test_attachment_download_owner_gets_exact_bytes(
    client_a, nomination_a, staff_a, media_root, original_name, disposition
):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a, original_name=original_name)

    response = client_a.get(reverse("attachment_download", args=[attachment.public_id]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == f.PDF_BYTES
    assert response["Content-Disposition"] == disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_download_uploaded_file_round_trips(client_a, nomination_a, media_root):
    content = f.xlsx_bytes()
    upload(client_a, nomination_a, "Danh sách.xlsx", content)
    attachment = Attachment.objects.get()

    response = client_a.get(reverse("attachment_download", args=[attachment.public_id]))

    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == DOSSIER_TYPES["xlsx"]
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Danh%20s%C3%A1ch.xlsx"


def test_attachment_download_other_unit_is_not_found(client_a, client_b, nomination_b, staff_b, media_root):
    attachment = f.AttachmentFactory(nomination=nomination_b, uploaded_by=staff_b)
    path = reverse("attachment_download", args=[attachment.public_id])

    response = client_a.get(path)

    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert b"".join(client_b.get(path).streaming_content) == f.PDF_BYTES


def test_attachment_download_anonymous_goes_to_login(anon_client, nomination_a, staff_a, media_root):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)
    path = reverse("attachment_download", args=[attachment.public_id])

    response = anon_client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


@pytest.mark.parametrize(
    ("status", "code"),
    [(S.DRAFT, 404), (S.SUBMITTED, 404), (S.RETURNED, 404), (S.REJECTED, 404), (S.ACCEPTED, 200)],
)
def test_attachment_download_council_only_when_accepted(
    council_client, nomination_a, staff_a, media_root, status, code
):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)
    set_status(nomination_a, status)

    response = council_client.get(reverse("attachment_download", args=[attachment.public_id]))

    assert response.status_code == code
    if code == 200:
        assert b"".join(response.streaming_content) == f.PDF_BYTES


# --- Delete -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("client_a", S.DRAFT), ("client_a", S.RETURNED), ("office_client", S.SUBMITTED), ("office_client", S.RESUBMITTED)],
)
def test_attachment_delete_while_editable_removes_row_and_file(
    request, django_capture_on_commit_callbacks, nomination_a, staff_a, media_root, persona, status
):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)
    stored = media_root / attachment.file.name
    set_status(nomination_a, status)

    with django_capture_on_commit_callbacks(execute=True):
        response = request.getfixturevalue(persona).post(reverse("attachment_delete", args=[attachment.public_id]))

    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert messages_of(response) == [tr("The file was removed.")]
    assert Attachment.objects.count() == 0
    assert stored.exists() is False
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("persona", "status", "code"),
    [
        ("client_a", S.SUBMITTED, 403),
        ("client_a", S.ACCEPTED, 403),
        ("client_a", S.WITHDRAWN, 403),
        ("office_client", S.ACCEPTED, 403),
        ("council_client", S.ACCEPTED, 403),
        ("council_client", S.DRAFT, 404),
        ("client_b", S.DRAFT, 404),
    ],
)
def test_attachment_delete_not_allowed_keeps_row_and_file(
    request, django_capture_on_commit_callbacks, nomination_a, staff_a, media_root, persona, status, code
):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)
    set_status(nomination_a, status)

    with django_capture_on_commit_callbacks(execute=True):
        response = request.getfixturevalue(persona).post(reverse("attachment_delete", args=[attachment.public_id]))

    assert response.status_code == code
    assert list(Attachment.objects.all()) == [attachment]
    assert (media_root / attachment.file.name).read_bytes() == f.PDF_BYTES


def test_attachment_delete_get_is_not_allowed(client_a, nomination_a, staff_a, media_root):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)

    response = client_a.get(reverse("attachment_delete", args=[attachment.public_id]))

    assert response.status_code == 405
    assert Attachment.objects.count() == 1


def test_attachment_delete_anonymous_goes_to_login(anon_client, nomination_a, staff_a, media_root):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)
    path = reverse("attachment_delete", args=[attachment.public_id])

    response = anon_client.post(path)

    assert response["Location"] == f"/accounts/login/?next={path}"
    assert Attachment.objects.count() == 1


def test_attachment_listed_on_detail_page_with_download_link(client_a, nomination_a, staff_a, media_root, testid_texts):
    attachment = f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)

    response = client_a.get(reverse("nomination_detail", args=[nomination_a.public_id]))

    with translation.override(settings.LANGUAGE_CODE):
        kind = str(AttachmentKind.ACHIEVEMENT_REPORT.label)
        size = " ".join(filesizeformat(len(f.PDF_BYTES)).split())  # the page text has its no-break space collapsed
    assert testid_texts(response, "attachments")[0].startswith(f"{kind} {PDF_NAME} {size} · ")
    assert reverse("attachment_download", args=[attachment.public_id]) in response.content.decode()
    assert response.context["problems"] == []
