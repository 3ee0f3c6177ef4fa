"""Excel: the shared reader/writer, the two-phase import, the template and the list export."""

import datetime
import io
import re
import unicodedata

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from hoinghi.excel import (
    ExcelError,
    Sheet,
    export_filename,
    header_key,
    parse_date_text,
    read_xlsx,
    write_xlsx,
)
from jobs.models import GeneratedFile
from nominations import imports as cols
from nominations.enums import NominationStatus
from nominations.exports import NominationListExporter
from nominations.models import Nomination, Nominee
from reference.enums import NomineeKind
from tests import factories as f
from tests.nominations_support import moves

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNIT_A = "Phòng Quản lý khoa học"
UNIT_B = "Phòng Chuyển đổi số"
GIAY_KHEN = "Giấy khen của Giám đốc Sở"
BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
MOVEMENT = "Đổi mới sáng tạo, ứng dụng tiến bộ khoa học và công nghệ"
FILENAME = re.compile(r'^attachment; filename="hn-\d+-(?P<id>[a-z-]+)-\d{8}-\d{4}\.xlsx"$')


# --------------------------------------------------------------------------- helpers


def individual(**values):
    row = {
        cols.KIND: "Cá nhân",
        cols.NAME: "Trần Văn Minh",
        cols.GENDER: "Nam",
        cols.BIRTH_DATE: "05/01/1980",
        cols.POSITION: "Trưởng phòng",
        cols.WORK_UNIT: UNIT_A,
        cols.PROPOSING_UNIT: UNIT_A,
        cols.AWARD_FORM: GIAY_KHEN,
        cols.MOVEMENTS: MOVEMENT,
        cols.SUMMARY: "Chủ trì 02 đề tài cấp tỉnh.",
    }
    row.update(values)
    return row


def collective(**values):
    row = {
        cols.KIND: "Tập thể",
        cols.NAME: "Phòng Quản lý khoa học",
        cols.PARENT_BODY: "Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        cols.PROPOSING_UNIT: UNIT_A,
        cols.AWARD_FORM: BANG_KHEN,
        cols.MOVEMENTS: MOVEMENT,
        cols.SUMMARY: "Dẫn đầu phong trào thi đua năm 2024.",
    }
    row.update(values)
    return row


