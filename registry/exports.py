"""The register as .xlsx, in the columns of the sổ đăng ký văn bản đi (Nghị định 30/2020, Phụ lục IV).

Written through ``hoinghi.excel.write_xlsx`` (formula-like text is neutralised there). The columns
the application cannot know (date sent, received by) are left for the văn thư to fill in by hand.
"""

from collections.abc import Iterable, Iterator

from hoinghi.excel import Sheet, write_xlsx
from registry.models import OutgoingDocument

HEADERS = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
WIDTHS = (18, 12, 50, 24, 36, 18, 10, 12, 12, 30)
KEPT_BY = "- Lưu:"


def kind_and_summary(document: OutgoingDocument) -> str:
    """ "Quyết định về việc …" — the kind's name (Vietnamese) then the summary."""
    return f"{KIND_NAMES[document.kind]} {document.summary}"


KIND_NAMES = {
    "QĐ": "Quyết định",
    "TTr": "Tờ trình",
    "GM": "Giấy mời",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "KH": "Kế hoạch",
    "CV": "Công văn",
}


def split_recipients(document: OutgoingDocument) -> tuple[str, str]:
    """The Nơi nhận lines without the "Lưu:" line, and who keeps the file copy ("VT, VP")."""
    sent, kept = [], ""
    for line in document.recipient_lines():
        if line.startswith(KEPT_BY):
            kept = line.removeprefix(KEPT_BY).strip().rstrip(".")
        else:
            sent.append(line.removeprefix("- ").rstrip(";.,"))
    return "; ".join(sent), kept


def note(document: OutgoingDocument) -> str:
    if document.corrects_id is None:
        return ""
    return f"Đính chính, thay thế văn bản số {document.corrects.number_label}"


def row(document: OutgoingDocument) -> list:
    sent, kept = split_recipients(document)
    return [
        document.number_label,
        document.date,
        kind_and_summary(document),
        document.signer_name,
        sent,
        kept,
        document.copies,
        None,
        None,
        note(document),
    ]


def rows(documents: Iterable[OutgoingDocument]) -> Iterator[list]:
    for document in documents:
        yield row(document)


def register_xlsx(documents: Iterable[OutgoingDocument]) -> bytes:
    return write_xlsx([Sheet("Sổ đăng ký văn bản đi", HEADERS, rows(documents), widths=WIDTHS)])
