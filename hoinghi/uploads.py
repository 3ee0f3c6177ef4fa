"""Check an uploaded file by its content (magic bytes), never by its name.

Beyond the type, ``check_upload`` refuses what is dangerous inside an accepted type: a zip
bomb or a path-escaping member in an .xlsx/.docx, Office macros (the macro-enabled
extensions, a ``vbaProject.bin`` part or a ``macroEnabled`` content type, and in the old OLE
formats a ``_VBA_PROJECT``/``Macros`` stream name), and programs renamed as documents.
``display_name`` cleans the user's file name for display; the stored name is always generated.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import NoReturn

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from hoinghi.text import remove_invisible

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
_ZIP_BASED = {"docx", "xlsx"}

# Zip containers: what a real Office document never needs (a typical .xlsx unpacks to 2-10×).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100  # openpyxl's own workbooks of 20,000 repeated rows unpack about 15×
RATIO_FROM_BYTES = 1024 * 1024
# zipfile never reads past a member's declared size, so the declared sizes bound what
# openpyxl can unpack: checking their sum is enough.
MAX_MEMBERS = 2000
# Macro-enabled Office formats, refused by name before the content is looked at.
MACRO_EXTENSIONS = {"xlsm", "xltm", "xlsb", "xlam", "docm", "dotm", "pptm", "potm", "ppsm", "ppam"}
# OLE (.doc/.xls) directory entries are UTF-16LE names: a VBA project is "_VBA_PROJECT"
# (Word, and Excel's "_VBA_PROJECT_CUR") and Word keeps it under "Macros". Finding the name
# anywhere in the bytes is cheap and errs on the side of refusing.
_OLE_MACRO_NAMES = tuple(name.encode("utf-16-le") for name in ("_VBA_PROJECT", "Macros"))
# Programs: Windows PE ("MZ"), ELF, Mach-O, and shell/batch scripts are never documents.
_EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"#!",
)
_CHUNK = 1024 * 1024
MAX_NAME_LENGTH = 120


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


def _refuse(message: str, code: str) -> NoReturn:
    raise ValidationError(message, code=code)


def _check_zip(upload: File) -> None:
    """Refuse a zip bomb, an escaping member name or a macro part, reading only the directory."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                _refuse(_("The file contains too many parts to be a document."), "zip_bomb")
            unpacked = sum(info.file_size for info in members)
            packed = sum(info.compress_size for info in members) or 1
            if unpacked > MAX_UNPACKED_BYTES or (unpacked > RATIO_FROM_BYTES and unpacked / packed > MAX_RATIO):
                _refuse(_("The file unpacks to far more than a document does; it was refused."), "zip_bomb")
            for info in members:
                name = info.filename.replace("\\", "/")
                if name.startswith("/") or ".." in name.split("/") or ":" in name.split("/")[0]:
                    _refuse(_("The file contains a part with an unsafe path."), "unsafe_path")
                if name.lower().endswith("vbaproject.bin"):
                    _refuse(_macro_message(), "macro")
            if "[Content_Types].xml" in archive.namelist():
                with archive.open("[Content_Types].xml") as types:
                    if b"macroenabled" in types.read(1024 * 1024).lower():
                        _refuse(_macro_message(), "macro")
    except zipfile.BadZipFile:
        _refuse(_("The file is damaged and cannot be opened."), "damaged")
    finally:
        upload.seek(0)


def _check_ole(upload: File) -> None:
    """Refuse an old .doc/.xls whose directory names a VBA project (read in chunks, never whole)."""
    upload.seek(0)
    tail = b""
    longest = max(len(name) for name in _OLE_MACRO_NAMES)
    while chunk := upload.read(_CHUNK):
        window = tail + chunk
        if any(name in window for name in _OLE_MACRO_NAMES):
            upload.seek(0)
            _refuse(_macro_message(), "macro")
        tail = window[-longest:]
    upload.seek(0)


def _macro_message() -> str:
    return _("Files with macros are not accepted. Save the document without macros (as .docx or .xlsx) and try again.")


# Other spellings of a detected type's extension that a name may keep.
_SAME_TYPE = {"jpg": {"jpg", "jpeg"}}
# An extension: 1-5 letters or digits, at least one letter ("Báo cáo 2024.12" has none).
_EXTENSION = re.compile(r"\.(?=[A-Za-z0-9]{1,5}$)([0-9]*[A-Za-z][A-Za-z0-9]*)$")


def display_name(name: str, *, extension: str | None = None, fallback: str | None = None) -> str:
    """The user's file name made safe to show and to offer back as a download name.

    No folders (either slash), no control or format characters (bidi overrides included),
    NFC, collapsed spaces, at most MAX_NAME_LENGTH characters with the extension kept.
    With ``extension`` (the type detected from the content), the name ends in it: a PDF
    called "bang.xlsx" is shown and downloaded as "bang.pdf", never as a spreadsheet.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", remove_invisible(base))
    base = "".join(ch for ch in base if unicodedata.category(ch) not in {"Cc", "Zl", "Zp"})
    base = " ".join(base.split()).strip(" .")
    if extension:
        base = _with_extension(base, extension.lstrip(".").lower())
    if not base:
        return fallback or _("file")
    if len(base) > MAX_NAME_LENGTH:
        stem, dot, suffix = base.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            base = stem[: MAX_NAME_LENGTH - len(suffix) - 1].rstrip() + "." + suffix
        else:
            base = base[:MAX_NAME_LENGTH].rstrip()
    return base


def _with_extension(base: str, extension: str) -> str:
    """Replace the name's own extension (if any) by the detected one."""
    match = _EXTENSION.search(base)
    if match and match.group(1).lower() in _SAME_TYPE.get(extension, {extension}):
        return base
    stem = base[: match.start()] if match else base
    return f"{stem.rstrip(' .') or _('file')}.{extension}"


def check_upload(upload: File, *, allowed: dict[str, str], max_bytes: int) -> CheckedFile:
    """Raise ValidationError (Vietnamese) unless the file is one of ``allowed``, small enough and harmless.

    The size is checked first, from what the upload handler recorded, before any byte is read.
    """
    size = upload.size or 0  # recorded by every upload handler
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    name = upload.name or ""
    declared = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if declared in MACRO_EXTENSIONS:
        _refuse(_macro_message(), "macro")
    if head.startswith(_EXECUTABLE_MAGIC):
        _refuse(_("This file is a program, not a document; it was refused."), "executable")
    real = _sniff(head, declared)
    if real is None or real not in allowed:
        names = ", ".join(ext.upper() for ext in allowed)
        raise ValidationError(
            _("This file is not an accepted type (its content is not %(names)s).") % {"names": names},
            code="bad_type",
        )
    if real in _ZIP_BASED:
        _check_zip(upload)
    elif real in {"doc", "xls"}:
        _check_ole(upload)
    return CheckedFile(extension=real, content_type=allowed[real], size=size)