def workbook_bytes(rows, headers=cols.HEADERS, title="Danh sách", write_only=False):
    """A workbook whose first sheet has ``headers`` and ``rows`` (dicts by header, or lists)."""
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet(title) if write_only else wb.active
    if not write_only:
        ws.title = title
    ws.append(list(headers))
    for row in rows:
        ws.append([row.get(h) for h in headers] if isinstance(row, dict) else list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def fill_template(template: bytes, rows) -> bytes:
    """Fill the downloaded template's data sheet the way a user would in Excel."""
    wb = load_workbook(io.BytesIO(template))
    ws = wb["Danh sách"]
    positions = {header_key(cell.value): cell.column for cell in ws[1]}
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            ws.cell(row=number, column=positions[header_key(header)], value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


def post_import(client, content: bytes, name="danh-sach.xlsx"):
    return client.post(reverse("nomination_import"), {"file": upload(content, name)})


def errors_of(response):
    return [(e.row, e.column, e.code) for e in response.context["errors"]]


def read_back(content: bytes, title=None):
    wb = load_workbook(io.BytesIO(content))
    return wb[title] if title else wb.worksheets[0]


def sheet_values(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def trimmed(rows):
    """Rows without their trailing empty cells (openpyxl pads every row to the widest)."""
    result = []
    for row in rows:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        result.append(row)
    return result


@pytest.fixture
def reference(conference, unit_a, unit_b, giay_khen, bang_khen, movement):
    """Everything an import row refers to."""
    return {"unit_a": unit_a, "unit_b": unit_b, "giay_khen": giay_khen, "bang_khen": bang_khen, "movement": movement}


# --------------------------------------------------------------------------- hoinghi.excel: writing


def test_write_xlsx_keeps_formula_like_user_text_as_text():
    risky = ['=HYPERLINK("http://evil.example","Bấm vào đây")', "+84 912 345 678", "-5", "@SUM(A1)", "\tTab", "\rCR"]
    content = write_xlsx([Sheet("Dữ liệu", ["Giá trị"], rows=[[v] for v in risky])])
    ws = read_back(content)
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    # A carriage return is stored as Excel's line break (XML cannot keep a bare CR).
    assert [c.value for c in cells] == [*risky[:5], "\nCR"]
    assert [c.data_type for c in cells] == ["s"] * 6
    assert all(c.quotePrefix for c in cells)


def test_write_xlsx_layout_types_and_progress():
    calls = []
    rows = [[i, f"Dòng {i}", datetime.date(2025, 1, 5)] for i in range(450)]
    content = write_xlsx(
        [Sheet("Danh sách", ["STT", "Tên", "Ngày"], rows=rows, widths=(6, 40, 12))],
        progress=lambda current, total: calls.append((current, total)),
    )
    ws = read_back(content, "Danh sách")
    assert [c.value for c in ws[1]] == ["STT", "Tên", "Ngày"]
    assert all(c.font.bold for c in ws[1])
    assert ws.column_dimensions["B"].width == 40
    assert ws["B2"].alignment.wrap_text is True
    assert ws["A3"].value == 1 and ws["A3"].data_type == "n"
    assert ws["C2"].value == datetime.datetime(2025, 1, 5)
    assert ws["C2"].number_format == "DD/MM/YYYY"
    assert ws.freeze_panes == "A2"
    assert calls == [(200, 450), (400, 450), (450, 450)]


def test_export_filename_uses_vietnamese_local_time():
    now = datetime.datetime(2025, 1, 4, 17, 30, tzinfo=datetime.UTC)
    assert export_filename("hn-2025", "danh-sach", now=now) == "hn-2025-danh-sach-20250105-0030.xlsx"


# --------------------------------------------------------------------------- hoinghi.excel: reading


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/01/1980", datetime.date(1980, 1, 5)),
        ("5/1/1980", datetime.date(1980, 1, 5)),
        ("5-1-1980", datetime.date(1980, 1, 5)),
        ("31.12.1979", datetime.date(1979, 12, 31)),
        ("1980-01-05", datetime.date(1980, 1, 5)),
    ],
)
def test_parse_date_text_reads_day_first(text, expected):
    assert parse_date_text(text) == expected


def _read(content, **kwargs):
    kwargs.setdefault("max_rows", 10)
    kwargs.setdefault("expected_headers", ["Tên", "Ngày sinh"])
    return read_xlsx(upload(content), **kwargs)


def test_read_xlsx_normalises_skips_empty_rows_and_reads_dates(settings):
    nfd = unicodedata.normalize("NFD", "  Nguyễn Thị Hường ")
    rows = [[nfd, "05/01/1980"], [None, None], ["Lê Văn Tám", datetime.datetime(1979, 2, 3)], ["Đỗ An", "5/1/1980"]]
    table = _read(workbook_bytes(rows, headers=["Tên", "Ngày sinh (dd/mm/yyyy)"]), date_headers=["Ngày sinh"])
    assert table.errors == []
    assert [(r.number, r.values) for r in table.rows] == [
        (2, {"Tên": "Nguyễn Thị Hường", "Ngày sinh": datetime.date(1980, 1, 5)}),
        (4, {"Tên": "Lê Văn Tám", "Ngày sinh": datetime.date(1979, 2, 3)}),
        (5, {"Tên": "Đỗ An", "Ngày sinh": datetime.date(1980, 1, 5)}),
    ]
    assert unicodedata.is_normalized("NFC", table.rows[0].values["Tên"])


def test_read_xlsx_reports_formulas_and_bad_dates_per_cell():
    content = workbook_bytes([["=A1&B1", "05/13/1980"], ["Bình", "=TODAY()"]], headers=["Tên", "Ngày sinh"])
    table = _read(content, date_headers=["Ngày sinh"])
    assert [(e.row, e.column, e.code) for e in table.errors] == [
        (2, "Tên", "formula"),
        (2, "Ngày sinh", "date"),
        (3, "Ngày sinh", "formula"),
    ]
    assert table.rows[0].values == {"Tên": None, "Ngày sinh": None}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "bad_type"),
        (bytes(range(256)) * 20, "bad_type"),
        (b"", "empty"),
    ],
    ids=["pdf-renamed", "random-bytes", "empty"],
)
def test_read_xlsx_rejects_files_that_are_not_xlsx(content, code):
    with pytest.raises(ExcelError) as caught:
        _read(content)
    assert [(e.row, e.code) for e in caught.value.errors] == [(None, code)]


