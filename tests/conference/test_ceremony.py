"""The ceremony (issue 4 §5) and the public honour roll (§6): stage order, PDFs read back, Excel, permissions."""

import io
import math

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import DecisionStatus, DocumentType
from conference.documents import ceremony as documents
from conference.models import AwardPresenter, Delegate, DelegateGroup
from conference.services import ceremony
from nominations.models import Nomination
from reference.enums import NomineeKind
from tests import awards_documents_support as support
from tests import factories as f
from tests.awards_documents_support import make_entry, page_sizes, pdftotext

# The shared fixtures: pytest finds fixtures among a module's globals.
no_weasyprint_warnings = support.no_weasyprint_warnings
decision, proposal = support.decision, support.proposal

LOGIN = "/accounts/login/?next="
OFFICE_URLS = [
    "conference_ceremony",
    "conference_runsheet_pdf",
    "conference_name_cards_pdf",
    "conference_sign_in_pdf",
    "conference_congress_pdf",
    "conference_congress_xlsx",
    "conference_report_pdf",
    "conference_report_xlsx",
]


def make_group(conference, code, name, order):
    return DelegateGroup.objects.create(conference=conference, code=code, name=name, target=5, order=order)


def make_delegate(conference, group, name, **fields):
    number = Delegate.objects.filter(conference=conference).count() + 1
    fields.setdefault("gender", "male")
    return Delegate.objects.create(
        conference=conference, group=group, full_name=name, invitation_number=number, **fields
    )


@pytest.fixture
def delegates(conference):
    leaders = make_group(conference, "lanh-dao-tinh", "Lãnh đạo tỉnh, Văn phòng UBND tỉnh", 1)
    units = make_group(conference, "don-vi", "Lãnh đạo các đơn vị thuộc Sở", 2)
    make_group(conference, "khac", "Thành phần khác", 3)  # no delegate: left out of the sheet
    return [
        make_delegate(conference, units, "Trần Văn Ba", position="Trưởng phòng", organisation="Phòng Chuyển đổi số"),
        make_delegate(conference, leaders, "Nguyễn Thị Hoa", gender="female", position="Phó Chủ tịch UBND tỉnh",
                      organisation="UBND tỉnh Hưng Yên", introduced_to_congress=True, phone="0912345678"),
        make_delegate(conference, units, "Lê Đức Anh", position="Giám đốc", organisation="Trung tâm Thông tin",
                      introduced_to_congress=True),
        make_delegate(conference, leaders, "Phạm Minh Châu", position="Chánh Văn phòng", organisation="VP UBND tỉnh"),
        make_delegate(conference, units, "Đỗ Thị Én", gender="female", organisation="Văn phòng Sở"),
    ]  # fmt: skip


@pytest.fixture
def presenters(conference, giay_khen, bang_khen):
    AwardPresenter.objects.create(
        conference=conference, award_form=giay_khen, kind=NomineeKind.COLLECTIVE, presenter="Giám đốc Sở Vũ Tuấn Anh"
    )
    AwardPresenter.objects.create(
        conference=conference, award_form=bang_khen, kind=NomineeKind.INDIVIDUAL, presenter="Phó Chủ tịch UBND tỉnh"
    )


@pytest.fixture
def undecided(conference, giay_khen, bang_khen):
    """A draft decision and a proposal the province has not decided: neither is called on stage."""
    draft = f.DocDecisionFactory(conference=conference, award_form=giay_khen, status=DecisionStatus.DRAFT, number=None)
    make_entry(draft, None, NomineeKind.INDIVIDUAL, "Ông Chưa Quyết Định", "Chuyên viên", 0)
    waiting = f.DocDecisionFactory(
        conference=conference, award_form=bang_khen, document_type=DocumentType.PROPOSAL, number=13, symbol="TTr-SKHCN"
    )
    make_entry(waiting, 1, NomineeKind.INDIVIDUAL, "Bà Đang Chờ Tỉnh", "Chuyên viên", 0)


# ------------------------------------------------------------------ stage order


