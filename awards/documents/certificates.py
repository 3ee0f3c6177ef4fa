"""Certificates (Giấy khen, Bằng khen): text, positions and the calibration page.

The layout follows legal-rules §5 (NĐ 98/2023 Điều 104): Quốc hiệu and Tiêu ngữ (black, bold,
the motto underlined), the issuer's position (red, bold capitals), "TẶNG" (black), the award
name (red), the recipient, the description and the achievement (black), bottom left the
decision number and date and the số sổ vàng (italic bold), bottom right place and date (italic
bold), the signer's position (bold capitals) and name.

Every field is a box placed in millimetres on a 297 × 210 reference page and scaled to the
layout's paper (A3 = ×1.414). In text-only mode (pre-printed blanks that carry the border, the
emblem and the Quốc hiệu) only the fields print, each moved by the layout's offsets.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from awards.documents.common import achievement_phrase
from awards.enums import DecisionStatus, DocumentType, PrintMode
from awards.models import CertificateLayout, Decision, DecisionEntry, Signer
from awards.models.printing import CERTIFICATE_FIELDS
from hoinghi.letterhead import short_date, vn_date
from reference.enums import AwardLevel
from reference.models import Conference

REFERENCE_WIDTH, REFERENCE_HEIGHT = 297.0, 210.0
PT_TO_MM = 25.4 / 72
DEFAULT_PAPER = {AwardLevel.DEPARTMENT: (297, 210), AwardLevel.PROVINCE: (420, 297)}
DEFAULT_HEADING = {AwardLevel.DEPARTMENT: "GIẤY KHEN", AwardLevel.PROVINCE: "BẰNG KHEN"}
PROVINCE_SIGNATURE = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FIELD_LABELS = {
    "issuer": "Chức danh người tặng",
    "award": "TẶNG / tên hình thức",
    "recipient": "Người được tặng",
    "description": "Chức vụ, đơn vị",
    "achievement": "Thành tích",
    "decision": "Số, ngày quyết định",
    "register": "Số sổ vàng",
    "signature": "Địa danh, ngày; người ký",
}


@dataclass(frozen=True)
class Box:
    """x, y, width, height in mm on the reference page; font size in pt; characters per em."""

    x: float
    y: float
    width: float
    height: float
    font_pt: float
    lines: int = 1
    em_per_char: float = 0.5


# On the 297 × 210 mm reference page; the emblem of a blank sits at the top centre, above 34 mm.
BOXES = {
    "national": Box(20, 36, 257, 16, 14, em_per_char=0.72),
    "issuer": Box(20, 58, 257, 10, 17, em_per_char=0.72),
    "award": Box(20, 69, 257, 28, 16),
    "recipient": Box(30, 99, 237, 13, 24),
    "description": Box(30, 113, 237, 14, 15, lines=2),
    "achievement": Box(30, 128, 237, 20, 15, lines=2),
    "decision": Box(24, 168, 118, 7, 13, em_per_char=0.48),
    "register": Box(24, 175, 118, 7, 13),
    "signature": Box(160, 148, 117, 41, 14),
}
if set(BOXES) - {"national"} != set(CERTIFICATE_FIELDS):  # an import-time check that survives python -O
    raise ImproperlyConfigured("BOXES and CERTIFICATE_FIELDS name different fields")


@dataclass(frozen=True)
class Placed:
    """A field's box on the real paper, in mm, with its fitted font size."""

    left: float
    top: float
    width: float
    height: float
    font_pt: float

    @property
    def style(self) -> str:
        return (
            f"left: {self.left:.2f}mm; top: {self.top:.2f}mm; width: {self.width:.2f}mm; "
            f"height: {self.height:.2f}mm; font-size: {self.font_pt:.1f}pt"
        )


@dataclass(frozen=True)
class CertificateText:
    issuer: str
    award: str
    recipient: str
    description: str
    achievement: str
    decision: str
    register: str
    place_date: str
    signer_authority: str
    signer_position: str
    signer_name: str


@dataclass(frozen=True)
class CertificatePage:
    entry_id: int | None
    text: CertificateText
    boxes: dict[str, Placed] = field(hash=False)


