"""The Báo cáo to the Department of Home Affairs (NĐ 30 layout) as PDF, and its figures as .xlsx.

Both print ``conference.services.report.report_figures``: one sheet per table and per annexed list.
"""

from dataclasses import dataclass

from django.utils import translation

from awards.models import Signer
from conference.documents.issued import header_of, issue_fields
from conference.services.report import ReportFigures, report_figures
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.excel import Sheet, write_xlsx
from hoinghi.letterhead import Header, Signature, short_date, two_digits, vn_date
from hoinghi.pdf import PDF_LANGUAGE, render_pdf


@dataclass(frozen=True)
class ReportDocument:
    title: str
    header: Header
    type_name: str
    summary: str
    addressee: str
    intro: str
    conference_lines: tuple[str, ...]
    closing: str
    annex_reference: str
    recipients: tuple[str, ...]
    signature: Signature
    figures: ReportFigures
    draft: bool = False


def signature_block(organisation) -> Signature:
    signer = Signer.objects.filter(organisation=organisation, is_active=True).order_by("order", "id").first()
    if signer is None:
        return Signature("", "GIÁM ĐỐC", "")
    return Signature(signer.authority_prefix.upper(), signer.position.upper(), signer.full_name)


def _conference_lines(conference, figures: ReportFigures) -> tuple[str, ...]:
    totals = figures.totals
    held = f"{vn_date(conference.date)}" if conference.date else "(chưa ghi ngày)"
    venue = f" tại {conference.venue}" if conference.venue else ""
    return (
        f"{conference.name} được tổ chức {held}{venue}.",
        f"Số đại biểu được mời: {two_digits(totals.invited)}; xác nhận tham dự: {two_digits(totals.confirmed)}; "
        f"cử người dự thay: {two_digits(totals.substitutes)}; báo vắng: {two_digits(totals.declined)}; "
        f"có mặt: {two_digits(totals.present)} (chi tiết theo thành phần tại bảng dưới đây).",
    )


def report_symbol(organisation) -> str:
    """ "BC-SKHCN": the report's symbol (NĐ 30: document type, then the agency's abbreviation)."""
    return f"BC-{organisation.abbreviation}"


REPORT_RECIPIENTS = ("- Như trên;", "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, VP.")


def report_document(conference, record=None) -> ReportDocument:
    """``record``: the issued register entry (its number, date, signer, recipients); None: the draft."""
    organisation = conference.organisation
    figures = report_figures(conference)
    agency = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    symbol = report_symbol(organisation)
    fields = issue_fields(record, symbol=symbol, signature=signature_block(organisation), recipients=REPORT_RECIPIENTS)
    return ReportDocument(
        title=f"Báo cáo tổng kết phong trào thi đua năm {conference.year}",
        header=header_of(organisation, fields),
        type_name="BÁO CÁO",
        summary=f"Kết quả tổng kết các phong trào thi đua và công tác khen thưởng năm {conference.year}",
        addressee=f"Sở Nội vụ tỉnh {organisation.province}",
        intro=(
            f"{agency} báo cáo kết quả tổ chức {conference.name} và công tác thi đua, khen thưởng "
            f"năm {conference.year} như sau:"
        ),
        conference_lines=_conference_lines(conference, figures),
        closing=(
            f"Trên đây là báo cáo kết quả tổng kết các phong trào thi đua và công tác khen thưởng năm "
            f"{conference.year} của {agency}, kính báo cáo Sở Nội vụ./."
        ),
        annex_reference=f"(Kèm theo Báo cáo số {fields.number_label} {vn_date(fields.date)} của {agency})",
        recipients=fields.recipients,
        signature=fields.signature,
        figures=figures,
        draft=fields.draft,
    )


def render_report(conference, record=None) -> bytes:
    with translation.override(PDF_LANGUAGE):  # status and kind labels are read in Vietnamese
        doc = report_document(conference, record)
    return render_pdf("conference/pdf/report.html", {"doc": doc})


def report_stem(conference) -> str:
    return f"BC-tong-ket-{conference.slug}"


