"""Giấy mời (Nghị định 30/2020, Phụ lục III, Mẫu 1.7): what each delegate's letter prints.

One invitation is one document of the register: one number, one date, one signer, printed as
one personalised copy per delegate (the addressee, the reply link and its QR code differ).

The builders return plain data; ``templates/conference/pdf/invitations.html`` lays it out on the
shared NĐ 30 base. Each letter carries a QR code (segno, inline SVG: no file, no network) with
the absolute URL of the delegate's private page ``/conference/rsvp/<token>/``, built from
``settings.PUBLIC_BASE_URL``.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from awards.models import Signer
from conference.documents.issued import issue_fields
from conference.services.agenda import items_of
from hoinghi.letterhead import Header, Signature, agency_name, vn_date, vn_time

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
QR_MODULE_MM = 0.75  # one QR module; a version-4/5 code comes out about 27–30 mm wide
QR_CACHE_SIZE = 4096  # codes kept per process (about 2.4 KB of SVG each)


def public_url(delegate) -> str:
    """The absolute URL of the delegate's private page (what the QR code and the letter carry)."""
    base = (getattr(settings, "PUBLIC_BASE_URL", "") or "http://127.0.0.1:8000").rstrip("/")
    return base + reverse("rsvp", args=[delegate.token])


@lru_cache(maxsize=QR_CACHE_SIZE)
def qr_svg(url: str) -> SafeString:
    """The QR code of ``url`` as inline SVG, sized in millimetres (medium error correction).

    Made once per URL and process: segno spends ~7 ms on a code (mostly choosing the best of its
    eight masks), which was most of what the letters cost besides WeasyPrint; a delegate's URL never
    changes, so a reprint of the letters in the same worker or web process reuses it.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=QR_MODULE_MM, unit="mm", border=2, omitsize=False)  # segno's markup, no user text
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703


INVITATION_RECIPIENTS = ("- Như trên;", "- Lưu: VT, VP.")


def weekday_date(day: datetime.date | None) -> str:
    """ "Thứ Bảy, ngày 20 tháng 12 năm 2025"."""
    return f"{WEEKDAYS[day.weekday()]}, {vn_date(day)}" if day else vn_date(None)


def time_line(conference) -> str:
    """ "08 giờ 00, Thứ Bảy, ngày 20 tháng 12 năm 2025 (thời gian ½ buổi)"."""
    start = vn_time(conference.start_time)
    text = f"{start}, {weekday_date(conference.date)}"
    if conference.start_time and conference.end_time:
        text = f"Từ {start} đến {vn_time(conference.end_time)}, {weekday_date(conference.date)}"
    return text


def director(organisation) -> Signature:
    """The Director's signature block (the active signer without a KT. line first), else a blank one."""
    signers = Signer.objects.filter(organisation=organisation, is_active=True)
    signer = signers.filter(authority_prefix="").order_by("order", "id").first() or signers.order_by("order").first()
    if signer is None:
        return Signature("", "GIÁM ĐỐC", "")
    return Signature(signer.authority_prefix.upper(), signer.position.upper(), signer.full_name)


@dataclass(frozen=True)
class ConferenceFacts:
    """What every letter of one conference shares."""

    title: str
    purpose: str
    time: str
    venue: str
    agenda: tuple[str, ...]
    contact: str
    place_date: str
    parent: str
    agency: str
    abbreviation: str
    inviter: str  # "Sở Khoa học và Công nghệ"
    signature: Signature
    number_line: str  # the invitation document's: every copy prints the same "Số: 05/GM-SKHCN"
    recipients: tuple[str, ...]
    draft: bool  # not issued yet: "DỰ THẢO", no number, no date


@dataclass(frozen=True)
class Letter:
    delegate_id: int
    header: Header
    addressee: str  # "Ông Nguyễn Văn A, Giám đốc, Sở Tài chính tỉnh Hưng Yên"
    honorific: str  # how the letter says "you": "Ông", "Bà", "Ông/Bà", or "Quý đại biểu" for a representative
    url: str
    qr: SafeString


@dataclass(frozen=True)
class InvitationSheet:
    title: str
    facts: ConferenceFacts
    letters: tuple[Letter, ...]

    @property
    def draft(self) -> bool:
        return self.facts.draft


def conference_title(conference) -> str:
    name = conference.name.strip()
    return name[:1].upper() + name[1:]


def conference_facts(conference, record=None) -> ConferenceFacts:
    """``record``: the issued invitation document (its number, date, signer, recipients); None: a draft."""
    organisation = conference.organisation
    fields = issue_fields(
        record, symbol=f"GM-{organisation.abbreviation}", signature=director(organisation),
        recipients=INVITATION_RECIPIENTS,
    )  # fmt: skip
    return ConferenceFacts(
        title=conference_title(conference),
        purpose=f"Tới dự {conference_title(conference)}",
        time=time_line(conference),
        venue=conference.venue,
        agenda=tuple(item.title for item in items_of(conference)),
        contact=conference.contact,
        place_date=f"{organisation.place_name}, {vn_date(fields.date)}",
        parent=organisation.parent_name,
        agency=agency_name(organisation),
        abbreviation=organisation.abbreviation,
        inviter=organisation.name.removesuffix(f" tỉnh {organisation.province}"),
        signature=fields.signature,
        number_line=fields.number_line,
        recipients=fields.recipients,
        draft=fields.draft,
    )


REPRESENTATIVE_YOU = "Quý đại biểu"  # how the letter addresses a collective's representative


def addressee(delegate) -> str:
    """ "Bà Nguyễn Thị A, Phó Giám đốc, Sở Y tế"; a representative: "Đại diện Phòng X" (no Ông/Bà)."""
    name = " ".join(part for part in (delegate.honorific, delegate.full_name) if part)
    return ", ".join([name, *delegate.address_details()])


def letter(delegate, facts: ConferenceFacts) -> Letter:
    header = Header(facts.parent, facts.agency, facts.number_line, facts.place_date)
    url = public_url(delegate)
    you = delegate.honorific or REPRESENTATIVE_YOU
    return Letter(delegate.pk, header, addressee(delegate), you, url, qr_svg(url))


def invitation_sheet(conference, delegates, record=None) -> InvitationSheet:
    """One copy per delegate, in the order given, of one invitation document (``record``; None: the draft)."""
    facts = conference_facts(conference, record)
    letters = tuple(letter(delegate, facts) for delegate in delegates)
    return InvitationSheet(title="Giấy mời", facts=facts, letters=letters)