def test_read_xlsx_rejects_a_broken_workbook():
    content = workbook_bytes([["An", None]])
    with pytest.raises(ExcelError) as caught:
        _read(content[: len(content) // 2])
    assert [e.code for e in caught.value.errors] == ["corrupt"]


def test_read_xlsx_lists_missing_and_unknown_headers():
    with pytest.raises(ExcelError) as caught:
        _read(workbook_bytes([["An", 1]], headers=["ten", "Ghi chú"]))
    errors = caught.value.errors
    assert [(e.row, e.code) for e in errors] == [(1, "missing"), (1, "unknown")]
    assert "“Ngày sinh”" in errors[0].message
    assert "“Ghi chú”" in errors[1].message


@pytest.mark.parametrize(
    ("rows", "code"),
    [([], "no_rows"), ([[None, None], ["", ""]], "no_rows"), ([["An", None]] * 11, "too_many_rows")],
    ids=["header-only", "blank-rows", "too-many"],
)
def test_read_xlsx_needs_between_one_and_max_rows(rows, code):
    with pytest.raises(ExcelError) as caught:
        _read(workbook_bytes(rows, headers=["Tên", "Ngày sinh"]))
    assert [e.code for e in caught.value.errors] == [code]


# --------------------------------------------------------------------------- template


def test_template_has_data_sheet_lists_and_instructions(office_client, reference, quotas):
    response = office_client.get(reverse("import_template"))
    assert response["Content-Type"] == XLSX
    assert FILENAME.match(response["Content-Disposition"]).group("id") == "mau-nhap-de-nghi"
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Danh sách", "Hướng dẫn", "Danh mục"]
    assert wb["Danh mục"].sheet_state == "hidden"
    data = wb["Danh sách"]
    assert [c.value for c in data[1]] == [
        "STT",
        "Loại",
        "Họ và tên / Tên tập thể",
        "Giới tính (Nam/Nữ)",
        "Ngày sinh (dd/mm/yyyy)",
        "Năm sinh",
        "Chức vụ",
        "Đơn vị công tác",
        "Cơ quan chủ quản",
        "Đơn vị đề nghị",
        "Hình thức đề nghị",
        "Phong trào thi đua (mỗi phong trào một dòng)",
        "Tóm tắt thành tích",
    ]
    assert data.max_row == 1  # no example row where data goes
    validations = {str(dv.sqref): (dv.formula1, dv.errorStyle) for dv in data.data_validations.dataValidation}
    assert validations == {
        "B2:B5001": ("'Danh mục'!$A$2:$A$3", "stop"),
        "D2:D5001": ("'Danh mục'!$B$2:$B$3", "stop"),
        "H2:H5001": ("'Danh mục'!$C$2:$C$3", "stop"),
        "J2:J5001": ("'Danh mục'!$D$2:$D$3", "stop"),
        "K2:K5001": ("'Danh mục'!$E$2:$E$3", "stop"),
        "L2:L5001": ("'Danh mục'!$F$2:$F$2", "information"),
    }
    assert sheet_values(wb["Danh mục"]) == [
        ["Loại", "Giới tính", "Đơn vị công tác", "Đơn vị đề nghị", "Hình thức đề nghị", "Phong trào thi đua"],
        ["Cá nhân", "Nam", UNIT_A, UNIT_A, GIAY_KHEN, MOVEMENT],
        ["Tập thể", "Nữ", UNIT_B, UNIT_B, BANG_KHEN, None],
    ]
    guide = trimmed(sheet_values(wb["Hướng dẫn"]))
    assert guide[0] == ["Cột", "Bắt buộc", "Cách ghi"]
    assert [row[0] for row in guide[1:14]] == list(cols.HEADERS)
    assert guide[-2][:3] == [1, "Cá nhân", "Nguyễn Văn An"]
    assert guide[-1][:3] == [2, "Tập thể", UNIT_A]


def test_template_for_unit_staff_offers_only_their_unit_as_proposer(client_a, reference):
    wb = load_workbook(io.BytesIO(client_a.get(reverse("import_template")).content))
    assert [row[3].value for row in wb["Danh mục"].iter_rows(min_row=2)] == [UNIT_A, None]


# --------------------------------------------------------------------------- import: success


# Messages are asserted in Vietnamese, the default language: the Makefile compiles the catalog.
def test_office_round_trip_through_the_template(office_client, office_user, reference, conference):
    template = office_client.get(reverse("import_template")).content
    content = fill_template(
        template,
        [
            {"STT": 1, **individual(**{cols.BIRTH_DATE: "05/01/1980", cols.PROPOSING_UNIT: UNIT_B})},
            {"STT": 2, **collective(**{cols.AWARD_FORM: BANG_KHEN})},
        ],
    )
    response = post_import(office_client, content)
    assert response.status_code == 302
    assert response["Location"] == reverse("nomination_list")
    nominations = list(Nomination.objects.order_by("id").select_related("nominee"))
    assert [
        (
            n.conference_id,
            n.proposing_unit.name,
            n.award_form.name,
            n.achievement_summary,
            n.status,
            n.created_by,
            [m.name for m in n.movements.all()],
        )
        for n in nominations
    ] == [
        (conference.pk, UNIT_B, GIAY_KHEN, "Chủ trì 02 đề tài cấp tỉnh.", "draft", office_user, [MOVEMENT]),
        (conference.pk, UNIT_A, BANG_KHEN, "Dẫn đầu phong trào thi đua năm 2024.", "draft", office_user, [MOVEMENT]),
    ]
    person, group = (n.nominee for n in nominations)
    assert (person.kind, person.full_name, person.gender, person.birth_date, person.birth_year) == (
        NomineeKind.INDIVIDUAL,
        "Trần Văn Minh",
        "male",
        datetime.date(1980, 1, 5),
        1980,
    )
    assert (person.position, person.unit, person.parent_body) == ("Trưởng phòng", reference["unit_a"], "")
    assert person.identity_key == f"i|tran van minh|1980|{reference['unit_a'].pk}"
    assert person.sort_key and person.search_text == "tran van minh truong phong"
    assert (group.kind, group.full_name, group.parent_body, group.unit, group.gender) == (
        NomineeKind.COLLECTIVE,
        UNIT_A,
        "Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        None,
        "",
    )
    assert [(t.nomination_id, t.from_status, t.to_status, t.by) for t in moves()] == [
        (n.pk, "", "draft", office_user) for n in nominations
    ]
    assert [h.history_user for h in Nomination.history.order_by("history_id")] == [office_user, office_user]
    assert Nominee.history.count() == 2
    assert [str(m) for m in response.wsgi_request._messages] == ["Đã nhập 2 đề nghị ở trạng thái nháp."]


def test_unit_staff_import_defaults_to_their_own_unit(client_a, staff_a, reference):
    template = client_a.get(reverse("import_template")).content
    rows = [individual(**{cols.PROPOSING_UNIT: None, cols.BIRTH_DATE: None, cols.BIRTH_YEAR: 1975})]
    response = post_import(client_a, fill_template(template, rows))
    assert response.status_code == 302
    nomination = Nomination.objects.select_related("nominee").get()
    assert (nomination.proposing_unit, nomination.created_by) == (reference["unit_a"], staff_a)
    assert (nomination.nominee.birth_date, nomination.nominee.birth_year) == (None, 1975)


def test_loosely_typed_names_match_and_nfd_is_stored_nfc(office_client, reference):
    nfd_name = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    row = individual(
        **{
            cols.NAME: f"  {nfd_name} ",
            cols.GENDER: "nu",
            cols.WORK_UNIT: "phong quan ly khoa hoc",
            cols.PROPOSING_UNIT: "phong-b",
            cols.AWARD_FORM: "GIẤY KHEN CỦA GIÁM ĐỐC SỞ",
            cols.MOVEMENTS: unicodedata.normalize("NFD", MOVEMENT.upper()) + " ; " + MOVEMENT,
            cols.BIRTH_DATE: datetime.datetime(1990, 3, 8),
        }
    )
    response = post_import(office_client, workbook_bytes([row]))
    assert response.status_code == 302
    nomination = Nomination.objects.select_related("nominee").get()
    assert nomination.nominee.full_name == "Nguyễn Thị Ánh Tuyết"
    assert unicodedata.is_normalized("NFC", nomination.nominee.full_name)
    assert (nomination.nominee.gender, nomination.nominee.birth_date) == ("female", datetime.date(1990, 3, 8))
    assert nomination.nominee.unit == reference["unit_a"]
    assert nomination.proposing_unit == reference["unit_b"]
    assert nomination.award_form == reference["giay_khen"]
    assert list(nomination.movements.all()) == [reference["movement"]]


def test_duplicates_are_warnings_not_errors(office_client, reference, nomination_a):
    same_person = individual(
        **{cols.NAME: "Nguyễn Thị Hường", cols.GENDER: "Nữ", cols.BIRTH_DATE: None, cols.BIRTH_YEAR: 1985}
    )
    twice = individual(**{cols.NAME: "Phạm Văn Đức"})
    response = post_import(office_client, workbook_bytes([same_person, twice, twice]))
    assert response.status_code == 302
    assert Nomination.objects.count() == 4
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Đã nhập 3 đề nghị ở trạng thái nháp.",
        f"Dòng 2: Nguyễn Thị Hường đã được đề nghị trong hội nghị này bởi: {UNIT_A}.",
        "Dòng 4: Phạm Văn Đức trùng với dòng 3.",
    ]


# --------------------------------------------------------------------------- import: refused


def test_every_error_is_listed_at_once_and_nothing_is_saved(office_client, reference, nomination_a):
    before = Nomination.objects.count()
    rows = [
        individual(),
        individual(**{cols.NAME: "Minh", cols.GENDER: "Không rõ", cols.BIRTH_DATE: "31/02/1980"}),
        collective(**{cols.AWARD_FORM: "Huân chương Lao động", cols.MOVEMENTS: None}),
        individual(**{cols.WORK_UNIT: "Phòng Không Tồn Tại", cols.MOVEMENTS: f"{MOVEMENT}; Phong trào lạ"}),
    ]
    response = post_import(office_client, workbook_bytes(rows))
    assert response.status_code == 200
    assert errors_of(response) == [
        (3, cols.NAME, "short_name"),
        (3, cols.GENDER, "choice"),
        (3, cols.BIRTH_DATE, "date"),
        (4, cols.AWARD_FORM, "unknown"),
        (4, cols.MOVEMENTS, "required"),
        (5, cols.WORK_UNIT, "unknown"),
        (5, cols.MOVEMENTS, "unknown"),
    ]
    messages = [e.message for e in response.context["errors"]]
    assert messages[3] == "“Huân chương Lao động” không có trong danh sách."
    assert messages[6] == "“Phong trào lạ” không có trong danh sách."
    assert Nomination.objects.count() == before
    assert Nominee.objects.count() == 1
    html = response.content.decode()
    assert "<td>5</td>" in html and "“Phòng Không Tồn Tại” không có trong danh sách." in html


def test_unit_staff_cannot_import_for_another_unit(client_a, reference, nomination_b):
    rows = [individual(), individual(**{cols.NAME: "Lê Thị Lan", cols.PROPOSING_UNIT: UNIT_B})]
    response = post_import(client_a, workbook_bytes(rows))
    assert errors_of(response) == [(3, cols.PROPOSING_UNIT, "other_unit")]
    assert response.context["errors"][0].message == "Chỉ được đề nghị cho đơn vị của mình."
    assert Nomination.objects.count() == 1


def test_formula_in_a_text_column_is_an_error(office_client, reference):
    response = post_import(office_client, workbook_bytes([individual(**{cols.SUMMARY: '=HYPERLINK("http://x","y")'})]))
    assert errors_of(response) == [(2, cols.SUMMARY, "formula")]
    assert Nomination.objects.count() == 0


def test_text_dates_are_read_day_first(office_client, reference):
    rows = [
        individual(**{cols.BIRTH_DATE: "05/01/1980"}),
        individual(**{cols.NAME: "Hà Văn Sơn", cols.BIRTH_DATE: "5/1/1981"}),
    ]
    assert post_import(office_client, workbook_bytes(rows)).status_code == 302
    dates = list(Nominee.objects.order_by("id").values_list("birth_date", "birth_year"))
    assert dates == [(datetime.date(1980, 1, 5), 1980), (datetime.date(1981, 1, 5), 1981)]


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "danh-sach.xlsx", "bad_type"),
        (bytes(range(256)) * 20, "danh-sach.xlsx", "bad_type"),
        (workbook_bytes([]), "danh-sach.xlsx", "no_rows"),
        (workbook_bytes([["Cá nhân", "An"]], headers=["Loại", "Tên"]), "danh-sach.xlsx", ["missing", "unknown"]),
    ],
    ids=["pdf-renamed", "random-bytes", "no-data-rows", "wrong-headers"],
)
def test_bad_files_are_refused_with_a_message(office_client, reference, content, name, code):
    response = post_import(office_client, content, name)
    assert response.status_code == 200
    assert [e.code for e in response.context["errors"]] == (code if isinstance(code, list) else [code])
    assert Nomination.objects.count() == 0


