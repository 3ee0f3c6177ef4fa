"""Check an uploaded file by its content (magic bytes), never by its name."""

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension -> MIME type of what the office may attach to a dossier
DOSSIER_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    size: int


def _sniff(head: bytes, declared_extension: str) -> str | None:
    """Return the extension the bytes really are, or None."""
    kind = filetype.guess(head)
    if kind is not None and kind.extension in DOSSIER_TYPES:
        return kind.extension
    if head.startswith(_OLE_SIGNATURE):
        # Old Word and Excel files share one container; trust the name only to pick which.
        return declared_extension if declared_extension in {"doc", "xls"} else "doc"
    return None


def check_upload(upload: UploadedFile, *, allowed: dict[str, str], max_bytes: int) -> CheckedFile:
    """Raise ValidationError (Vietnamese) unless the file is one of ``allowed`` and small enough."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    declared = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    real = _sniff(head, declared)
    if real is None or real not in allowed:
        names = ", ".join(ext.upper() for ext in allowed)
        raise ValidationError(
            _("This file is not an accepted type (its content is not %(names)s).") % {"names": names},
            code="bad_type",
        )
    return CheckedFile(extension=real, content_type=allowed[real], size=upload.size)
