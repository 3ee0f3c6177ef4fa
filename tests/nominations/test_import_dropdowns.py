"""Every value the import template's drop-down lists offer imports as itself (docs/nominations.md).

Found as a new user would: the plan's own movement "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ,
hiện đại; thực hành tiết kiệm, chống lãng phí", picked from the template's drop-down, was refused
because the importer split it at its ";".
"""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nominations import imports as cols
from nominations.models import Nomination
from tests import factories as f
from tests.nominations.test_excel import collective, fill_template, individual, post_import

pytestmark = pytest.mark.django_db

INFRASTRUCTURE = "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại"
PLAN_MOVEMENT = f"{INFRASTRUCTURE}; thực hành tiết kiệm, chống lãng phí"
SAVING = "Thực hành tiết kiệm; chống lãng phí (năm 2025)"
_RANGE = re.compile(r"^'?(?P<sheet>[^'!]+)'?!\$(?P<col>[A-Z]+)\$(?P<first>\d+):\$[A-Z]+\$(?P<last>\d+)$")


@pytest.fixture
def movements(conference, movement):
    """The plan's movements: one contains ";", one is the first half of another, one ends in brackets."""
    extra = [f.MovementFactory(conference=conference, name=name) for name in (PLAN_MOVEMENT, INFRASTRUCTURE, SAVING)]
    return [movement, *extra]


@pytest.fixture
def reference(conference, unit_a, unit_b, giay_khen, bang_khen, movements):
    f.AwardFormFactory(code="chien-si", name="Danh hiệu “Chiến sĩ thi đua cơ sở”; kèm Giấy khen", order=3)


def dropdowns(template: bytes) -> dict[str, list[str]]:
    """Each drop-down of the data sheet: its column's header (without hint) -> the values it offers."""
    wb = load_workbook(io.BytesIO(template))
    data = wb[cols.SHEET_TITLE]
    headers = {cell.column_letter: cell.value for cell in data[1]}
    lists = {}
    for validation in data.data_validations.dataValidation:
        target = re.match(r"[A-Z]+", str(validation.sqref)).group()
        source = _RANGE.match(validation.formula1)
        column = wb[source["sheet"]][source["col"]]
        values = [c.value for c in column[int(source["first"]) - 1 : int(source["last"])] if c.value is not None]
        lists[headers[target].split(" (")[0]] = values
    return lists


def _row_with(header: str, value: str, number: int) -> dict[str, str]:
    name = f"Nguyễn Văn {chr(65 + number % 26)}{chr(65 + number // 26)}"
    if header == cols.KIND and value == "Tập thể":
        return collective(**{cols.NAME: f"Tổ công tác {name}"})
    return individual(**{cols.NAME: name, header: value})


def _saved(nomination: Nomination) -> tuple:
    nominee = nomination.nominee
    return (
        cols.KIND_VALUES[nominee.kind],
        cols.GENDER_VALUES.get(nominee.gender, ""),
        nominee.unit.name if nominee.unit else "",
        nomination.proposing_unit.name,
        nomination.award_form.name,
        sorted(m.name for m in nomination.movements.all()),
    )


def _expected(row: dict[str, str], movements: list[str]) -> tuple:
    individual_row = row[cols.KIND] == "Cá nhân"
    return (
        row[cols.KIND],
        row[cols.GENDER] if individual_row else "",
        row[cols.WORK_UNIT] if individual_row else "",
        row[cols.PROPOSING_UNIT],
        row[cols.AWARD_FORM],
        sorted(movements),
    )


def test_every_drop_down_value_of_the_template_imports_exactly(office_client, reference, movements):
    template = office_client.get(reverse("import_template")).content
    lists = dropdowns(template)
    assert set(lists) == {cols.KIND, cols.GENDER, cols.WORK_UNIT, cols.PROPOSING_UNIT, cols.AWARD_FORM, cols.MOVEMENTS}
    assert PLAN_MOVEMENT in lists[cols.MOVEMENTS]
    rows, expected = [], []
    for header, values in lists.items():
        for value in values:
            row = _row_with(header, value, len(rows))
            rows.append(row)
            expected.append(_expected(row, [value] if header == cols.MOVEMENTS else [row[cols.MOVEMENTS]]))
    names = lists[cols.MOVEMENTS]
    for separator in ("\n", "; ", ";", " ;\n"):  # several movements in one cell, as the instructions say
        rows.append(individual(**{cols.NAME: "Lê Thị Hoa", cols.MOVEMENTS: separator.join(names)}))
        expected.append(_expected(rows[-1], names))

    response = post_import(office_client, fill_template(template, rows))

    assert response.status_code == 302, response.context["errors"]
    assert response["Location"] == reverse("nomination_list")
    assert [_saved(n) for n in Nomination.objects.order_by("id")] == expected


@pytest.mark.parametrize(
    ("cell", "saved"),
    [
        (PLAN_MOVEMENT, [PLAN_MOVEMENT]),
        (INFRASTRUCTURE, [INFRASTRUCTURE]),
        (f"{INFRASTRUCTURE}\n{SAVING}", [INFRASTRUCTURE, SAVING]),
        (f"{PLAN_MOVEMENT};{INFRASTRUCTURE}", [PLAN_MOVEMENT, INFRASTRUCTURE]),
        (f"{INFRASTRUCTURE.upper()} ;  thuc hanh tiet kiem, chong lang phi", [PLAN_MOVEMENT]),
    ],
)
def test_movement_names_are_matched_whole_before_any_separator(office_client, reference, cell, saved):
    template = office_client.get(reverse("import_template")).content
    response = post_import(office_client, fill_template(template, [individual(**{cols.MOVEMENTS: cell})]))
    assert response.status_code == 302, response.context["errors"]
    assert sorted(m.name for m in Nomination.objects.get().movements.all()) == sorted(saved)


def test_an_unknown_part_names_exactly_what_is_not_in_the_list(office_client, reference):
    template = office_client.get(reverse("import_template")).content
    cell = f"{INFRASTRUCTURE}; phong trào không có"
    response = post_import(office_client, fill_template(template, [individual(**{cols.MOVEMENTS: cell})]))
    assert [(e.row, e.column, e.message) for e in response.context["errors"]] == [
        (2, cols.MOVEMENTS, "“phong trào không có” không có trong danh sách.")
    ]
    assert Nomination.objects.count() == 0


def test_the_template_says_one_movement_per_line(office_client, reference):
    wb = load_workbook(io.BytesIO(office_client.get(reverse("import_template")).content))
    header = wb[cols.SHEET_TITLE].cell(row=1, column=cols.HEADERS.index(cols.MOVEMENTS) + 1).value
    prompts = {v.prompt for v in wb[cols.SHEET_TITLE].data_validations.dataValidation if "phong trào" in v.prompt}
    guide = {row[0].value: row[2].value for row in wb["Hướng dẫn"].iter_rows(min_row=2, max_row=14)}
    assert (header, prompts, guide[cols.MOVEMENTS]) == (
        "Phong trào thi đua (mỗi phong trào một dòng)",
        {"Nhiều phong trào: mỗi phong trào một dòng (Alt+Enter)"},
        "Chọn một phong trào trong danh sách thả xuống. Nhiều phong trào: ghi đúng tên từng phong trào, "
        "mỗi phong trào một dòng trong ô (xuống dòng bằng Alt+Enter). Dấu chấm phẩy (;) giữa các tên "
        "cũng được nhận; tên phong trào có sẵn dấu chấm phẩy vẫn được nhận nguyên tên.",
    )