def test_empty_upload_is_refused_by_the_form(office_client, reference):
    response = post_import(office_client, b"")
    assert response.context["form"].errors == {"file": [str(forms.FileField.default_error_messages["empty"])]}
    assert Nomination.objects.count() == 0


def _many_rows(count):
    rows = (
        individual(**{cols.NAME: f"Nguyễn Văn {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}", cols.BIRTH_YEAR: None})
        for i in range(count)
    )
    return workbook_bytes(rows, write_only=True)


def test_more_than_the_row_limit_is_refused(office_client, reference):
    response = post_import(office_client, _many_rows(5001))  # a large file: a background job (jobs app)
    job = GeneratedFile.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.status, job.error_details) == (
        "failed",
        [
            {
                "row": None,
                "column": "",
                "message": "Tệp có hơn 5000 dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa 5000 dòng.",
            }
        ],
    )
    assert Nomination.objects.count() == 0


def test_the_row_limit_itself_is_accepted(office_client, reference):
    response = post_import(office_client, _many_rows(5000))
    assert response["Location"] == reverse("job_detail", args=[GeneratedFile.objects.get().pk])
    assert Nomination.objects.filter(status=NominationStatus.DRAFT).count() == 5000
    assert Nomination.movements.through.objects.count() == 5000
    assert len(moves()) == 5000


