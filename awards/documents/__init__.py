"""Context builders of every PDF document, one per document; templates in templates/awards/pdf/.

- ``decision_document`` / ``proposal_document``: Quyết định and Tờ trình with their lists;
- ``minutes_document`` / ``vote_count_document``: the council's Biên bản họp and Biên bản kiểm phiếu;
- ``certificate_sheet`` / ``calibration_sheet``: certificates and the calibration page.

Rendering is ``hoinghi.pdf.render_pdf``; logging prints is ``awards.services.printing``.
"""

from awards.documents.certificates import calibration_sheet, certificate_sheet, layout_for, printable
from awards.documents.common import percent
from awards.documents.council import minutes_document, vote_count_document
from awards.documents.decisions import decision_document, proposal_document

__all__ = [
    "calibration_sheet",
    "certificate_sheet",
    "decision_document",
    "layout_for",
    "minutes_document",
    "percent",
    "printable",
    "proposal_document",
    "vote_count_document",
]