@dataclass(frozen=True)
class CertificateSheet:
    """One PDF of certificates: paper, mode and one page per certificate."""

    title: str
    heading: str
    mode: str
    full: bool
    width_mm: int
    height_mm: int
    scale: float
    national: Placed
    national_name: str
    motto: str
    pages: tuple[CertificatePage, ...]

    @property
    def frame_style(self) -> str:
        """The full design's border, CSS only (no image): a dark red outline around a gold double band.
        One positioned element per page (each absolutely positioned box costs layout time)."""
        s = self.scale
        sides = "; ".join(f"{side}: {11.2 * s:.2f}mm" for side in ("top", "left", "right", "bottom"))
        return (
            f"{sides}; border-width: {2.4 * s:.2f}mm; outline-width: {2.2 * s:.2f}mm; outline-offset: {1.6 * s:.2f}mm"
        )

    @property
    def frame_inner_style(self) -> str:
        """A thin red line inside the band (in normal flow inside the frame: cheap)."""
        return f"margin: {0.8 * self.scale:.2f}mm; border-width: {0.5 * self.scale:.2f}mm"


def layout_for(award_form) -> CertificateLayout:
    """The award form's saved layout, or the default (Giấy khen A4, Bằng khen A3, landscape)."""
    try:
        return award_form.certificate_layout
    except CertificateLayout.DoesNotExist:
        width, height = DEFAULT_PAPER.get(award_form.level, DEFAULT_PAPER[AwardLevel.DEPARTMENT])
        return CertificateLayout(
            award_form=award_form,
            heading=DEFAULT_HEADING.get(award_form.level, "GIẤY KHEN"),
            issuer_line=award_form.issuer.upper(),
            paper_width_mm=width,
            paper_height_mm=height,
            default_mode=PrintMode.FULL,
            offsets={},
        )


def fit_font(text: str, box: Box, size_pt: float, width_mm: float) -> float:
    """Shrink the font (down to 60%) when the text would need more lines than the box has."""
    per_line = width_mm / (size_pt * PT_TO_MM * box.em_per_char)
    capacity = per_line * box.lines
    if len(text) <= capacity:
        return size_pt
    return max(size_pt * 0.6, size_pt * capacity / len(text))


def place(layout: CertificateLayout, name: str, text: str = "", *, offsets: bool) -> Placed:
    box = BOXES[name]
    sx = layout.paper_width_mm / REFERENCE_WIDTH
    sy = layout.paper_height_mm / REFERENCE_HEIGHT
    dx, dy = layout.offsets.get(name, (0, 0)) if offsets else (0, 0)
    width = box.width * sx
    size = fit_font(text, box, box.font_pt * min(sx, sy), width)
    return Placed(box.x * sx + dx, box.y * sy + dy, width, box.height * sy, round(size, 1))


def printable(decision: Decision) -> bool:
    """Certificates print for an issued Quyết định, or an issued Tờ trình once the province decided."""
    if decision.status != DecisionStatus.ISSUED:
        return False
    return decision.document_type == DocumentType.DECISION or bool(decision.province_decision_number)


def certificate_text(entry: DecisionEntry, layout: CertificateLayout, achievement: str) -> CertificateText:
    decision = entry.decision
    organisation = decision.conference.organisation
    if decision.document_type == DocumentType.PROPOSAL:
        number, on = decision.province_decision_number, decision.province_decision_date
        authority, position, name = (*PROVINCE_SIGNATURE, "")
    else:
        number, on = decision.number_label, decision.date
        authority, position = decision.signer_authority.upper(), decision.signer_position.upper()
        name = decision.signer_name
    return CertificateText(
        issuer=layout.issuer_line,
        award=layout.heading,
        recipient=entry.recipient,
        description=entry.description,
        achievement=achievement[:1].upper() + achievement[1:],
        decision=f"Quyết định số {number} ngày {short_date(on)}",
        register=f"Số sổ vàng: {entry.register_number}",
        place_date=f"{organisation.place_name}, {vn_date(on)}",
        signer_authority=authority,
        signer_position=position,
        signer_name=name,
    )


def _page(entry_id: int | None, text: CertificateText, layout: CertificateLayout, *, offsets: bool):
    values = {
        "issuer": text.issuer,
        "recipient": text.recipient,
        "description": text.description,
        "achievement": text.achievement,
        "decision": text.decision,
    }
    boxes = {name: place(layout, name, values.get(name, ""), offsets=offsets) for name in CERTIFICATE_FIELDS}
    return CertificatePage(entry_id, text, boxes)


