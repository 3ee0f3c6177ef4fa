"""Fill-in templates: the Excel writer's second half (``hoinghi.excel`` writes the cells).

A template is a normal (not write-only) workbook, because data validation (the drop-down lists)
needs one; every cell goes through ``hoinghi.excel.fill_cell``, so user text is never a formula.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from hoinghi.excel import Sheet, StyleCache, Worksheet, fill_cell, header_key, save_workbook, set_widths


@dataclass
class ListChoice:
    """A drop-down list on one column of a template's data sheet."""

    header: str
    values: Sequence[str]
    prompt: str = ""
    strict: bool = True  # False: Excel only informs, other text (e.g. "a; b") stays allowed


def _write_normal_sheet(ws: Worksheet, sheet: Sheet, styles: StyleCache) -> None:
    set_widths(ws, sheet.widths)
    ws.freeze_panes = "A2"
    for col, header in enumerate(sheet.headers, start=1):
        fill_cell(ws.cell(row=1, column=col), header, styles, header=True)
    for col in sheet.text_columns:
        ws.column_dimensions[get_column_letter(col + 1)].number_format = "@"
    for row_number, row in enumerate(sheet.rows, start=2):
        for col, value in enumerate(row, start=1):
            fill_cell(ws.cell(row=row_number, column=col), value, styles, wrap=sheet.wrap)


def _add_lists(
    workbook: Workbook, data: Sheet, lists: Sequence[ListChoice], title: str, rows: int, styles: StyleCache
) -> None:
    """Put each list in a column of a hidden sheet and point a validation at it."""
    if not lists:
        return
    data_ws = workbook.worksheets[0]
    list_ws = workbook.create_sheet(title[:31])
    list_ws.sheet_state = "hidden"
    keys = [header_key(h) for h in data.headers]
    for index, choice in enumerate(lists, start=1):
        letter = get_column_letter(index)
        fill_cell(list_ws.cell(row=1, column=index), choice.header, styles, header=True)
        for row_number, value in enumerate(choice.values, start=2):
            fill_cell(list_ws.cell(row=row_number, column=index), value, styles)
        target = get_column_letter(keys.index(header_key(choice.header)) + 1)
        last = max(len(choice.values), 1) + 1
        validation = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(list_ws.title)}!${letter}$2:${letter}${last}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if choice.strict else "information",
            error=choice.prompt,
            prompt=choice.prompt,
            showInputMessage=bool(choice.prompt),
        )
        data_ws.add_data_validation(validation)
        validation.add(f"{target}2:{target}{rows + 1}")


def write_template_xlsx(
    sheets: Sequence[Sheet], *, lists: Sequence[ListChoice] = (), list_sheet_title: str = "Danh mục", rows: int = 1000
) -> bytes:
    """Write a fill-in template: the first sheet gets drop-down ``lists`` on ``rows`` rows.

    The lists live on a hidden sheet ``list_sheet_title`` (Excel limits inline lists to
    255 characters, unit and movement names are longer).
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = StyleCache()
    for sheet in sheets:
        _write_normal_sheet(workbook.create_sheet(sheet.title[:31]), sheet, styles)
    if sheets:
        _add_lists(workbook, sheets[0], lists, list_sheet_title, rows, styles)
        workbook.active = 0
    return save_workbook(workbook)
