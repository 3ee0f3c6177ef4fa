"""The Báo cáo tổng kết các phong trào thi đua (agenda item 2) as PDF in the NĐ 30 layout.

Per movement: the indicators' results summed over the accepted unit reports with each unit's
figure, the nominations and awards naming the movement, then the Office's section text.
"""

from dataclasses import dataclass

from django.utils import translation

from conference.documents.issued import header_of, issue_fields
from conference.documents.report import signature_block
from conference.services.movement_figures import MovementRow, movement_figures
from conference.services.summary import NO_REPORT, sections_by_movement
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.letterhead import Header, Signature, two_digits
from hoinghi.pdf import PDF_LANGUAGE, render_pdf
from movements.figures import figure_text


@dataclass(frozen=True)
class PrintedIndicator:
    name: str
    unit_of_measure: str
    target: str
    total: str
    detail: str  # "Phòng A: 3; Phòng B: 2"


@dataclass(frozen=True)
class PrintedSection:
    number: int
    name: str
    reports_line: str
    indicators: tuple[PrintedIndicator, ...]
    nominations_line: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class SummaryDocument:
    title: str
    header: Header
    type_name: str
    summary: str
    intro: tuple[str, ...]
    sections: tuple[PrintedSection, ...]
    closing: str
    recipients: tuple[str, ...]
    signature: Signature
    draft: bool = True


def _section(row: MovementRow, body: str) -> PrintedSection:
    indicators = tuple(
        PrintedIndicator(
            i.name,
            i.unit_of_measure,
            figure_text(i.target),
            figure_text(i.total),
            "; ".join(f"{unit}: {figure_text(value)}" for unit, value in i.by_unit),
        )
        for i in row.indicators
    )
    return PrintedSection(
        number=row.number,
        name=row.name,
        reports_line=f"Số đơn vị có báo cáo được tiếp nhận: {two_digits(row.reports_accepted)}.",
        indicators=indicators,
        nominations_line=(
            f"Số hồ sơ đề nghị khen thưởng gắn với phong trào: {two_digits(row.nominations)}; "
            f"Hội đồng thông qua: {two_digits(row.approved)}; được khen thưởng: {two_digits(row.honoured)}."
        ),
        paragraphs=tuple(line for line in body.splitlines() if line.strip()),
    )


SUMMARY_RECIPIENTS = ("- Sở Nội vụ;", "- Giám đốc, các Phó Giám đốc Sở;", "- Các đơn vị thuộc Sở;", "- Lưu: VT, VP.")


def summary_document(conference, record=None) -> SummaryDocument:
    organisation = conference.organisation
    agency = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    rows = movement_figures(conference)
    sections = sections_by_movement(conference)
    fields = issue_fields(record, symbol=f"BC-{organisation.abbreviation}", signature=signature_block(organisation),
                          recipients=SUMMARY_RECIPIENTS)  # fmt: skip
    reporting = sum(1 for row in rows if row.reports_accepted)
    return SummaryDocument(
        title=f"Báo cáo tổng kết các phong trào thi đua năm {conference.year}",
        header=header_of(organisation, fields),
        type_name="BÁO CÁO",
        summary=f"Tổng kết các phong trào thi đua năm {conference.year}",
        intro=(
            f"Thực hiện {conference.plan_reference or 'Kế hoạch tổ chức Hội nghị'}, {agency} tổng kết "
            f"{two_digits(len(rows))} phong trào thi đua; {two_digits(reporting)} phong trào có báo cáo của đơn vị "
            "được tiếp nhận. Kết quả cụ thể như sau:",
        ),
        sections=tuple(_section(row, getattr(sections.get(row.pk), "body", "") or NO_REPORT) for row in rows),
        closing=f"Trên đây là báo cáo tổng kết các phong trào thi đua năm {conference.year} của {agency}./.",
        recipients=fields.recipients,
        signature=fields.signature,
        draft=fields.draft,
    )


def render_summary(conference, record=None) -> bytes:
    with translation.override(PDF_LANGUAGE):
        doc = summary_document(conference, record)
    return render_pdf("conference/pdf/summary.html", {"doc": doc})


def summary_stem(conference) -> str:
    return f"BC-tong-ket-phong-trao-{conference.slug}"


def summary_pdf(conference) -> PrintedPdf:
    """The draft; once issued, ``conference.services.issuing`` serves the stored file."""
    return named_pdf(render_summary(conference), summary_stem(conference))
