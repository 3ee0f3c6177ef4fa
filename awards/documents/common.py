"""Shared wording of the administrative documents: dates, numbers, header block, signatures.

Everything here returns the final Vietnamese string a document prints, following Nghị định
30/2020 (leading zeros, "ngày 05 tháng 01 năm 2026", căn cứ punctuation).
"""

from dataclasses import dataclass
from datetime import date as Date
from datetime import time as Time

from awards.enums import BallotStatus, CouncilRole, TallyOutcome, VoteMethod
from awards.percent import percent_text
from conference.enums import NomineeKind

COUNTED = (BallotStatus.CLOSED, BallotStatus.APPLIED)
ROLE_LABELS = {
    CouncilRole.CHAIR: "Chủ tịch Hội đồng",
    CouncilRole.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    CouncilRole.MEMBER: "Ủy viên",
    CouncilRole.MEMBER_SECRETARY: "Ủy viên kiêm Thư ký",
}
METHOD_LABELS = {
    VoteMethod.SECRET: "Bỏ phiếu kín (trên hệ thống)",
    VoteMethod.PAPER: "Bỏ phiếu kín (phiếu giấy)",
    VoteMethod.SHOW_OF_HANDS: "Biểu quyết giơ tay",
}
OUTCOME_LABELS = {
    TallyOutcome.PENDING: "Chưa xét",
    TallyOutcome.APPROVED: "Đạt",
    TallyOutcome.NOT_PASSED: "Không đạt",
    TallyOutcome.OVER_QUOTA: "Đạt tỷ lệ, ngoài chỉ tiêu",
    TallyOutcome.TIED: "Bằng phiếu tại chỉ tiêu",
}
KIND_LABELS = {NomineeKind.COLLECTIVE: "Tập thể", NomineeKind.INDIVIDUAL: "Cá nhân"}
COUNCIL_NAME = "HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG"  # two lines in the header's narrow column


# ------------------------------------------------------------------ wording helpers


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


def percent(votes: int, total: int) -> str:
    """Share of the TOTAL membership, Vietnamese decimal comma: 5 of 9 -> "55,56%", 9 of 9 -> "100%"."""
    return percent_text(votes, total)


def legal_basis_lines(lines: list[str]) -> tuple[str, ...]:
    """Each căn cứ ends with ";" and the last one with "." (whatever punctuation was stored)."""
    cleaned = [line.strip().rstrip(";.,").rstrip() for line in lines if line and line.strip()]
    return tuple(f"{line}{'.' if i == len(cleaned) - 1 else ';'}" for i, line in enumerate(cleaned))


def agency_name(organisation) -> str:
    """ "SỞ KHOA HỌC VÀ CÔNG NGHỆ": the name without the province (the line above carries it)."""
    name = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    return name.upper()


def achievement_phrase(title: str, year: int) -> str:
    """ "đã có thành tích xuất sắc trong …", taken from the decision's summary line when it has one."""
    lower = title.lower()
    start = lower.find("có thành tích")
    if start < 0:
        return f"đã có thành tích xuất sắc trong các phong trào thi đua năm {year}"
    return f"đã {title[start:].rstrip('.;, ')}"


def count_phrase(collectives: int, individuals: int) -> str:
    """ "02 tập thể và 03 cá nhân" (a part with none is left out)."""
    parts = [f"{two_digits(n)} {word}" for n, word in ((collectives, "tập thể"), (individuals, "cá nhân")) if n]
    return " và ".join(parts) or "00 cá nhân"


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
