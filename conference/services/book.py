"""The honour book (kỷ yếu): one page per honoured collective or individual, with its photo.

The pages follow the ceremony's stage order (``ceremony.honoured_entries``: decided awards only).
A photo is uploaded per honoured nomination (JPEG or PNG, checked by content and size, then
turned upright, resized with Pillow and stored as JPEG); the book is one PDF rendered through
``hoinghi.pdf`` in chunks by a background job (``conference.tasks.print_book``).
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from awards.selectors import decision_date, decision_label
from awards.services.printing import record_printed
from conference.documents.invitations import conference_title
from conference.models import HonourPhoto
from conference.services.ceremony import KIND_TITLES, honoured_entries
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.letterhead import agency_name, vn_date
from hoinghi.models import set_history_user
from hoinghi.pdf import render_pdf_in_chunks
from hoinghi.roles import is_office
from hoinghi.uploads import DOSSIER_TYPES, check_upload
from nominations.models import Nomination

PHOTO_TYPES = {ext: DOSSIER_TYPES[ext] for ext in ("jpg", "png")}
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_BOX = (900, 1200)  # at most, in pixels: 3:4, sharp at 300 dpi on a 7.5 × 10 cm frame
PHOTO_MAX_PIXELS = 40_000_000  # a larger image is refused before it is decoded
BOOK_CHUNK = 20  # pages per WeasyPrint document
BOOK_TEMPLATE = "conference/pdf/book.html"


class NotPrintable(ValidationError):
    """The book cannot be printed yet (message for the Office)."""


def book_entries(conference):
    """The honoured entries in stage order, with their nominee, unit and photo (one query)."""
    return honoured_entries(conference).select_related("nomination__honour_photo")


def honoured_nomination(conference, pk: int) -> Nomination:
    """The nomination ``pk`` when it is honoured in ``conference`` (DoesNotExist otherwise)."""
    ids = book_entries(conference).values("nomination_id")
    return Nomination.objects.select_related("nominee").get(pk=pk, pk__in=ids)


def _resized_jpeg(upload: UploadedFile) -> tuple[bytes, tuple[int, int]]:
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise ValidationError(
                    _("The photo is too large in pixels; send a smaller one."), code="too_many_pixels"
                )
            image.load()
            picture = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The photo is damaged and cannot be opened."), code="damaged") from error
    picture.thumbnail(PHOTO_BOX, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue(), picture.size


def set_photo(nomination: Nomination, upload: UploadedFile, *, by: User) -> HonourPhoto:
    """The nomination's photo for the book: JPEG or PNG by content, resized, stored as JPEG."""
    if not is_office(by):
        raise PermissionDenied(_("You may not make this change."))
    check_upload(upload, allowed=PHOTO_TYPES, max_bytes=PHOTO_MAX_BYTES)
    content, (width, height) = _resized_jpeg(upload)
    with transaction.atomic():
        photo = HonourPhoto.objects.select_for_update().filter(nomination=nomination).first()
        old = photo.file.name if photo is not None else ""
        if photo is None:
            photo = HonourPhoto(nomination=nomination)
        photo.uploaded_by = by
        photo.width, photo.height = width, height
        photo.file.save("photo.jpg", ContentFile(content), save=False)
        set_history_user(photo, by)
        photo.save()
        storage = photo.file.storage
        if old and old != photo.file.name:
            transaction.on_commit(lambda: storage.delete(old))
    return photo


@dataclass(frozen=True)
class BookPage:
    number: int
    kind_title: str  # "Tập thể" / "Cá nhân"
    name: str
    description: str
    unit: str
    award: str
    decision: str  # "Quyết định số 05/QĐ-SKHCN ngày 10 tháng 12 năm 2026"
    achievements: str
    photo: str  # a file: URL, or "" (the page shows an empty frame)


def _page(number: int, entry) -> BookPage:
    nomination = entry.nomination
    nominee = nomination.nominee
    unit = nominee.unit or nomination.proposing_unit
    photo = getattr(nomination, "honour_photo", None)
    decision = entry.decision
    return BookPage(
        number=number,
        kind_title=KIND_TITLES.get(entry.kind, ""),
        name=entry.recipient,
        description=entry.description,
        unit=unit.name if unit else "",
        award=decision.award_form.name,
        decision=f"Quyết định số {decision_label(decision)} {vn_date(decision_date(decision))}",
        achievements=(entry.achievement or nomination.achievement_summary).strip(),
        photo=Path(photo.file.path).resolve().as_uri() if photo else "",
    )


def book_pages(conference) -> list[BookPage]:
    return [_page(number, entry) for number, entry in enumerate(book_entries(conference), start=1)]


def ensure_printable(conference) -> None:
    if not book_entries(conference).exists():
        raise NotPrintable(_("No award has been decided yet: the honour book has no page."), code="empty")


def book_batch(
    conference, out: BinaryIO, *, by: User, progress: Callable[[int, int], None] | None = None
) -> PrintedPdf:
    """Write the book (a cover, then one page per honoured entry) to ``out`` as one PDF."""
    ensure_printable(conference)
    pages = book_pages(conference)
    title = conference_title(conference)
    first = pages[0].number

    def context_for(chunk) -> dict:
        return {
            "pages": list(chunk),
            "cover": chunk[0].number == first,
            "organisation": conference.organisation,
            "agency": agency_name(conference.organisation),
            "title": title,
            "year": conference.date.year if conference.date else conference.year,
        }

    render_pdf_in_chunks(BOOK_TEMPLATE, pages, context_for, out, chunk_size=BOOK_CHUNK, progress=progress)
    record_printed(conference, "Kỷ yếu các điển hình tiên tiến được khen thưởng", by=by)
    return named_pdf(b"", f"Kỷ yếu {conference.slug}")