def test_stage_order_by_form_then_kind_then_list_order(decision, proposal, presenters, undecided, conference):
    sections = ceremony.stage_order(conference)
    assert [(s.award_form, s.kind, s.presenter) for s in sections] == [
        ("Giấy khen của Giám đốc Sở", NomineeKind.COLLECTIVE, "Giám đốc Sở Vũ Tuấn Anh"),
        ("Giấy khen của Giám đốc Sở", NomineeKind.INDIVIDUAL, ""),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", NomineeKind.COLLECTIVE, ""),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", NomineeKind.INDIVIDUAL, "Phó Chủ tịch UBND tỉnh"),
    ]
    assert [[(r.number, r.recipient, r.certificate) for r in s.rows] for s in sections] == [
        [
            (1, "Phòng Quản lý khoa học", "Quyết định số 05/QĐ-SKHCN – số sổ vàng 1"),
            (2, "Trung tâm Thông tin, thống kê, ứng dụng khoa học và công nghệ",
             "Quyết định số 05/QĐ-SKHCN – số sổ vàng 2"),
        ],
        [
            (1, "Bà Nguyễn Thị Hường", "Quyết định số 05/QĐ-SKHCN – số sổ vàng 3"),
            (2, "Ông Đặng Văn Bình", "Quyết định số 05/QĐ-SKHCN – số sổ vàng 4"),
            (3, "Bà Lê Thị Ánh Tuyết", "Quyết định số 05/QĐ-SKHCN – số sổ vàng 5"),
        ],
        [(1, "Phòng Chuyển đổi số", "Quyết định số 215/QĐ-UBND – số sổ vàng 1")],
        [(1, "Ông Phạm Quang Huy", "Quyết định số 215/QĐ-UBND – số sổ vàng 2")],
    ]  # fmt: skip


def test_collectives_come_first_whatever_the_register_numbers(conference, giay_khen):
    issued = f.DocDecisionFactory(conference=conference, award_form=giay_khen)
    make_entry(issued, 1, NomineeKind.INDIVIDUAL, "Ông Một", "", 0)
    make_entry(issued, 2, NomineeKind.COLLECTIVE, "Phòng Hai", "", 0)
    make_entry(issued, 3, NomineeKind.INDIVIDUAL, "Bà Ba", "", 0)
    sections = ceremony.stage_order(conference)
    assert [[r.recipient for r in s.rows] for s in sections] == [["Phòng Hai"], ["Ông Một", "Bà Ba"]]


RUNSHEET_TEXTS = [
    "Phòng Quản lý khoa học",
    "Bà Nguyễn Thị Hường",
    "Ông Đặng Văn Bình",
    "Bà Lê Thị Ánh Tuyết",
    "Phòng Chuyển đổi số",
    "Ông Phạm Quang Huy",
    "Giám đốc Sở Vũ Tuấn Anh",
    "215/QĐ-UBND",
]


def test_stage_order_by_unit_keeps_list_order_within_a_unit(conference, giay_khen, unit_a, unit_b):
    issued = f.DocDecisionFactory(conference=conference, award_form=giay_khen)
    for number, unit, name in [
        (1, unit_b, "Ông Bốn"),
        (2, unit_a, "Bà Năm"),
        (3, unit_b, "Ông Sáu"),
        (4, unit_a, "Bà Bảy"),
    ]:
        entry = make_entry(issued, number, NomineeKind.INDIVIDUAL, name, "", 0)
        Nomination.objects.filter(pk=entry.nomination_id).update(proposing_unit=unit)
    by_list = ceremony.stage_order(conference)
    by_unit = ceremony.stage_order(conference, ceremony.BY_UNIT)
    assert [r.recipient for r in by_list[0].rows] == ["Ông Bốn", "Bà Năm", "Ông Sáu", "Bà Bảy"]
    assert [r.recipient for r in by_unit[0].rows] == ["Bà Năm", "Bà Bảy", "Ông Bốn", "Ông Sáu"]
    assert [r.number for r in by_unit[0].rows] == [1, 2, 3, 4]
    assert [r.register_number for r in by_unit[0].rows] == [2, 4, 1, 3]


