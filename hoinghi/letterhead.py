"""The official letterhead and its wording, shared by every printed document (awards and conference day).

Everything here returns the final Vietnamese string a document prints, following Nghị định
30/2020 (leading zeros, "ngày 05 tháng 01 năm 2026", căn cứ punctuation), and the NĐ 30 header
and signature blocks.
"""

from dataclasses import dataclass
from datetime import date as Date
from datetime import time as Time
from typing import Protocol


def two_digits(n: int) -> str:
    """Counts and numbers below 10 take a leading zero: 5 -> "05", 12 -> "12"."""
    return f"{n:02d}"


def vn_date(d: Date | None) -> str:
    """ "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026" (zero before days < 10, months 1–2)."""
    if d is None:
        return "ngày      tháng      năm"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def short_date(d: Date | None) -> str:
    return f"{d:%d/%m/%Y}" if d else "…/…/……"


def vn_time(t: Time | None) -> str:
    """ "08 giờ 30" (the Biên bản template's "… giờ …")."""
    return f"{t.hour:02d} giờ {t.minute:02d}" if t else "…… giờ ……"


def legal_basis_lines(lines: list[str]) -> tuple[str, ...]:
    """Each căn cứ ends with ";" and the last one with "." (whatever punctuation was stored)."""
    cleaned = [line.strip().rstrip(";.,").rstrip() for line in lines if line and line.strip()]
    return tuple(f"{line}{'.' if i == len(cleaned) - 1 else ';'}" for i, line in enumerate(cleaned))


class Agency(Protocol):
    """What the letterhead reads of an organisation (conference.Organisation)."""

    @property
    def name(self) -> str: ...
    @property
    def province(self) -> str: ...


def agency_name(organisation: Agency) -> str:
    """ "SỞ KHOA HỌC VÀ CÔNG NGHỆ": the name without the province (the line above carries it)."""
    name = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    return name.upper()


@dataclass(frozen=True)
class Header:
    """The NĐ 30 header block: ô 1–4."""

    parent: str
    agency: str
    number: str
    place_date: str


@dataclass(frozen=True)
class Signature:
    authority: str
    position: str
    name: str