# --------------------------------------------------------------------------- access


@pytest.mark.parametrize("name", ["import_template", "nomination_import", "nomination_export"])
def test_anonymous_is_sent_to_login(anon_client, conference, name):
    response = anon_client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={reverse(name)}"


@pytest.mark.parametrize("name", ["import_template", "nomination_import"])
def test_who_may_not_propose_may_not_import(council_client, reference, name):
    assert council_client.get(reverse(name)).status_code == 403
    response = council_client.post(reverse("nomination_import"), {"file": upload(workbook_bytes([individual()]))})
    assert response.status_code == 403
    assert Nomination.objects.count() == 0


def test_import_page_links_the_template(client_a, reference):
    response = client_a.get(reverse("nomination_import"))
    html = response.content.decode()
    assert f'href="{reverse("import_template")}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert response.context["errors"] == []


# --------------------------------------------------------------------------- export


def _export(client, **params):
    response = client.get(reverse("nomination_export"), params)
    assert response["Content-Type"] == XLSX
    assert FILENAME.match(response["Content-Disposition"]).group("id") == "danh-sach-de-nghi"
    return sheet_values(read_back(response.content, "Danh sách"))


def _collective_nomination(conference, unit, award_form, movement, **values):
    nominee = f.NomineeFactory(
        kind=NomineeKind.COLLECTIVE,
        full_name=values.pop("name", "Phòng Tổng hợp"),
        gender="",
        position="",
        parent_body="Sở Khoa học và Công nghệ",
    )
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit,
        award_form=award_form,
        movements=[movement],
        **values,
    )