def test_ceremony_page_and_runsheet_by_unit(conference, giay_khen, unit_a, unit_b, office_client, testid_texts):
    issued = f.DocDecisionFactory(conference=conference, award_form=giay_khen)
    for number, unit, name in [(1, unit_b, "Ông Bốn"), (2, unit_a, "Bà Năm")]:
        entry = make_entry(issued, number, NomineeKind.INDIVIDUAL, name, "", 0)
        Nomination.objects.filter(pk=entry.nomination_id).update(proposing_unit=unit)
    rows = testid_texts(office_client.get(reverse("conference_ceremony"), {"order": "unit"}), "stage-row")
    assert [row.split()[1:3] for row in rows] == [["Bà", "Năm"], ["Ông", "Bốn"]]
    text = pdftotext(office_client.get(reverse("conference_runsheet_pdf"), {"order": "unit"}).content)
    assert text.index("Bà Năm") < text.index("Ông Bốn")
    text = pdftotext(office_client.get(reverse("conference_runsheet_pdf")).content)
    assert text.index("Ông Bốn") < text.index("Bà Năm")


def test_runsheet_pdf_lists_everyone_called(decision, proposal, presenters, undecided, conference):
    text = pdftotext(documents.runsheet_pdf(conference).content)
    assert "KỊCH BẢN TRAO THƯỞNG" in text
    for recipient in RUNSHEET_TEXTS:
        assert recipient in text
    assert "Chưa Quyết Định" not in text and "Đang Chờ Tỉnh" not in text
    assert text.index("Phòng Quản lý khoa học") < text.index("Bà Nguyễn Thị Hường") < text.index("Phòng Chuyển đổi số")


# ------------------------------------------------------------------ name cards, sign-in sheet, congress


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_name_cards_every_name_and_pages(conference, count):
    group = make_group(conference, "g", "Đại biểu", 1)
    names = [f"Nguyễn Văn Đại Biểu {chr(65 + i)}" for i in range(count)]
    for name in names:
        make_delegate(conference, group, name, position="Chuyên viên", organisation="Sở Nội vụ")
    content = documents.name_cards_pdf(conference).content
    sizes = page_sizes(content)
    assert len(sizes) == math.ceil(count / documents.CARDS_PER_PAGE)
    assert set(sizes) == {(841.89, 595.28)}  # A4 landscape
    text = pdftotext(content)
    for name in names:
        assert name in text
    assert "Ông" in text and "Chuyên viên, Sở Nội vụ" in text


def test_name_cards_of_one_group(delegates, conference):
    text = pdftotext(documents.name_cards_pdf(conference, "lanh-dao-tinh").content)
    assert "Nguyễn Thị Hoa" in text and "Phạm Minh Châu" in text
    assert "Trần Văn Ba" not in text


def test_sign_in_sheet_grouped(delegates, conference):
    groups = ceremony.sign_in_groups(conference)
    assert [(g.name, [d.full_name for d in g.delegates]) for g in groups] == [
        ("Lãnh đạo tỉnh, Văn phòng UBND tỉnh", ["Phạm Minh Châu", "Nguyễn Thị Hoa"]),  # by given name
        ("Lãnh đạo các đơn vị thuộc Sở", ["Lê Đức Anh", "Trần Văn Ba", "Đỗ Thị Én"]),
    ]
    assert [g.roman for g in groups] == ["I", "II"]
    assert [ceremony.roman(n) for n in (3, 4, 7, 9, 14)] == ["III", "IV", "VII", "IX", "XIV"]
    text = pdftotext(documents.sign_in_pdf(conference).content)
    assert "DANH SÁCH ĐẠI BIỂU KÝ TÊN" in text and "Ký tên" in text
    order = ["Lãnh đạo tỉnh, Văn phòng UBND tỉnh", "Phạm Minh Châu", "Nguyễn Thị Hoa",
             "Lãnh đạo các đơn vị thuộc Sở", "Lê Đức Anh", "Trần Văn Ba", "Đỗ Thị Én"]  # fmt: skip
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert "Thành phần khác" not in text


