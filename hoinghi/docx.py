"""The one Word renderer: administrative documents as .docx in the Nghị định 30/2020 layout.

The PDF templates and these documents print the same dataclasses (``hoinghi.letterhead.Header``,
``Signature`` and each document's own), so the wording is written once. Each app keeps one small
builder per document type (``awards/documents/word.py``, ``conference/documents/word.py``) that
lays its dataclass out with a ``WordDocument``:

- A4 portrait, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm (as ``nd30.css``);
- Times New Roman everywhere, the East Asian and complex-script font slots included, so Word
  never substitutes another font for Vietnamese letters; body 14 pt, tables 13 pt;
- the two-column header table (ô 1–4), the type and trích yếu (ô 5), căn cứ in italics,
  "Nơi nhận:" (12 pt bold italic, lines 11 pt) beside the signature block (ô 7, 9b);
- page numbers centred in the top margin, not on a section's first page; an appendix is its own
  section numbered from 1; a draft carries "DỰ THẢO" in the first page's top margin.

Converting to PDF (LibreOffice) and checking an uploaded .docx live in ``hoinghi.office``.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from hoinghi.letterhead import Header, Signature

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # nd30.css: margin: 20mm 15mm 20mm 30mm
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
BODY_PT, TABLE_PT, SMALL_PT = 14, 13, 12
INDENT = Mm(10)  # first-line indent of body paragraphs (NĐ 30: 1 cm or 1.27 cm)
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
SIGN_NOTE = "(Ký, ghi rõ họ tên)"
# Children of w:pPr and w:sectPr that must follow w:pBdr and w:pgNumType (the schema fixes the order).
P_PR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
SECT_PR_AFTER_PAGE_NUMBERS = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
    "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
GRID_CELL_MARGIN = 72  # twips (1.27 mm) each side of a ruled table's cells
UP = object()  # a table cell merged with the one above it (a header's rowspan)
LEFT = None  # a table cell merged with the one to its left (a colspan)


@dataclass(frozen=True)
class Row:
    """One table row: its cells' texts (``LEFT``/``UP`` to merge), bold or not, and alignments."""

    cells: Sequence[object]
    bold: bool = False
    italic_lines: bool = False  # lines after the first (a "\n") print in italics, smaller


