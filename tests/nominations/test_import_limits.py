"""One upload cannot occupy a web worker (docs/performance.md, "Excel import: hostile workbooks").

Found by attacking the import from outside: a 1.3 MB workbook whose shared strings unpack to 47 MB,
or a sheet declaring a million (empty) rows, passed every check and held the process for seconds
and hundreds of megabytes. Each part's unpacked size is now bounded by what 5,000 rows can need,
rows are counted by streaming before anything is parsed, and the web request only streams.
"""

import io
import zipfile
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from conference.models import Delegate
from jobs.models import GeneratedFile, JobStatus
from nominations import imports as cols
from nominations.models import Nomination
from nominations.views.excel import BACKGROUND_IMPORT_BYTES
from tests.hoinghi.test_upload_security import stored_files
from tests.nominations.test_excel import XLSX, individual, workbook_bytes

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
SHARED_STRINGS = "xl/sharedStrings.xml"
SHEET = "xl/worksheets/sheet1.xml"
PART_TOO_LARGE = (
    "Một phần của tệp khi giải nén lớn 47,4\xa0MB, vượt mức 45,9\xa0MB mà 5000 dòng dữ liệu có thể cần; "
    "tệp bị từ chối. Hãy chép các dòng vào tệp mẫu nhập rồi tải tệp đó lên."
)
ROWS_TOO_FAR = (
    "Trang tính “Danh sách” có dòng nằm dưới dòng 10010; tệp nhập chỉ được dùng đến dòng 10010 "
    "(tối đa 5000 dòng dữ liệu). Hãy xóa các dòng thừa bên dưới dữ liệu (kể cả dòng trống đã định "
    "dạng) hoặc chia thành nhiều tệp."
)
TOO_MANY_ROWS = "Tệp có hơn 5000 dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa 5000 dòng."


@pytest.fixture
def reference(conference, unit_a, unit_b, giay_khen, bang_khen, movement):
    return conference