def report_pdf(conference) -> PrintedPdf:
    """The draft (DỰ THẢO, no number, no date); once issued, ``conference.services.issuing`` serves the stored file."""
    return named_pdf(render_report(conference), report_stem(conference))


# ------------------------------------------------------------------ workbook

SHEET_TITLES = (
    "Phong trào",
    "Theo phong trào",
    "Theo đơn vị",
    "Theo trạng thái",
    "Khen thưởng - chỉ tiêu",
    "Quyết định, tờ trình",
    "Đại biểu theo thành phần",
    "PL1 Tập thể, cá nhân",
    "PL2 Đại biểu có mặt",
)


def _movement_rows(f: ReportFigures) -> list[tuple]:
    """One row per movement, then one per indicator (its total over the accepted unit reports)."""
    rows = []
    for m in f.per_movement:
        rows.append((m.number, m.name, m.reports_accepted, m.nominations, m.approved, m.honoured, "", ""))
        rows += [("", "", "", "", "", "", f"{i.name} ({i.unit_of_measure})", float(i.total)) for i in m.indicators]
    return rows


def report_sheets(figures: ReportFigures) -> list[Sheet]:
    f = figures
    return [
        Sheet(SHEET_TITLES[0], ("STT", "Phong trào thi đua"), [(i, m) for i, m in enumerate(f.movements, 1)], (6, 90)),
        Sheet(
            SHEET_TITLES[1],
            ("STT", "Phong trào", "Báo cáo đơn vị", "Đề nghị", "Thông qua", "Khen thưởng", "Chỉ tiêu", "Kết quả"),
            _movement_rows(f),
            (6, 60, 12, 10, 10, 12, 40, 12),
        ),
        Sheet(
            SHEET_TITLES[2],
            ("STT", "Đơn vị", "Số hồ sơ đề nghị", "Hội đồng thông qua"),
            [(i, *row) for i, row in enumerate(f.units, 1)],
            (6, 50, 16, 18),
        ),
        Sheet(SHEET_TITLES[3], ("Trạng thái", "Số hồ sơ"), list(f.statuses), (40, 12)),
        Sheet(
            SHEET_TITLES[4],
            ("Hình thức", "Đối tượng", "Chỉ tiêu tối thiểu", "Chỉ tiêu tối đa", "Đề nghị", "Thông qua", "Khen thưởng"),
            [(q.award_form, q.kind, q.minimum, q.maximum, q.proposed, q.approved, q.honoured) for q in f.quotas],
            (40, 14, 12, 12, 10, 10, 12),
        ),
        Sheet(
            SHEET_TITLES[5],
            ("Loại văn bản", "Hình thức", "Số", "Ngày", "Số người/tập thể", "Số QĐ của tỉnh", "Ngày QĐ của tỉnh"),
            [
                (
                    d.kind,
                    d.award_form,
                    d.number,
                    short_date(d.date),
                    d.entries,
                    d.province_number,
                    short_date(d.province_date) if d.province_date else "",
                )
                for d in f.documents
            ],  # fmt: skip
            (14, 40, 16, 12, 12, 18, 14),
        ),
        Sheet(
            SHEET_TITLES[6],
            ("Thành phần", "Dự kiến", "Được mời", "Xác nhận", "Cử người thay", "Báo vắng", "Có mặt"),
            [(g.name, g.target, g.invited, g.confirmed, g.substitutes, g.declined, g.present) for g in f.groups],
            (50, 10, 10, 10, 12, 10, 10),
        ),
        Sheet(
            SHEET_TITLES[7],
            ("STT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị", "Đối tượng", "Hình thức", "Số quyết định"),
            [(a.number, a.recipient, a.description, a.kind, a.award_form, a.decision) for a in f.awardees],
            (6, 36, 50, 12, 36, 18),
        ),
        Sheet(
            SHEET_TITLES[8],
            ("STT", "Họ và tên", "Chức vụ, đơn vị", "Thành phần"),
            [(i, *row) for i, row in enumerate(f.present, 1)],
            (6, 30, 50, 40),
        ),
    ]


def report_xlsx(conference) -> bytes:
    with translation.override(PDF_LANGUAGE):
        return write_xlsx(report_sheets(report_figures(conference)))
