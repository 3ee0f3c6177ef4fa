"""The progress report to Sở Nội vụ (Công văn 205/SNV-TĐKT) as PDF in the NĐ 30 layout."""

from dataclasses import dataclass

from django.utils import translation

from conference.documents.issued import header_of, issue_fields
from conference.documents.report import signature_block
from conference.services.progress import ProgressFigures, progress_figures
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.letterhead import Header, Signature, short_date, two_digits
from hoinghi.pdf import PDF_LANGUAGE, render_pdf


@dataclass(frozen=True)
class ProgressDocument:
    title: str
    header: Header
    type_name: str
    summary: str
    addressee: str
    intro: str
    lines: tuple[tuple[str, tuple[str, ...]], ...]  # (part title, its lines)
    closing: str
    recipients: tuple[str, ...]
    signature: Signature
    figures: ProgressFigures
    draft: bool = False


def _lines(f: ProgressFigures) -> tuple[tuple[str, tuple[str, ...]], ...]:
    d = two_digits
    return (
        ("1. Tổng kết các phong trào thi đua", (
            f"- Số phong trào thi đua được tổng kết: {d(f.movements)}; số phong trào đã có đơn vị gửi báo cáo: "
            f"{d(f.movements_reported)}.",
            f"- Số báo cáo của đơn vị đã gửi: {d(f.reports_sent)}; đã được tiếp nhận: {d(f.reports_accepted)}.",
        )),
        ("2. Tiếp nhận hồ sơ đề nghị khen thưởng", (
            f"- Số hồ sơ đã nhận: {d(f.nominations_received)}; số hồ sơ đủ điều kiện trình Hội đồng: "
            f"{d(f.nominations_accepted)}.",
        )),
        ("3. Hội đồng Thi đua - Khen thưởng", (
            f"- Số phiên họp Hội đồng đã tổ chức: {d(f.meetings_held)}.",
            f"- Số quyết định khen thưởng đã ban hành: {d(f.decisions_issued)}; số tờ trình đề nghị cấp trên "
            f"khen thưởng: {d(f.proposals_issued)}.",
        )),
        ("4. Giấy mời đại biểu", (
            f"- Số giấy mời đã phát hành: {d(f.invitations_sent)}; số đại biểu đã phản hồi: "
            f"{d(f.invitations_answered)}.",
        )),
    )  # fmt: skip


PROGRESS_RECIPIENTS = ("- Như trên;", "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, VP.")


def progress_document(conference, on, record=None) -> ProgressDocument:
    organisation = conference.organisation
    agency = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    figures = progress_figures(conference, on)
    fields = issue_fields(record, symbol=f"BC-{organisation.abbreviation}", signature=signature_block(organisation),
                          recipients=PROGRESS_RECIPIENTS)  # fmt: skip
    return ProgressDocument(
        title=f"Báo cáo tiến độ tổ chức Hội nghị năm {conference.year}",
        header=header_of(organisation, fields),
        type_name="BÁO CÁO",
        summary=f"Tiến độ tổ chức {conference.name}",
        addressee=f"Sở Nội vụ tỉnh {organisation.province}",
        intro=(
            f"Thực hiện Công văn số 205/SNV-TĐKT của Sở Nội vụ, {agency} báo cáo tiến độ tổ chức "
            f"{conference.name} tính đến hết ngày {short_date(on)} như sau:"
        ),
        lines=_lines(figures),
        closing=f"Trên đây là báo cáo tiến độ tổ chức Hội nghị của {agency}, kính báo cáo Sở Nội vụ./.",
        recipients=fields.recipients,
        signature=fields.signature,
        figures=figures,
        draft=fields.draft,
    )


def render_progress(conference, on, record=None) -> bytes:
    with translation.override(PDF_LANGUAGE):
        doc = progress_document(conference, on, record)
    return render_pdf("conference/pdf/progress.html", {"doc": doc})


def progress_stem(conference, on) -> str:
    return f"BC-tien-do-{conference.slug}-{on:%Y%m%d}"


def progress_pdf(conference, on) -> PrintedPdf:
    """The draft as of ``on``; once issued, ``conference.services.issuing`` serves the stored file."""
    return named_pdf(render_progress(conference, on), progress_stem(conference, on))