def _fonts(element: BaseOxmlElement) -> None:
    """Times New Roman in the four font slots (ASCII, high ANSI, East Asian, complex script)."""
    r_pr = element if element.tag == qn("w:rPr") else element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(1 if r_pr.find(qn("w:rStyle")) is not None else 0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _border(paragraph: Paragraph, side: str, size_eighths: int = 6) -> None:
    """A solid rule on one side of a paragraph (the rules under the agency and the trích yếu)."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p_pr.insert_element_before(borders, *P_PR_AFTER_BORDER)
    rule = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"), ("w:color", "000000")):
        rule.set(qn(key), value)
    borders.append(rule)


def _cell_margins(table: Table, twips: int = 0) -> None:
    """Left and right cell margins (0 for the layout tables; Word's default 108 twips is wide for narrow columns)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), str(twips))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _fixed_widths(table: Table, widths: Sequence[Length]) -> None:
    """Column widths Word and LibreOffice both honour: the grid's, every cell's, and a fixed layout."""
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.insert_element_before(
        layout, "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def _field(paragraph: Paragraph, instruction: str, size: float) -> None:
    """A field (PAGE) as Word stores it: begin, instruction, separate, a placeholder, end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        run.font.name = FONT
        _fonts(run._r)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {instruction} "
            run._r.append(node)
        else:
            run.text = text or ""


class WordDocument:
    """A .docx under construction; methods add the NĐ 30 blocks in reading order."""

    def __init__(self, *, draft: bool = False) -> None:
        self.document = Document()
        self.draft = draft
        self._styles()
        self._set_up_section(self.document.sections[0], first=True)

    # ------------------------------------------------------------------ set-up

    def _styles(self) -> None:
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        _fonts(normal.element)
        lang = OxmlElement("w:lang")
        for slot in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(slot), LANGUAGE)
        normal.element.get_or_add_rPr().append(lang)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        # The default template's document defaults name Calibri/Cambria for East Asian text: replace them.
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            r_pr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
            if r_pr is not None:
                _fonts(r_pr)

    def _set_up_section(self, section: Section, *, first: bool, restart: bool = False, numbered: bool = True) -> None:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance = Mm(8)
        section.footer_distance = Mm(8)
        section.different_first_page_header_footer = True
        section.header.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        header_paragraph = section.header.paragraphs[0]
        header_paragraph.text = ""
        if numbered:
            header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _field(header_paragraph, "PAGE", BODY_PT - 1)
        first_paragraph = section.first_page_header.paragraphs[0]
        first_paragraph.text = ""
        if first and self.draft:
            first_paragraph.paragraph_format.right_indent = Mm(TEXT_WIDTH_MM - 24)
            run = first_paragraph.add_run(DRAFT_MARK)
            self._run_format(run, SMALL_PT, bold=True)
            for side in ("top", "left", "bottom", "right"):
                _border(first_paragraph, side)
        if restart:
            number_type = OxmlElement("w:pgNumType")
            number_type.set(qn("w:start"), "1")
            section._sectPr.insert_element_before(number_type, *SECT_PR_AFTER_PAGE_NUMBERS)

    def new_section(self, *, numbered: bool = True) -> None:
        """A new page that starts its own numbering (an appendix, another delegate's letter)."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        self._set_up_section(section, first=False, restart=True, numbered=numbered)

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # ------------------------------------------------------------------ text

    @staticmethod
    def _run_format(run: Run, size: float, *, bold: bool = False, italic: bool = False, underline: bool = False
                    ) -> None:  # fmt: skip
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        if underline:
            run.font.underline = WD_UNDERLINE.SINGLE
        _fonts(run._r)

    def _paragraph_in(self, container: _Cell, text: str = "", *, size: float = BODY_PT, bold: bool = False,
                      italic: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
                      underline: bool = False) -> Paragraph:  # fmt: skip
        """A paragraph in ``container`` (the body or a cell); the first empty paragraph of a cell is reused."""
        if isinstance(container, _Cell) and len(container.paragraphs) == 1 and not container.paragraphs[0].runs:
            paragraph = container.paragraphs[0]  # a new cell's own empty paragraph
        else:
            paragraph = container.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if text:
            self._run_format(paragraph.add_run(text), size, bold=bold, italic=italic, underline=underline)
        return paragraph

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False, indent: bool = True,
                  size: float = BODY_PT, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY, label: str = "",
                  space_after: float = 6, space_before: float = 0) -> Paragraph:  # fmt: skip
        """A body paragraph: justified, 1 cm first-line indent, 6 pt after; ``label`` prints bold before it."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = align
        paragraph_format = paragraph.paragraph_format
        paragraph_format.first_line_indent = INDENT if indent else None
        paragraph_format.space_after = Pt(space_after)
        paragraph_format.space_before = Pt(space_before)
        paragraph_format.line_spacing = 1.15
        if label:
            self._run_format(paragraph.add_run(label + (" " if text else "")), size, bold=True, italic=italic)
        if text:
            self._run_format(paragraph.add_run(text), size, bold=bold, italic=italic)
        return paragraph

    def paragraphs(self, lines: Iterable[str], **options: Any) -> None:
        for line in lines:
            self.paragraph(line, **options)

    def part(self, text: str) -> Paragraph:
        """A part's heading ("I. CÁC PHONG TRÀO …"): bold, 8 pt before."""
        return self.paragraph(text, bold=True, space_before=8, space_after=4)

    def centered(self, text: str, *, bold: bool = False, italic: bool = False, size: float = BODY_PT,
                 space_before: float = 0, space_after: float = 0) -> Paragraph:  # fmt: skip
        paragraph = self.paragraph(text, bold=bold, italic=italic, indent=False, size=size,
                                   align=WD_ALIGN_PARAGRAPH.CENTER, space_after=space_after)  # fmt: skip
        paragraph.paragraph_format.space_before = Pt(space_before)
        return paragraph

    def bases(self, lines: Iterable[str]) -> None:
        """Căn cứ: italic body paragraphs, one per line."""
        for line in lines:
            self.paragraph(line, italic=True)

    def addressee(self, text: str) -> Paragraph:
        """ "Kính gửi: …" (ô 9a), centred, one addressee on the same line."""
        return self.centered(f"Kính gửi: {text}", space_before=12, space_after=6)

    def rule(self, width_mm: float, *, within_mm: float = TEXT_WIDTH_MM) -> Paragraph:
        """A short centred rule (under the trích yếu, the appendix title)."""
        paragraph = self.document.add_paragraph()
        side = max((within_mm - width_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        _border(paragraph, "top")
        self._shrink(paragraph)
        return paragraph

    @staticmethod
    def _shrink(paragraph: Paragraph) -> None:
        """An empty paragraph holding only a rule: 4 pt high."""
        paragraph.paragraph_format.line_spacing = Pt(4)
        paragraph.paragraph_format.space_after = Pt(0)

    # ------------------------------------------------------------------ NĐ 30 blocks

    def header(self, header: Header) -> Table:
        """Ô 1–4: parent and agency (bold, ruled) | Quốc hiệu and Tiêu ngữ; number | place and date (italic)."""
        left_mm, right_mm = TEXT_WIDTH_MM * 0.45, TEXT_WIDTH_MM * 0.55
        table = self.document.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _cell_margins(table)
        _fixed_widths(table, (Mm(left_mm), Mm(right_mm)))
        center = WD_ALIGN_PARAGRAPH.CENTER
        left, right = table.cell(0, 0), table.cell(0, 1)
        if header.parent:
            self._paragraph_in(left, header.parent.upper(), size=12.5, align=center)
        for line in header.agency.upper().splitlines():
            self._paragraph_in(left, line, size=12.5, bold=True, align=center)
        agency_width = max(len(line) for line in header.agency.splitlines() or [""]) * 2.4  # mm, bold capitals
        rule = left.add_paragraph()
        side = max((left_mm - max(agency_width / 3, 18)) / 2, 0)
        rule.paragraph_format.left_indent, rule.paragraph_format.right_indent = Mm(side), Mm(side)
        rule.paragraph_format.space_before = Pt(2)
        _border(rule, "top")
        self._shrink(rule)
        self._paragraph_in(right, NATIONAL, size=12, bold=True, align=center)
        self._paragraph_in(right, MOTTO, size=13, bold=True, align=center, underline=True)
        number = self._paragraph_in(table.cell(1, 0), header.number, size=13, align=center)
        place = self._paragraph_in(table.cell(1, 1), header.place_date, size=14, italic=True, align=center)
        for paragraph in (number, place):
            paragraph.paragraph_format.space_before = Pt(7)
        return table

    def title(self, type_name: str, summary: str = "") -> None:
        """Ô 5: the document type (bold capitals) and the trích yếu (bold) with a rule beneath."""
        self.centered(type_name, bold=True, space_before=20)
        if summary:
            self.centered(summary, bold=True)
            self.rule(45)

    def signing(self, recipients: Sequence[str], signature: Signature | None, *, extra: Sequence[str] = (),
                picture: bytes | None = None, picture_mm: float = 27) -> Table:  # fmt: skip
        """Ô 7 and 9b side by side: "Nơi nhận:" and its lines left; authority, position, space, name right.

        ``picture`` (PNG) and ``extra`` lines go under Nơi nhận (the invitation's QR code and link).
        """
        table = self._layout_table(2, (0.45, 0.55))
        left, right = table.cell(0, 0), table.cell(0, 1)
        self._recipients(left, recipients)
        if picture:
            holder = left.add_paragraph()
            holder.paragraph_format.space_before = Pt(6)
            holder.add_run().add_picture(io.BytesIO(picture), width=Mm(picture_mm))
        for line in extra:
            self._paragraph_in(left, line, size=9.5)
        if signature is not None:
            self._signature(right, signature)
        return table

    def recipients(self, recipients: Sequence[str]) -> Table:
        """Nơi nhận alone, under signatures side by side (the minutes)."""
        table = self._layout_table(2, (0.45, 0.55))
        self._recipients(table.cell(0, 0), recipients)
        return table

    def signatures(self, signatures: Sequence[Signature], *, note: str = SIGN_NOTE) -> Table:
        """Several signers side by side (Thư ký and Chủ tọa; the counting board), each with "(Ký, ghi rõ họ tên)"."""
        table = self._layout_table(len(signatures), tuple(1 / len(signatures) for _ in signatures))
        for cell, signature in zip(table.rows[0].cells, signatures, strict=True):
            self._signature(cell, signature, note=note)
        return table

    def _layout_table(self, columns: int, shares: Sequence[float]) -> Table:
        self.paragraph("", indent=False, space_after=4)
        table = self.document.add_table(rows=1, cols=columns)
        _cell_margins(table)
        _fixed_widths(table, [Mm(TEXT_WIDTH_MM * share) for share in shares])
        return table

    def _recipients(self, cell: _Cell, recipients: Sequence[str]) -> None:
        self._paragraph_in(cell, "Nơi nhận:", size=12, bold=True, italic=True)
        for line in recipients:
            self._paragraph_in(cell, line, size=11)

    def _signature(self, cell: _Cell, signature: Signature, *, note: str = "") -> None:
        center = WD_ALIGN_PARAGRAPH.CENTER
        if signature.authority:
            self._paragraph_in(cell, signature.authority, bold=True, align=center)
        self._paragraph_in(cell, signature.position, bold=True, align=center)
        if note:
            self._paragraph_in(cell, note, size=13, italic=True, align=center)
        space = cell.add_paragraph()
        space.paragraph_format.space_after = Pt(0)
        space.paragraph_format.line_spacing = Mm(26 if not note else 22)
        self._paragraph_in(cell, signature.name, bold=True, align=center)

    # ------------------------------------------------------------------ tables

    def table(self, header: Sequence[Sequence[object]], rows: Iterable[Row], widths_mm: Sequence[float | None], *,
              size: float = TABLE_PT, centred: Sequence[int] = (), right: Sequence[int] = ()) -> Table:  # fmt: skip
        """A ruled table: ``header`` rows (bold, centred, repeated on each page), then ``rows``.

        ``widths_mm``: one per column, ``None`` for the column taking what is left. A cell ``LEFT``
        merges into its left neighbour, ``UP`` into the one above. ``centred``/``right``: column indexes.
        """
        free = TEXT_WIDTH_MM - sum(w for w in widths_mm if w)
        flexible = sum(1 for w in widths_mm if not w) or 1
        widths = [Mm(w or free / flexible) for w in widths_mm]
        rows = list(rows)
        table = self.document.add_table(rows=len(header) + len(rows), cols=len(widths))
        table.style = self.document.styles["Table Grid"]
        _cell_margins(table, GRID_CELL_MARGIN)
        _fixed_widths(table, widths)
        all_rows = [Row(cells, bold=True) for cells in header] + rows
        for r, spec in enumerate(all_rows):
            is_header = r < len(header)
            if is_header:
                tr_pr = table.rows[r]._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                tr_pr.append(repeat)
            for c, value in enumerate(spec.cells):
                if value is LEFT and c > 0:
                    self._merge_left(table, r, c)
                    continue
                if value is UP and r > 0:
                    table.cell(r - 1, c).merge(table.cell(r, c))
                    continue
                align = WD_ALIGN_PARAGRAPH.LEFT
                if is_header or c in centred:
                    align = WD_ALIGN_PARAGRAPH.CENTER
                elif c in right:
                    align = WD_ALIGN_PARAGRAPH.RIGHT
                lines = str(value).split("\n")
                cell = table.cell(r, c)
                for i, line in enumerate(lines):
                    small = i > 0 and spec.italic_lines
                    paragraph = self._paragraph_in(cell, line, size=size - 1 if small else size,
                                                   bold=spec.bold, italic=small, align=align)  # fmt: skip
                    if not line and i == 0:
                        paragraph.alignment = align
        self.paragraph("", indent=False, space_after=2)
        return table

    @staticmethod
    def _merge_left(table: Table, r: int, c: int) -> None:
        start = c - 1
        while start > 0 and table.cell(r, start)._tc is table.cell(r, start - 1)._tc:
            start -= 1
        table.cell(r, start).merge(table.cell(r, c))

    # ------------------------------------------------------------------ output

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def start(header: Header, type_name: str, summary: str = "", *, draft: bool = False) -> WordDocument:
    """A document opened with its header table and its title: what every administrative document starts with."""
    word = WordDocument(draft=draft)
    word.header(header)
    word.title(type_name, summary)
    return word