def test_export_has_the_official_columns_collectives_first(
    office_client, nomination_a, nomination_b, conference, unit_a, bang_khen, movement
):
    _collective_nomination(conference, unit_a, bang_khen, movement)
    draft = str(NominationStatus.DRAFT.label)
    assert _export(office_client) == [
        list(NominationListExporter.headers),
        [
            1,
            "Phòng Tổng hợp",
            "Sở Khoa học và Công nghệ",
            "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
            BANG_KHEN,
            "Tập thể",
            UNIT_A,
            MOVEMENT,
            draft,
        ],
        [
            2,
            "Ông Đặng Văn Bình",
            f"Chuyên viên, {UNIT_B}, Sở Khoa học và Công nghệ tỉnh Hưng Yên",
            "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
            GIAY_KHEN,
            "Cá nhân",
            UNIT_B,
            MOVEMENT,
            draft,
        ],
        [
            3,
            "Bà Nguyễn Thị Hường",
            f"Chuyên viên, {UNIT_A}, Sở Khoa học và Công nghệ tỉnh Hưng Yên",
            "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
            GIAY_KHEN,
            "Cá nhân",
            UNIT_A,
            MOVEMENT,
            draft,
        ],
    ]
    assert NominationListExporter.headers == (
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ – đơn vị",
        "Tóm tắt thành tích",
        "Hình thức đề nghị",
        "Loại",
        "Đơn vị đề nghị",
        "Phong trào thi đua",
        "Trạng thái",
    )


