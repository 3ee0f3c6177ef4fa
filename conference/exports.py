"""Delegates to Excel: the fill-in template and the filtered list (through hoinghi.excel only)."""

from django.db.models import QuerySet

from conference import imports as cols
from conference.models import DelegateGroup
from hoinghi.excel import Progress, Sheet, write_xlsx
from hoinghi.excel_template import ListChoice, write_template_xlsx
from reference.models import Conference

LIST_IDENTIFIER = "dai-bieu"
TEMPLATE_IDENTIFIER = "mau-nhap-dai-bieu"
INVITATION_NUMBER = "Số giấy mời"
REPLY = "Trả lời"
SUBSTITUTE = "Người dự thay"
EXPORT_HEADERS = (cols.STT, INVITATION_NUMBER, *cols.REQUIRED_HEADERS, REPLY, SUBSTITUTE)
WIDTHS = (6, 30, 10, 28, 30, 36, 14, 26, 24)
EXAMPLE = (1, "", "Bà", "Nguyễn Thị Hoa", "Phó Giám đốc", "Sở Nội vụ tỉnh Hưng Yên", "", "", "")


def build_template(conference: Conference) -> bytes:
    groups = list(DelegateGroup.objects.filter(conference=conference).values_list("name", flat=True))
    example = list(EXAMPLE)
    example[1] = groups[0] if groups else ""
    sheet = Sheet(title=cols.SHEET_TITLE, headers=cols.HEADERS, rows=[example], widths=WIDTHS, text_columns=(6,))
    lists = [
        ListChoice(header=cols.GROUP, values=groups),
        ListChoice(header=cols.HONORIFIC, values=list(cols.HONORIFIC_VALUES.values())),
    ]
    return write_template_xlsx([sheet], lists=lists)


def _rows(queryset: QuerySet):
    for index, d in enumerate(queryset, start=1):
        honorific = cols.HONORIFIC_VALUES.get(d.gender, "")
        yield (
            index,
            d.invitation_number,
            d.group.name,
            honorific,
            d.full_name,
            d.position,
            d.organisation,
            d.phone,
            d.email,
            d.note,
            d.get_rsvp_display(),
            d.substitute_name,
        )


def export_delegates(queryset: QuerySet, *, progress: Progress | None = None) -> bytes:
    """The delegates of ``queryset`` in its order, one query (the group joined; a count first with ``progress``)."""
    queryset = queryset.select_related("group")
    sheet = Sheet(
        title=cols.SHEET_TITLE,
        headers=EXPORT_HEADERS,
        rows=_rows(queryset),
        widths=(6, 10, *WIDTHS[1:], 16, 24),
        total=queryset.count() if progress is not None else None,
    )
    return write_xlsx([sheet], progress=progress)