def test_congress_list_pdf_and_xlsx(delegates, conference):
    text = pdftotext(documents.congress_pdf(conference).content)
    assert "Nguyễn Thị Hoa" in text and "Lê Đức Anh" in text
    assert "Trần Văn Ba" not in text and "Danh sách có 02 đại biểu" in text
    sheet = load_workbook(io.BytesIO(documents.congress_xlsx(conference))).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        list(documents.CONGRESS_HEADERS),
        [1, "Nguyễn Thị Hoa", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Hưng Yên", "Lãnh đạo tỉnh, Văn phòng UBND tỉnh",
         "0912345678"],
        [2, "Lê Đức Anh", "Giám đốc", "Trung tâm Thông tin", "Lãnh đạo các đơn vị thuộc Sở", None],
    ]  # fmt: skip


# ------------------------------------------------------------------ pages and permissions


@pytest.mark.parametrize("name", OFFICE_URLS)
def test_office_downloads(decision, delegates, office_client, name):
    response = office_client.get(reverse(name))
    assert response.status_code == 200
    if name.endswith("_pdf"):
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    elif name.endswith("_xlsx"):
        assert response["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize("name", OFFICE_URLS)
def test_unit_staff_refused(conference, client_a, name):
    assert client_a.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", OFFICE_URLS)
def test_anonymous_sent_to_login(conference, anon_client, name):
    response = anon_client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_ceremony_page_lists_stage_order_and_links(decision, proposal, office_client, testid_texts):
    response = office_client.get(reverse("conference_ceremony"))
    rows = testid_texts(response, "stage-row")
    assert [row.split(" ", 1)[1].split(" Sở")[0] for row in rows][:1] == ["Phòng Quản lý khoa học"]
    assert len(rows) == 7
    for name in [
        "conference_runsheet_pdf",
        "conference_sign_in_pdf",
        "conference_congress_xlsx",
        "conference_report_job",
    ]:
        assert reverse(name) in response.content.decode()


PERSONAL = ["1985", "0912345678", "@example", "Sinh năm", "Hoàn thành xuất sắc nhiệm vụ năm 2025", "710.000"]


def test_honour_roll_public_without_personal_data(decision, proposal, undecided, anon_client, testid_texts):
    for entry in decision.entries.all():
        nominee = entry.nomination.nominee
        nominee.birth_year, nominee.phone, nominee.email = 1985, "0912345678", "huong@example.vn"
        nominee.save()
    response = anon_client.get(reverse("conference_honour_roll"))
    assert response.status_code == 200
    rows = testid_texts(response, "honoured")
    assert len(rows) == 7
    assert rows[0].startswith("1 Phòng Quản lý khoa học")
    assert rows[0].endswith("Giấy khen của Giám đốc Sở 05/QĐ-SKHCN")
    assert any("Ông Phạm Quang Huy" in row and "215/QĐ-UBND" in row for row in rows)
    html = response.content.decode()
    assert "Chưa Quyết Định" not in html and "Đang Chờ Tỉnh" not in html
    for personal in PERSONAL:
        assert personal not in html


def _entries(conference, form, n):
    issued = f.DocDecisionFactory(conference=conference, award_form=form)
    for i in range(n):
        make_entry(issued, i + 1, NomineeKind.INDIVIDUAL, f"Ông Thứ {chr(65 + i)}", "Chuyên viên", 0)


@pytest.mark.parametrize("name", ["conference_honour_roll", "conference_ceremony"])
def test_list_pages_query_count_does_not_grow(conference, giay_khen, office_client, django_assert_num_queries, name):
    _entries(conference, giay_khen, 1)
    office_client.get(reverse(name))  # warm the session and role caches
    with django_assert_num_queries(NUM_QUERIES[name]):
        office_client.get(reverse(name))
    _entries(conference, giay_khen, 2)
    with django_assert_num_queries(NUM_QUERIES[name]):
        office_client.get(reverse(name))


# the roll: + published documents, years; the ceremony: + the report's register entry
NUM_QUERIES = {"conference_honour_roll": 6, "conference_ceremony": 7}
