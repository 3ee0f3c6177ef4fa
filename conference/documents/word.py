"""The conference's administrative documents as Word files, from the dataclasses their PDFs print.

Same data, same wording as ``templates/conference/pdf/*.html``; the layout is ``hoinghi.docx``'s.
The invitations are one file with one section per delegate (each on its own page).
"""

import io

import segno
from django.utils import translation

from conference.documents.agenda import AgendaDocument
from conference.documents.invitations import InvitationSheet
from conference.documents.launch_plan import LaunchPlanDocument, launch_plan_document
from conference.documents.progress import ProgressDocument, progress_document
from conference.documents.report import ReportDocument, report_document
from conference.documents.summary import SummaryDocument, summary_document
from hoinghi.docx import Row, WordDocument, start
from hoinghi.downloads import PrintedDocx, named_docx
from hoinghi.letterhead import short_date
from hoinghi.pdf import PDF_LANGUAGE
from movements.figures import figure_text
from reference.models import Movement

QR_WIDTH_MM = 27  # as the PDF's code (about 27-30 mm)


def qr_png(url: str) -> bytes:
    """The QR code of the delegate's private page as a PNG (Word shows no inline SVG everywhere)."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=6, border=2)
    return out.getvalue()


def invitations_docx(sheet: InvitationSheet) -> bytes:
    """Giấy mời (``invitations.html``): one section per delegate, without page numbers."""
    facts = sheet.facts
    word = WordDocument()
    for index, letter in enumerate(sheet.letters):
        if index:
            word.new_section(numbered=False)
        word.header(letter.header)
        word.title("GIẤY MỜI")
        word.paragraph(f"{facts.inviter} trân trọng kính mời:", space_before=14)
        word.centered(letter.addressee, bold=True, space_before=4, space_after=8)
        word.paragraph(f"{facts.purpose}.")
        word.paragraph(f"{facts.time}.", label="Thời gian:")
        word.paragraph(f"{facts.venue or '…'}.", label="Địa điểm:")
        if facts.agenda:
            word.paragraph("", label="Nội dung:")
            last = len(facts.agenda) - 1
            for i, title in enumerate(facts.agenda):
                word.paragraph(f"- {title}{'.' if i == last else ';'}", size=13, space_after=1)
        contact = f" Chi tiết xin liên hệ: {facts.contact}." if facts.contact else ""
        word.paragraph(
            f"Đề nghị {letter.honorific} xác nhận tham dự qua đường liên kết hoặc mã QR in trên Giấy mời này.{contact}"
        )
        word.paragraph(f"Rất mong {letter.honorific} đến dự đúng thời gian./.")
        word.signing(
            ("- Như trên;", "- Lưu: VT, VP."), facts.signature,
            extra=(letter.url,), picture=qr_png(letter.url), picture_mm=QR_WIDTH_MM,
        )  # fmt: skip
    if not sheet.letters:
        word.paragraph("Chưa có đại biểu nào được mời.")
    return word.to_bytes()


def agenda_docx(doc: AgendaDocument) -> bytes:
    """Chương trình Hội nghị (``agenda.html``)."""
    word = start(doc.header, doc.type_name, doc.summary, draft=doc.draft)
    when = f"{doc.when} - Địa điểm: {doc.venue}" if doc.venue else doc.when
    word.centered(when, italic=True, space_before=6, space_after=10)
    rows = [
        Row((str(r.number), r.time, f"{r.title}\nTham luận: “{r.talk}”" if r.talk else r.title, r.presenter),
            italic_lines=True)
        for r in doc.rows
    ]  # fmt: skip
    word.table([("TT", "Thời gian", "Nội dung", "Người thực hiện")], rows, (11, 32, None, 42), centred=(0, 1))
    return word.to_bytes()


def report_docx(doc: ReportDocument) -> bytes:
    """Báo cáo to Sở Nội vụ with its two appendices (``report.html``)."""
    f = doc.figures
    word = start(doc.header, doc.type_name, doc.summary, draft=doc.draft)
    word.addressee(doc.addressee)
    word.paragraph(doc.intro)
    word.part("I. CÁC PHONG TRÀO THI ĐUA ĐƯỢC TỔNG KẾT")
    word.paragraphs(f"{i}. {name}." for i, name in enumerate(f.movements, start=1))
    if not f.movements:
        word.paragraph("Không có phong trào nào được ghi nhận.")
    if f.per_movement:
        word.paragraph("Kết quả theo từng phong trào:")
        rows = [
            Row((str(m.number), "\n".join([m.name, *(f"- {i.name}: {figure_text(i.total)} {i.unit_of_measure}"
                 for i in m.indicators)]), str(m.reports_accepted), str(m.nominations), str(m.approved),
                 str(m.honoured)))
            for m in f.per_movement
        ]  # fmt: skip
        word.table(
            [("STT", "Phong trào", "Báo cáo đơn vị", "Đề nghị", "Thông qua", "Khen thưởng")],
            rows, (12, None, 18, 18, 19, 18), size=12, centred=(0, 2, 3, 4, 5),
        )  # fmt: skip
    word.part("II. KẾT QUẢ ĐỀ NGHỊ KHEN THƯỞNG")
    word.paragraph("1. Theo đơn vị đề nghị")
    rows = [Row((str(i), unit, str(total), str(approved))) for i, (unit, total, approved) in enumerate(f.units, 1)]
    word.table([("STT", "Đơn vị", "Số hồ sơ đề nghị", "Hội đồng thông qua")], rows, (12, None, 28, 30),
               centred=(0, 2, 3))  # fmt: skip
    word.paragraph(f"2. Theo trạng thái hồ sơ (tổng số {f.nominations_total} hồ sơ)")
    rows = [Row((label, str(count))) for label, count in f.statuses]
    word.table([("Trạng thái", "Số hồ sơ")], rows, (None, 30), centred=(1,))
    word.part("III. KẾT QUẢ KHEN THƯỞNG SO VỚI CHỈ TIÊU")
    rows = [
        Row((q.award_form, q.kind, f"{q.minimum}–{q.maximum}", str(q.proposed), str(q.approved), str(q.honoured)))
        for q in f.quotas
    ]
    word.table([("Hình thức", "Đối tượng", "Chỉ tiêu", "Đề nghị", "Thông qua", "Khen thưởng")], rows,
               (None, 20, 19, 17, 19, 21), size=12, centred=(2, 3, 4, 5))  # fmt: skip
    word.paragraph("Văn bản khen thưởng, đề nghị khen thưởng đã ban hành:")
    for d in f.documents:
        province = ""
        if d.province_number:
            on = f" ngày {short_date(d.province_date)}" if d.province_date else ""
            province = f"; Quyết định số {d.province_number}{on} của Chủ tịch Ủy ban nhân dân tỉnh"
        word.paragraph(
            f"- {d.kind} số {d.number} ngày {short_date(d.date) if d.date else ''} "
            f"({d.award_form}, {d.entries} tập thể, cá nhân){province}."
        )
    if not f.documents:
        word.paragraph("- Chưa có văn bản nào được ban hành.")
    word.part("IV. TỔ CHỨC HỘI NGHỊ")
    word.paragraphs(doc.conference_lines)
    groups = [*f.groups, f.totals]
    rows = [
        Row((g.name, str(g.target), str(g.invited), str(g.confirmed), str(g.substitutes), str(g.declined),
             str(g.present)), bold=g is f.totals)
        for g in groups
    ]  # fmt: skip
    word.table(
        [("Thành phần", "Dự kiến", "Được mời", "Xác nhận", "Cử người thay", "Báo vắng", "Có mặt")],
        rows, (None, 16, 16, 17, 17, 16, 16), size=12, centred=(1, 2, 3, 4, 5, 6),
    )  # fmt: skip
    word.paragraph(
        "(Danh sách tập thể, cá nhân được khen thưởng và danh sách đại biểu có mặt tại các Phụ lục kèm theo.)"
    )
    word.paragraph(doc.closing)
    word.signing(doc.recipients, doc.signature)
    _annex(word, "Phụ lục I", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", doc.annex_reference)
    rows = [Row((str(a.number), a.recipient, a.description, f"{a.award_form} ({a.decision})")) for a in f.awardees]
    word.table([("STT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị", "Hình thức, số quyết định")], rows,
               (12, 45, None, 44), size=12, centred=(0,))  # fmt: skip
    _annex(word, "Phụ lục II", "DANH SÁCH ĐẠI BIỂU CÓ MẶT TẠI HỘI NGHỊ", doc.annex_reference)
    rows = [Row((str(i), name, line, group)) for i, (name, line, group) in enumerate(f.present, start=1)]
    word.table([("STT", "Họ và tên", "Chức vụ, đơn vị", "Thành phần")], rows, (12, 48, None, 50), size=12,
               centred=(0,))  # fmt: skip
    return word.to_bytes()


def _annex(word: WordDocument, label: str, title: str, reference: str) -> None:
    word.new_section()
    word.centered(label, bold=True)
    word.centered(title, bold=True)
    word.centered(reference, italic=True)
    word.rule(40)
    word.paragraph("", indent=False, space_after=4)


def summary_docx(doc: SummaryDocument) -> bytes:
    """Báo cáo tổng kết các phong trào thi đua (``summary.html``)."""
    word = start(doc.header, doc.type_name, doc.summary, draft=doc.draft)
    word.paragraph("", indent=False, space_after=4)
    word.paragraphs(doc.intro)
    for s in doc.sections:
        word.paragraph(f"{s.number}. {s.name}", bold=True, space_before=8, space_after=3)
        word.paragraph(s.reports_line)
        if s.indicators:
            rows = [
                Row((str(n), i.name, i.unit_of_measure, i.target, i.total, i.detail))
                for n, i in enumerate(s.indicators, start=1)
            ]
            word.table(
                [("STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "Chi tiết theo đơn vị")],
                rows, (12, None, 18, 17, 17, 52), size=12, centred=(0, 2, 3, 4),
            )  # fmt: skip
        word.paragraph(s.nominations_line)
        word.paragraphs(s.paragraphs)
    word.paragraph(doc.closing)
    word.signing(doc.recipients, doc.signature)
    return word.to_bytes()


def launch_plan_docx(doc: LaunchPlanDocument) -> bytes:
    """Kế hoạch phát động phong trào thi đua (``launch_plan.html``)."""
    word = start(doc.header, doc.type_name, doc.summary, draft=doc.draft)
    word.part("I. MỤC ĐÍCH, YÊU CẦU")
    word.paragraphs(doc.goals)
    word.part("II. DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐĂNG KÝ")
    word.paragraphs(doc.titles)
    word.part("III. ĐĂNG KÝ THI ĐUA")
    word.paragraphs(doc.registration)
    word.paragraph(doc.closing)
    word.signing(doc.recipients, doc.signature)
    return word.to_bytes()


def progress_docx(doc: ProgressDocument) -> bytes:
    """Báo cáo tiến độ tổ chức Hội nghị (``progress.html``)."""
    word = start(doc.header, doc.type_name, doc.summary, draft=doc.draft)
    word.addressee(doc.addressee)
    word.paragraph(doc.intro)
    for title, lines in doc.lines:
        word.part(title)
        word.paragraphs(lines)
    word.paragraph(doc.closing)
    word.signing(doc.recipients, doc.signature)
    return word.to_bytes()


# ------------------------------------------------------------------ downloads (the PDFs' names, .docx)


def report_download(conference, record=None) -> PrintedDocx:
    """``record``: the register's issued document (its number, date and signer), None for the draft."""
    with translation.override(PDF_LANGUAGE):  # status and kind labels are read in Vietnamese
        doc = report_document(conference, record)
    return named_docx(report_docx(doc), f"BC-tong-ket-{conference.slug}")


def summary_download(conference, record=None) -> PrintedDocx:
    with translation.override(PDF_LANGUAGE):
        doc = summary_document(conference, record)
    return named_docx(summary_docx(doc), f"BC-tong-ket-phong-trao-{conference.slug}")


def launch_plan_download(movement: Movement, record=None) -> PrintedDocx:
    with translation.override(PDF_LANGUAGE):
        doc = launch_plan_document(movement, record)
    return named_docx(launch_plan_docx(doc), f"KH-phat-dong-{movement.pk}")


def progress_download(conference, on, record=None) -> PrintedDocx:
    with translation.override(PDF_LANGUAGE):
        doc = progress_document(conference, on, record)
    return named_docx(progress_docx(doc), f"BC-tien-do-{conference.slug}-{on:%Y%m%d}")