def _sheet(title: str, layout: CertificateLayout, mode: str, pages) -> CertificateSheet:
    scale = min(layout.paper_width_mm / REFERENCE_WIDTH, layout.paper_height_mm / REFERENCE_HEIGHT)
    return CertificateSheet(
        title=title,
        heading=layout.heading,
        mode=mode,
        full=mode == PrintMode.FULL,
        width_mm=layout.paper_width_mm,
        height_mm=layout.paper_height_mm,
        scale=round(scale, 4),
        national=place(layout, "national", offsets=False),
        national_name=NATIONAL_NAME,
        motto=MOTTO,
        pages=tuple(pages),
    )


def certificate_sheet(decision: Decision, entries: list[DecisionEntry], mode: str) -> CertificateSheet:
    """The certificates of ``entries`` (all of one decision), one page each, in list order."""
    layout = layout_for(decision.award_form)
    achievement = achievement_phrase(decision.title, decision.conference.year)
    offsets = mode == PrintMode.TEXT_ONLY
    pages = []
    for entry in entries:
        entry.decision = decision  # already loaded: no query per certificate
        text = certificate_text(entry, layout, achievement)
        pages.append(_page(entry.pk, text, layout, offsets=offsets))
    label = (
        decision.number_label if decision.document_type == DocumentType.DECISION else decision.province_decision_number
    )
    return _sheet(f"{layout.heading} – Quyết định {label}", layout, mode, pages)


# ------------------------------------------------------------------ calibration


@dataclass(frozen=True)
class CalibrationField:
    name: str
    label: str
    offset: str
    box: Placed


@dataclass(frozen=True)
class CalibrationSheet:
    sheet: CertificateSheet
    fields: tuple[CalibrationField, ...]
    grid_x: tuple[tuple[int, bool], ...]
    grid_y: tuple[tuple[int, bool], ...]
    note: str


def calibration_sheet(award_form) -> CalibrationSheet:
    """A grid with mm rulers, each field's box at its offset position, and sample text in it."""
    layout = layout_for(award_form)
    conference = Conference.objects.current()
    organisation = conference.organisation if conference else None
    signers = (
        Signer.objects.filter(is_active=True, organisation=organisation) if organisation else Signer.objects.none()
    )
    organisation_signer = signers.order_by("order", "id").first()
    place_name = organisation.place_name if organisation else "Hưng Yên"
    organisation_name = organisation.name if organisation else "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    abbreviation = organisation.abbreviation if organisation else "SKHCN"
    today = timezone.localdate()
    text = CertificateText(
        issuer=layout.issuer_line,
        award=layout.heading,
        recipient="Ông Nguyễn Văn Mẫu",
        description=f"Trưởng phòng Quản lý khoa học, {organisation_name}",
        achievement=f"Đã có thành tích xuất sắc trong các phong trào thi đua năm {today.year}",
        decision=f"Quyết định số 05/QĐ-{abbreviation} ngày {short_date(today)}",
        register="Số sổ vàng: 1",
        place_date=f"{place_name}, {vn_date(today)}",
        signer_authority=organisation_signer.authority_prefix.upper() if organisation_signer else "",
        signer_position=organisation_signer.position.upper() if organisation_signer else "GIÁM ĐỐC",
        signer_name=organisation_signer.full_name if organisation_signer else "Họ và tên",
    )
    page = _page(None, text, layout, offsets=True)
    sheet = _sheet(f"Trang căn chỉnh – {layout.heading}", layout, PrintMode.TEXT_ONLY, [page])
    fields = []
    for name in CERTIFICATE_FIELDS:
        dx, dy = layout.offsets.get(name, (0, 0))
        fields.append(CalibrationField(name, FIELD_LABELS[name], f"{dx:+g}; {dy:+g} mm", page.boxes[name]))
    note = (
        f"In ở tỷ lệ 100% (không co giãn) trên giấy {layout.paper_width_mm} × {layout.paper_height_mm} mm, "
        "đặt lên phôi và đo độ lệch; sửa độ lệch (mm, x sang phải, y xuống dưới) trong trang quản trị."
    )
    return CalibrationSheet(
        sheet=sheet,
        fields=tuple(fields),
        grid_x=tuple((x, x % 10 == 0) for x in range(0, layout.paper_width_mm + 1, 5)),
        grid_y=tuple((y, y % 10 == 0) for y in range(0, layout.paper_height_mm + 1, 5)),
        note=note,
    )