def _rewritten(content: bytes, rewrites: dict, added: dict | None = None) -> bytes:
    """``content`` (a workbook) with parts rewritten (name -> function of the old bytes) and parts added."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for item in source.infolist():
            data = source.read(item)
            archive.writestr(item.filename, rewrites[item.filename](data) if item.filename in rewrites else data)
        for name, data in (added or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _appended(closing: bytes, extra: bytes):
    return lambda xml: xml.replace(closing, extra + closing)


def huge_shared_strings() -> bytes:
    """One real row and a shared-strings part of 47 MB (openpyxl loads it whole): 1.3 MB on the wire."""
    item = "<si><t>Hoàn thành xuất sắc nhiệm vụ năm 2024, chủ trì đề tài cấp tỉnh số %d</t></si>".encode()
    strings = b"".join(item % number for number in range(445_000))
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    part_type = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    relation = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    rewrites = {
        "[Content_Types].xml": _appended(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + part_type + b'"/>'
        ),
        "xl/_rels/workbook.xml.rels": _appended(
            b"</Relationships>",
            b'<Relationship Id="rIdStrings" Type="' + relation + b'" Target="sharedStrings.xml"/>',
        ),
    }
    shared = b'<sst xmlns="' + main + b'">' + strings + b"</sst>"
    return _rewritten(workbook_bytes([individual()]), rewrites, {SHARED_STRINGS: shared})


def million_rows(row: bytes = b'<row r="%d"/>', *, dimension: bool = True) -> bytes:
    """One real row, then rows 3 to 1,000,000 (``row`` % number) in a sheet declaring A1:Z1000000."""
    extra = b"".join(row % number for number in range(3, 1_000_001)) if row else b""

    def rewrite(xml: bytes) -> bytes:
        if dimension:
            start = xml.index(b"<dimension ")
            xml = xml[:start] + b'<dimension ref="A1:Z1000000"/>' + xml[xml.index(b"/>", start) + 2 :]
        return xml.replace(b"</sheetData>", extra + b"</sheetData>")

    return _rewritten(workbook_bytes([individual()]), {SHEET: rewrite})


def post(client, content: bytes):
    upload = SimpleUploadedFile("Danh sách.xlsx", content, content_type=XLSX)
    return client.post(reverse("nomination_import"), {"file": upload})


HOSTILE = [
    pytest.param(huge_shared_strings, PART_TOO_LARGE, id="shared-strings-47MB"),
    pytest.param(million_rows, ROWS_TOO_FAR, id="a-million-empty-formatted-rows"),
    pytest.param(lambda: million_rows(b"<row><c><v>%d</v></c></row>"), TOO_MANY_ROWS, id="a-million-numbered-rows"),
]


@pytest.mark.parametrize(("make", "message"), HOSTILE)
def test_a_hostile_workbook_is_refused_on_the_form_before_it_is_parsed(
    office_client, reference, media_root, make, message
):
    content = make()
    assert BACKGROUND_IMPORT_BYTES < len(content) < 5 * MB  # within the upload limit: a background import

    with mock.patch("hoinghi.excel.load_workbook", side_effect=AssertionError("parsed")) as parser:
        response = post(office_client, content)

    assert response.status_code == 200
    assert [e.message for e in response.context["errors"]] == [message]
    assert (Nomination.objects.count(), GeneratedFile.objects.count(), stored_files(media_root)) == (0, 0, [])
    assert parser.call_count == 0


@pytest.mark.parametrize(("make", "message"), HOSTILE)
def test_the_import_itself_refuses_a_hostile_workbook_before_it_is_parsed(office_user, reference, make, message):
    """The background job (and the small-file path) read through the same streaming checks first."""
    upload = SimpleUploadedFile("Danh sách.xlsx", make())
    parsing = mock.patch("hoinghi.excel.load_workbook", side_effect=AssertionError("parsed"))
    with parsing as parser, pytest.raises(cols.ExcelError) as caught:
        cols.import_nominations(upload, conference=reference, by=office_user)

    assert (caught.value.messages, parser.call_count, Nomination.objects.count()) == ([message], 0, 0)


def test_a_declared_million_rows_alone_costs_nothing(office_client, reference):
    """Writers store wrong sizes: the <dimension> claim is ignored, the rows really there are read."""
    response = post(office_client, million_rows(b"", dimension=True))

    assert response["Location"] == reverse("nomination_list")
    assert [n.nominee.full_name for n in Nomination.objects.all()] == ["Trần Văn Minh"]


def test_the_web_request_never_runs_the_full_parser_on_a_large_file(office_client, reference, media_root, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, not run in the request
    rows = [
        individual(
            **{cols.NAME: f"Nguyễn Văn {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}", cols.SUMMARY: f"Đề tài {i * 7919}"}
        )
        for i in range(4000)
    ]
    content = workbook_bytes(rows)
    assert len(content) > BACKGROUND_IMPORT_BYTES

    with mock.patch("hoinghi.excel.load_workbook", side_effect=AssertionError("parsed")) as parser:
        response = post(office_client, content)

    job = GeneratedFile.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.status, parser.call_count, Nomination.objects.count(), len(stored_files(media_root))) == (
        JobStatus.QUEUED,
        0,
        0,
        1,
    )


def test_the_template_states_the_summary_limit(office_client, reference):
    wb = load_workbook(io.BytesIO(office_client.get(reverse("import_template")).content))
    guide = {row[0].value: row[2].value for row in wb["Hướng dẫn"].iter_rows(min_row=2, max_row=14)}
    assert guide[cols.SUMMARY] == "Tóm tắt thành tích nổi bật, tối đa 2000 ký tự; xuống dòng trong ô bằng Alt+Enter."


def test_the_delegate_import_has_its_own_part_limit(office_client, reference):
    """Columns an import does not budget get 300 characters: 9 delegate columns, 29.8 MB a part."""
    upload = SimpleUploadedFile("Đại biểu.xlsx", huge_shared_strings(), content_type=XLSX)
    with mock.patch("hoinghi.excel.load_workbook", side_effect=AssertionError("parsed")) as parser:
        response = office_client.post(reverse("delegate_import"), {"file": upload})

    assert [e.message for e in response.context["errors"]] == [
        "Một phần của tệp khi giải nén lớn 47,4\xa0MB, vượt mức 29,8\xa0MB mà 5000 dòng dữ liệu có thể cần; "
        "tệp bị từ chối. Hãy chép các dòng vào tệp mẫu nhập rồi tải tệp đó lên."
    ]
    assert (Delegate.objects.count(), parser.call_count) == (0, 0)


def test_a_workbook_part_with_a_dtd_is_refused_unparsed(office_client, reference):
    """Entity tricks (billion laughs, external entities) need a DTD; no workbook part has one."""
    doctype = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    content = _rewritten(workbook_bytes([individual()]), {SHEET: lambda xml: doctype + xml})
    with mock.patch("hoinghi.excel.load_workbook", side_effect=AssertionError("parsed")) as parser:
        response = post(office_client, content)

    assert [e.message for e in response.context["errors"]] == [
        "Tệp không phải là bảng tính Excel hợp lệ (.xlsx). Hãy mở tệp bằng Excel, lưu lại dưới dạng "
        "“Excel Workbook (.xlsx)” rồi tải lên lại."
    ]
    assert (Nomination.objects.count(), parser.call_count) == (0, 0)