def test_export_follows_the_list_filter(office_client, nomination_a, nomination_b, unit_b):
    rows = _export(office_client, proposing_unit=unit_b.pk)
    assert [row[1] for row in rows[1:]] == ["Ông Đặng Văn Bình"]
    rows = _export(office_client, q="huong")
    assert [row[1] for row in rows[1:]] == ["Bà Nguyễn Thị Hường"]


def test_export_never_emits_formulas_from_user_text(office_client, conference, unit_a, giay_khen, movement):
    summary = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    _collective_nomination(conference, unit_a, giay_khen, movement, name="+Tổ kỹ thuật", achievement_summary=summary)
    response = office_client.get(reverse("nomination_export"))
    ws = read_back(response.content, "Danh sách")
    assert (ws["B2"].value, ws["B2"].data_type) == ("+Tổ kỹ thuật", "s")
    assert (ws["D2"].value, ws["D2"].data_type) == (summary, "s")


def test_unit_export_never_contains_another_units_rows(client_a, nomination_a, nomination_b):
    rows = _export(client_a)
    assert [row[1] for row in rows[1:]] == ["Bà Nguyễn Thị Hường"]
    assert not any(UNIT_B in str(value) for row in rows for value in row)
    assert Nomination.objects.filter(proposing_unit__name=UNIT_B).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_export_query_count_is_constant(
    office_client, conference, unit_a, giay_khen, movement, count, django_assert_num_queries
):
    for i in range(count):
        nominee = f.NomineeFactory(unit=unit_a, full_name=f"Nguyễn Văn Số{'ABC'[i]}")
        f.NominationFactory(
            conference=conference, nominee=nominee, proposing_unit=unit_a, award_form=giay_khen, movements=[movement]
        )
    with django_assert_num_queries(5):
        response = office_client.get(reverse("nomination_export"))
    assert len(sheet_values(read_back(response.content))) == count + 1


# ----------------------------------------------------- import: invisible characters (issue 9 item 15)


def test_import_drops_invisible_characters_and_still_finds_the_duplicate(office_client, reference, nomination_a):
    row = individual(
        **{
            cols.NAME: "\u202eNguyễn Thị\u200b Hường",
            cols.GENDER: "Nữ",
            cols.BIRTH_DATE: None,
            cols.BIRTH_YEAR: 1985,
            cols.POSITION: "Trưởng\u00ad phòng\u2060",
            cols.SUMMARY: "Chủ trì\u200b 02 đề tài\ufeff cấp tỉnh.\u202c",
        }
    )
    response = post_import(office_client, workbook_bytes([row]))

    assert [str(m) for m in response.wsgi_request._messages] == [
        "Đã nhập 1 đề nghị ở trạng thái nháp.",
        f"Dòng 2: Nguyễn Thị Hường đã được đề nghị trong hội nghị này bởi: {UNIT_A}.",
    ]
    created = Nomination.objects.exclude(pk=nomination_a.pk).get()
    assert (created.nominee.full_name, created.nominee.position, created.achievement_summary) == (
        "Nguyễn Thị Hường",
        "Trưởng phòng",
        "Chủ trì 02 đề tài cấp tỉnh.",
    )


# ----------------------------------------------------- import: free-text limits (issue 9 item 19)


def test_import_refuses_a_10000_character_summary_and_saves_nothing(office_client, reference):
    response = post_import(office_client, workbook_bytes([individual(**{cols.SUMMARY: "Hoàn thành" * 1000})]))

    assert response.status_code == 200
    assert errors_of(response) == [(2, cols.SUMMARY, "max_length")]
    assert [e.message for e in response.context["errors"]] == ["Ghi tối đa 2000 ký tự (hiện có 10000)."]
    assert Nomination.objects.count() == 0


def test_import_accepts_a_summary_of_exactly_2000_characters(office_client, reference):
    response = post_import(office_client, workbook_bytes([individual(**{cols.SUMMARY: "x" * 2000})]))

    assert response.status_code == 302
    assert len(Nomination.objects.get().achievement_summary) == 2000
