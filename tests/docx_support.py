"""Readers for the Word documents' tests: open a .docx with python-docx, its texts in order, its layout.

``texts`` walks the body in reading order (paragraphs, and each table's cells row by row, nested
tables included); ``assert_nd30_layout`` checks every section's page and margins and that every
run prints in Times New Roman in all four font slots.
"""

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def mm(*lengths) -> tuple[float, ...]:
    """Lengths in millimetres to 0.1 mm (Word stores twips: 20 mm comes back as 19.98…)."""
    return tuple(round(length.mm, 1) for length in lengths)


def open_docx(content: bytes) -> DocumentObject:
    assert content[:2] == b"PK"
    return Document(io.BytesIO(content))


def paragraphs(document: DocumentObject) -> list[Paragraph]:
    """Every paragraph of the body, those inside table cells included, in reading order."""
    found: list[Paragraph] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                found.append(block)
            elif isinstance(block, Table):
                seen = set()
                for row in block.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell appears once per grid column
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(document)
    return found


def texts(document: DocumentObject) -> list[str]:
    """The non-empty paragraph texts, in reading order."""
    return [p.text for p in paragraphs(document) if p.text.strip()]


def paragraph(document: DocumentObject, text: str) -> Paragraph:
    """The one paragraph whose text is exactly ``text``."""
    matches = [p for p in paragraphs(document) if p.text == text]
    assert len(matches) == 1, (text, len(matches))
    return matches[0]


def run_style(p: Paragraph) -> tuple[float, bool, bool]:
    """(size in pt, bold, italic) shared by every run of the paragraph."""
    styles = {(r.font.size.pt, bool(r.font.bold), bool(r.font.italic)) for r in p.runs if r.text}
    assert len(styles) == 1, (p.text, styles)
    return styles.pop()


def assert_nd30_layout(document: DocumentObject) -> None:
    """A4 portrait, margins 20/20/30/15 mm on every section; Times New Roman in every slot of every run."""
    for section in document.sections:
        assert mm(section.page_width, section.page_height) == (210, 297)
        assert mm(section.top_margin, section.bottom_margin) == (20, 20)
        assert mm(section.left_margin, section.right_margin) == (30, 15)
    for p in paragraphs(document):
        for run in p.runs:
            if not run.text:
                continue
            fonts = run._r.rPr.find(qn("w:rFonts"))
            slots = {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")}
            assert slots == {"Times New Roman"}, (run.text, slots)
            assert Pt(9) <= run.font.size <= Pt(14), (run.text, run.font.size)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)


def header_cells(document: DocumentObject) -> list[list[str]]:
    """The first table (ô 1–4) as rows of cell texts, lines joined by "|"."""
    table = document.tables[0]
    return [["|".join(p.text for p in cell.paragraphs if p.text) for cell in row.cells] for row in table.rows]
