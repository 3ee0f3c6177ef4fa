"""The ceremony's documents: run-sheet, name cards, sign-in sheet, the congress list (PDF and Excel).

Each builder returns what the template prints, already in Vietnamese; rendering is
``hoinghi.pdf.render_pdf`` (one HTML document per PDF), Excel is ``hoinghi.excel.write_xlsx``.
"""

import math
from dataclasses import dataclass

from conference.services import ceremony
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.excel import Sheet, write_xlsx
from hoinghi.letterhead import Header, agency_name, vn_date
from hoinghi.pdf import render_pdf

CARDS_PER_PAGE = 2  # A4 landscape, two cards one above the other (cut, or fold along the middle)


@dataclass(frozen=True)
class ListDocument:
    """A simple list under the NĐ 30 header (run-sheet, sign-in sheet, congress list)."""

    title: str
    header: Header
    type_name: str
    summary: str
    draft: bool = False


def conference_header(conference) -> Header:
    organisation = conference.organisation
    return Header(
        organisation.parent_name,
        agency_name(organisation),
        "",
        f"{organisation.place_name}, {vn_date(conference.date)}",
    )


def conference_phrase(conference) -> str:
    when = f" {vn_date(conference.date)}" if conference.date else ""
    return f"{conference.name}{when}"


def _doc(conference, type_name: str) -> ListDocument:
    return ListDocument(type_name.capitalize(), conference_header(conference), type_name, conference_phrase(conference))


def runsheet_pdf(conference, order: str = ceremony.BY_LIST) -> PrintedPdf:
    sections = ceremony.stage_order(conference, order)
    context = {"doc": _doc(conference, "KỊCH BẢN TRAO THƯỞNG"), "sections": sections}
    return named_pdf(render_pdf("conference/pdf/runsheet.html", context), f"kich-ban-trao-thuong-{conference.slug}")


def name_card_pages(cards: list, per_page: int = CARDS_PER_PAGE) -> list[list]:
    return [cards[i : i + per_page] for i in range(0, len(cards), per_page)]


def name_cards_pdf(conference, group_code: str = "") -> PrintedPdf:
    delegates = ceremony.delegates_of(conference)
    if group_code:
        delegates = delegates.filter(group__code=group_code)
    cards = ceremony.name_cards(delegates)
    pages = name_card_pages(cards)
    content = render_pdf("conference/pdf/name_cards.html", {"pages": pages, "title": "Biển tên"})
    return named_pdf(content, f"bien-ten-{conference.slug}")


def page_count(n: int, per_page: int = CARDS_PER_PAGE) -> int:
    return math.ceil(n / per_page)


def sign_in_pdf(conference) -> PrintedPdf:
    context = {"doc": _doc(conference, "DANH SÁCH ĐẠI BIỂU KÝ TÊN"), "groups": ceremony.sign_in_groups(conference)}
    return named_pdf(render_pdf("conference/pdf/sign_in_sheet.html", context), f"danh-sach-ky-ten-{conference.slug}")


CONGRESS_TITLE = "DANH SÁCH ĐẠI BIỂU GIỚI THIỆU THAM DỰ ĐẠI HỘI THI ĐUA YÊU NƯỚC TỈNH"


def congress_pdf(conference) -> PrintedPdf:
    context = {"doc": _doc(conference, CONGRESS_TITLE), "delegates": list(ceremony.congress_delegates(conference))}
    return named_pdf(render_pdf("conference/pdf/congress_list.html", context), f"dai-bieu-dai-hoi-{conference.slug}")


CONGRESS_HEADERS = ("STT", "Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Điện thoại")


def congress_rows(conference) -> list[tuple]:
    return [
        (i, d.full_name, d.position, d.organisation, d.group.name, d.phone)
        for i, d in enumerate(ceremony.congress_delegates(conference), start=1)
    ]


def congress_xlsx(conference) -> bytes:
    rows = congress_rows(conference)
    sheet = Sheet("Đại biểu dự Đại hội", CONGRESS_HEADERS, rows, widths=(6, 28, 28, 36, 30, 14))
    return write_xlsx([sheet])
