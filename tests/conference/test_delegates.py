"""Delegates (issue 4 §1): the Office's pages, stable numbers, the awardees, search, sort, Excel."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.enums import DecisionStatus, DocumentType
from conference.enums import Rsvp
from conference.models import CheckIn, Delegate, DelegateGroup
from conference.selectors import delegates_visible_to
from conference.services.delegates import add_delegate, delete_delegate, promote_awardees
from nominations.enums import NominationStatus
from reference.enums import NomineeKind
from tests import factories as f

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def groups(conference):
    leaders = DelegateGroup.objects.create(conference=conference, code="lanh-dao", name="Lãnh đạo UBND tỉnh", target=3)
    exemplars = DelegateGroup.objects.create(
        conference=conference, code="dien-hinh", name="Các điển hình tiên tiến", target=20, order=6
    )
    return leaders, exemplars


def add(conference, group, name, by, **extra):
    return add_delegate(conference, {"group": group, "full_name": name, **extra}, by=by)


@pytest.fixture
def delegate(conference, groups, office_user):
    return add(conference, groups[0], "Nguyễn Thị Hoa", office_user, gender="female", position="Phó Chủ tịch")


# --- permissions ----------------------------------------------------------------------------------

PAGES = [
    ("get", "delegate_list", False),
    ("get", "delegate_create", False),
    ("get", "delegate_edit", True),
    ("get", "delegate_delete", True),
    ("post", "delegate_delete", True),
    ("post", "delegate_promote", False),
    ("get", "delegate_import", False),
    ("get", "delegate_template", False),
    ("get", "delegate_export", False),
]


def url_of(name, with_pk, delegate):
    return reverse(name, args=[delegate.pk]) if with_pk else reverse(name)


@pytest.mark.parametrize(("method", "name", "with_pk"), PAGES)
def test_unit_staff_and_council_members_are_refused(client_a, council_client, delegate, method, name, with_pk):
    url = url_of(name, with_pk, delegate)
    for client in (client_a, council_client):
        assert getattr(client, method)(url).status_code == 403
    assert Delegate.objects.count() == 1


@pytest.mark.parametrize(("method", "name", "with_pk"), PAGES)
def test_anonymous_goes_to_the_login_page(anon_client, delegate, method, name, with_pk):
    url = url_of(name, with_pk, delegate)
    response = getattr(anon_client, method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_office_pages_show_their_content(office_client, delegate, testid_texts):
    response = office_client.get(reverse("delegate_list"))
    assert response.status_code == 200
    assert testid_texts(response, "delegate-row") == [
        "1 Bà Nguyễn Thị Hoa Phó Chủ tịch Lãnh đạo UBND tỉnh Được mời Chỉnh sửa Xóa"
    ]
    assert testid_texts(response, "group-count") == ["Lãnh đạo UBND tỉnh 3 1 0", "Các điển hình tiên tiến 20 0 0"]
    assert testid_texts(response, "group-total") == ["Tổng cộng 23 1 0"]
    response = office_client.get(reverse("delegate_edit", args=[delegate.pk]))
    assert response.status_code == 200
    assert response.context["form"].initial["full_name"] == "Nguyễn Thị Hoa"
    response = office_client.get(reverse("delegate_delete", args=[delegate.pk]))
    assert testid_texts(response, "confirm") == [
        "Xóa Nguyễn Thị Hoa (giấy mời số 1) khỏi danh sách đại biểu? Số giấy mời của những người khác không đổi."
    ]
    assert delegates_visible_to(f.UserFactory(username="khach")).count() == 0


def test_office_adds_edits_and_removes_a_delegate(office_client, conference, groups):
    data = {"group": groups[0].pk, "gender": "male", "full_name": "  Trần  Văn Nam ", "rsvp": Rsvp.INVITED}
    response = office_client.post(reverse("delegate_create"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("delegate_list")
    delegate = Delegate.objects.get()
    assert (delegate.full_name, delegate.invitation_number, delegate.gender) == ("Trần Văn Nam", 1, "male")
    data.update(rsvp=Rsvp.SUBSTITUTE, substitute_name="")
    response = office_client.post(reverse("delegate_edit", args=[delegate.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"substitute_name": ["Ghi tên người dự thay."]}
    data.update(substitute_name="Lê Văn Bảy")
    assert office_client.post(reverse("delegate_edit", args=[delegate.pk]), data).status_code == 302
    delegate.refresh_from_db()
    assert (delegate.rsvp, delegate.substitute_name, delegate.invitation_number) == ("substitute", "Lê Văn Bảy", 1)
    assert office_client.post(reverse("delegate_delete", args=[delegate.pk])).status_code == 302
    assert Delegate.objects.count() == 0


# --- numbers, deletion ----------------------------------------------------------------------------


def test_invitation_numbers_stay_when_a_delegate_is_removed(conference, groups, office_user):
    first, second, third = (add(conference, groups[0], name, office_user) for name in ("An", "Bình", "Cường"))
    delete_delegate(second, by=office_user)
    fourth = add(conference, groups[0], "Dũng", office_user)
    assert list(Delegate.objects.order_by("invitation_number").values_list("invitation_number", flat=True)) == [1, 3, 4]
    assert (first.invitation_number, third.invitation_number, fourth.invitation_number) == (1, 3, 4)


def test_a_checked_in_delegate_cannot_be_removed(delegate, office_user):
    CheckIn.objects.create(delegate=delegate, by=office_user)
    with pytest.raises(ValidationError) as exc:
        delete_delegate(delegate, by=office_user)
    assert exc.value.messages == ["Đại biểu này đã điểm danh, không thể xóa."]
    assert Delegate.objects.count() == 1


# --- the awardees ---------------------------------------------------------------------------------


@pytest.fixture
def awarded(conference, unit_a, giay_khen, bang_khen, office_user):
    """Two individuals and a collective on an issued decision; one on an undecided proposal; one on a draft."""

    def nomination(name, kind=NomineeKind.INDIVIDUAL, status=NominationStatus.AWARDED, form=giay_khen):
        nominee = f.NomineeFactory(full_name=name, kind=kind, unit=unit_a, position="Chuyên viên", gender="female")
        return f.NominationFactory(
            conference=conference, nominee=nominee, proposing_unit=unit_a, award_form=form, status=status
        )

    decision = f.DocDecisionFactory(conference=conference, award_form=giay_khen, created_by=office_user)
    for name, kind in [
        ("Vũ Thị Lan", NomineeKind.INDIVIDUAL),
        ("Đỗ Thị Mai", NomineeKind.INDIVIDUAL),
        ("Phòng Quản lý khoa học", NomineeKind.COLLECTIVE),
    ]:
        f.DocEntryFactory(decision=decision, nomination=nomination(name, kind), kind=kind)
    proposal = f.DocDecisionFactory(
        conference=conference, award_form=bang_khen, document_type=DocumentType.PROPOSAL, created_by=office_user
    )
    f.DocEntryFactory(decision=proposal, nomination=nomination("Hà Văn Chờ", status=NominationStatus.APPROVED))
    draft = f.DocDecisionFactory(
        conference=conference, award_form=giay_khen, status=DecisionStatus.DRAFT, number=None, created_by=office_user
    )
    f.DocEntryFactory(decision=draft, nomination=nomination("Lý Văn Nháp", status=NominationStatus.APPROVED))
    return proposal


def test_promote_awardees_once_and_never_twice(conference, groups, awarded, delegate, office_user):
    assert promote_awardees(conference, by=office_user) == (3, 0)
    rows = Delegate.objects.filter(group=groups[1]).order_by("invitation_number")
    assert [(d.invitation_number, d.full_name, d.position, d.organisation) for d in rows] == [
        (2, "Vũ Thị Lan", "Chuyên viên", "Phòng Quản lý khoa học"),
        (3, "Đỗ Thị Mai", "Chuyên viên", "Phòng Quản lý khoa học"),
        (4, "Đại diện Phòng Quản lý khoa học", "Đại diện tập thể", "Phòng Quản lý khoa học"),
    ]
    assert all(d.nomination_id for d in rows)
    assert promote_awardees(conference, by=office_user) == (0, 3)
    awarded.province_decision_number = "1234/QĐ-UBND"
    awarded.save()
    assert promote_awardees(conference, by=office_user) == (1, 3)
    assert Delegate.objects.filter(group=groups[1]).count() == 4
    assert Delegate.objects.get(invitation_number=5).full_name == "Hà Văn Chờ"


def test_promote_button_reports_the_counts(office_client, conference, groups, awarded):
    response = office_client.post(reverse("delegate_promote"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã thêm 3 người được khen thưởng vào danh sách đại biểu; 0 người đã có trong danh sách."
    ]


def test_promote_adds_the_exemplars_who_give_a_talk(conference, groups, awarded, office_user, unit_a, giay_khen):
    from conference.models import AgendaItem

    nominee = f.NomineeFactory(full_name="Tạ Văn Nói", unit=unit_a, position="Kỹ sư")
    speaker = f.NominationFactory(
        conference=conference, nominee=nominee, proposing_unit=unit_a, status=NominationStatus.APPROVED
    )
    AgendaItem.objects.create(conference=conference, kind="exemplar_talk", title="Tham luận", nomination=speaker)
    assert promote_awardees(conference, by=office_user) == (4, 0)
    delegate = Delegate.objects.get(nomination=speaker)
    assert (delegate.full_name, delegate.note, delegate.invitation_number) == ("Tạ Văn Nói", "Tham luận điển hình", 4)


def test_promote_needs_the_exemplars_group(conference, office_user):
    with pytest.raises(ValidationError) as exc:
        promote_awardees(conference, by=office_user)
    assert exc.value.messages == ["Hãy thêm thành phần đại biểu có mã “dien-hinh” (các điển hình tiên tiến) trước."]


# --- search and sort ------------------------------------------------------------------------------

NAMES = ["Trần Văn Đức", "Lê Thị Ánh", "Phạm Văn An", "Nguyễn Tiến Dũng", "Hoàng Thị Bình", "Nguyễn Thị Hoa"]


@pytest.fixture
def many(conference, groups, office_user):
    return [add(conference, groups[0], name, office_user) for name in NAMES]


def listed(client, **params):
    response = client.get(reverse("delegate_list"), params)
    return [d.full_name for d in response.context["page"].object_list]


def test_search_ignores_diacritics(office_client, many):
    assert listed(office_client, q="nguyen thi") == ["Nguyễn Thị Hoa"]
    assert listed(office_client, q="NGUYEN") == ["Nguyễn Tiến Dũng", "Nguyễn Thị Hoa"]
    assert listed(office_client, q="duc") == ["Trần Văn Đức"]


def test_names_sort_in_vietnamese_order(office_client, many):
    expected = ["Phạm Văn An", "Lê Thị Ánh", "Hoàng Thị Bình", "Nguyễn Tiến Dũng", "Trần Văn Đức", "Nguyễn Thị Hoa"]
    assert listed(office_client, sort="name") == expected
    assert listed(office_client, sort="-name") == expected[::-1]
    assert listed(office_client, sort="number") == NAMES


def test_filter_by_group_and_reply(office_client, many, groups, office_user):
    add(office_client and many[0].conference, groups[1], "Vũ Văn Khách", office_user, rsvp=Rsvp.CONFIRMED)
    assert listed(office_client, group=groups[1].pk) == ["Vũ Văn Khách"]
    assert listed(office_client, rsvp="confirmed") == ["Vũ Văn Khách"]
    assert listed(office_client, rsvp="declined") == []


# --- Excel ----------------------------------------------------------------------------------------

HEADERS = [
    "STT",
    "Thành phần",
    "Danh xưng",
    "Họ và tên",
    "Chức vụ",
    "Cơ quan, đơn vị",
    "Điện thoại",
    "Email",
    "Ghi chú",
]


def workbook(rows, headers=HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Đại biểu"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def post_import(client, content):
    upload = SimpleUploadedFile("dai-bieu.xlsx", content, content_type=XLSX)
    return client.post(reverse("delegate_import"), {"file": upload})


def sheet_rows(content):
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_template_lists_the_groups(office_client, groups):
    response = office_client.get(reverse("delegate_template"))
    assert response["Content-Type"] == XLSX
    rows = sheet_rows(response.content)
    assert rows == [
        HEADERS,
        [1, "Lãnh đạo UBND tỉnh", "Bà", "Nguyễn Thị Hoa", "Phó Giám đốc", "Sở Nội vụ tỉnh Hưng Yên"] + [None] * 3,
    ]
    lists = load_workbook(io.BytesIO(response.content))["Danh mục"]
    assert [c.value for c in lists["A"]] == ["Thành phần", "Lãnh đạo UBND tỉnh", "Các điển hình tiên tiến"]


def test_excel_round_trip(office_client, groups, delegate):
    rows = [
        [
            1,
            "Các điển hình tiên tiến",
            "Ông",
            "Trịnh Văn Quyết",
            "Giám đốc",
            "Công ty Cổ phần Công nghệ Phố Hiến",
            "0912 345 678",
            "quyet@example.vn",
            "",
        ],
        [2, "lanh dao ubnd tinh", "ba", "Phạm Thị Thu", "Chánh Văn phòng", "Văn phòng UBND tỉnh", "", "", "Dự cả buổi"],
    ]
    response = post_import(office_client, workbook(rows))
    assert response.status_code == 302
    assert Delegate.objects.count() == 3
    response = office_client.get(reverse("delegate_export"), {"sort": "number"})
    assert sheet_rows(response.content) == [
        ["STT", "Số giấy mời", *HEADERS[1:], "Trả lời", "Người dự thay"],
        [1, 1, "Lãnh đạo UBND tỉnh", "Bà", "Nguyễn Thị Hoa", "Phó Chủ tịch", None, None, None, None, "Được mời", None],
        [
            2,
            2,
            "Các điển hình tiên tiến",
            "Ông",
            "Trịnh Văn Quyết",
            "Giám đốc",
            "Công ty Cổ phần Công nghệ Phố Hiến",
            "0912 345 678",
            "quyet@example.vn",
            None,
            "Được mời",
            None,
        ],
        [
            3,
            3,
            "Lãnh đạo UBND tỉnh",
            "Bà",
            "Phạm Thị Thu",
            "Chánh Văn phòng",
            "Văn phòng UBND tỉnh",
            None,
            None,
            "Dự cả buổi",
            "Được mời",
            None,
        ],
    ]


def test_a_bad_file_lists_every_error_and_saves_nothing(office_client, groups, testid_texts):
    rows = [
        [1, "Nhóm không có", "Cô", "", "", "", "", "không-phải-email", ""],
        [2, "", "Ông", "Lê Văn Tốt", "", "", "", "", ""],
        [3, "lanh-dao", "Ông", "=1+1", "", "", "", "", ""],
        [4, "lanh-dao", "Ông", "Nguyễn Văn Dài", "x" * 201, "", "", "", ""],
    ]
    content = workbook(rows)
    ws_book = load_workbook(io.BytesIO(content))
    ws_book.active["D4"] = "=1+1"
    buffer = io.BytesIO()
    ws_book.save(buffer)
    response = post_import(office_client, buffer.getvalue())
    assert response.status_code == 200
    assert [(e.row, e.column) for e in response.context["errors"]] == [
        (2, "Thành phần"),
        (2, "Danh xưng"),
        (2, "Họ và tên"),
        (2, "Email"),
        (3, "Thành phần"),
        (4, "Họ và tên"),
        (5, "Chức vụ"),
    ]
    assert testid_texts(response, "import-errors")[0].startswith(
        "Dòng Cột Lỗi 2 Thành phần “Nhóm không có” không có trong danh sách."
    )
    assert Delegate.objects.count() == 0


def test_export_never_turns_text_into_formulas(office_client, conference, groups, office_user):
    add(conference, groups[0], '=HYPERLINK("http://x","Bấm")', office_user, organisation="+84 912", note="@SUM(A1)")
    response = office_client.get(reverse("delegate_export"))
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [ws["E2"], ws["G2"], ws["J2"]]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x","Bấm")', "+84 912", "@SUM(A1)"]
    assert [c.data_type for c in cells] == ["s", "s", "s"]
    assert all(c.quotePrefix for c in cells)


# --- queries --------------------------------------------------------------------------------------


def make_rows(conference, groups, office_user, n):
    for i in range(n):
        add(conference, groups[i % 2], f"Đại Biểu Số {i}", office_user)


@pytest.mark.parametrize("rows", [1, 3])
def test_list_and_export_queries_are_constant(
    office_client, conference, groups, office_user, rows, django_assert_num_queries
):
    make_rows(conference, groups, office_user, rows)
    with django_assert_num_queries(7):
        assert office_client.get(reverse("delegate_list")).status_code == 200
    with django_assert_num_queries(4):
        assert office_client.get(reverse("delegate_export")).status_code == 200


@pytest.fixture
def super_client(db):
    client = Client()
    client.force_login(f.UserFactory(username="quantri", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("model", "queries"), [("delegate", 7), ("delegategroup", 6)])
def test_admin_changelist_queries_are_constant(
    super_client, conference, groups, office_user, rows, model, queries, django_assert_num_queries
):
    make_rows(conference, groups, office_user, rows)
    with django_assert_num_queries(queries):
        response = super_client.get(reverse(f"admin:conference_{model}_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == (rows if model == "delegate" else 2)


# --- issue 9: a collective's representative is addressed as officials do; invited against the plan ---


def test_a_collectives_representative_has_no_honorific_on_the_letter_and_the_name_card(
    conference, groups, awarded, office_user, office_client
):
    from conference.documents import ceremony as ceremony_documents
    from conference.services.invitations import render_invitations
    from tests.awards_documents_support import pdftotext

    promote_awardees(conference, by=office_user)
    representative = Delegate.objects.get(full_name="Đại diện Phòng Quản lý khoa học")
    person = Delegate.objects.get(full_name="Vũ Thị Lan")
    assert (representative.honorific, person.honorific) == ("", "Bà")

    letter = pdftotext(render_invitations(conference, [representative]))
    assert "trân trọng kính mời: Đại diện Phòng Quản lý khoa học Tới dự" in letter
    assert "Đề nghị Quý đại biểu xác nhận tham dự" in letter
    assert "Rất mong Quý đại biểu đến dự đúng thời gian./." in letter
    assert "Ông/Bà" not in letter and "Đại diện tập thể" not in letter
    letter = pdftotext(render_invitations(conference, [person]))
    assert "trân trọng kính mời: Bà Vũ Thị Lan, Chuyên viên, Phòng Quản lý khoa học Tới dự" in letter
    assert "Rất mong Bà đến dự đúng thời gian./." in letter

    cards = pdftotext(ceremony_documents.name_cards_pdf(conference, "dien-hinh").content)
    assert cards == (
        "Đại diện Phòng Quản lý khoa học "  # the name alone: no Ông/Bà, no "Đại diện tập thể, Phòng …" again
        "Bà Vũ Thị Lan Chuyên viên, Phòng Quản lý khoa học "
        "Bà Đỗ Thị Mai Chuyên viên, Phòng Quản lý khoa học"
    )
    pages = [
        reverse("delegate_list"),
        reverse("invitation_list"),
        reverse("checkin_delegate", args=[representative.token]),
        reverse("rsvp", args=[representative.token]),
    ]
    for url in pages:
        page = office_client.get(url).content.decode()
        assert "Đại diện Phòng Quản lý khoa học" in page and "Ông/Bà" not in page, url


TARGET_LINE = "Đã mời %(invited)s / %(target)s đại biểu theo kế hoạch."
OVER_LINE = "Vượt kế hoạch %(over)s đại biểu."


def test_delegates_page_shows_invited_against_the_plan(office_client, conference, groups, delegate, testid_texts):
    response = office_client.get(reverse("delegate_list"))
    assert testid_texts(response, "delegate-target") == [TARGET_LINE % {"invited": 1, "target": 23}]
    assert testid_texts(response, "delegate-over") == []


def test_adding_the_awardees_beyond_the_plan_says_so(
    office_client, conference, groups, awarded, office_user, testid_texts
):
    """Issue 9: the awardees took the list to 72 against 60 planned without a word."""
    DelegateGroup.objects.filter(code="dien-hinh").update(target=1)  # the plan: 3 + 1 = 4
    add(conference, groups[0], "Nguyễn Thị Hoa", office_user)
    add(conference, groups[0], "Trần Văn Nam", office_user)
    response = office_client.post(reverse("delegate_promote"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã thêm 3 người được khen thưởng vào danh sách đại biểu; 0 người đã có trong danh sách.",
        "Danh sách hiện có 5 đại biểu, vượt 1 so với kế hoạch 4 đại biểu; hãy xem lại danh sách hoặc chỉ tiêu "
        "của các thành phần.",
    ]
    assert testid_texts(response, "delegate-target") == [
        TARGET_LINE % {"invited": 5, "target": 4} + " " + OVER_LINE % {"over": 1}
    ]
    assert testid_texts(response, "delegate-over") == [OVER_LINE % {"over": 1}]
    # Nothing new to add: no warning again.
    response = office_client.post(reverse("delegate_promote"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã thêm 0 người được khen thưởng vào danh sách đại biểu; 3 người đã có trong danh sách."
    ]


def test_adding_the_awardees_within_the_plan_says_nothing_more(office_client, conference, groups, awarded):
    DelegateGroup.objects.filter(code="dien-hinh").update(target=0)  # the plan: 3 + 0 = 3, the list: 3
    response = office_client.post(reverse("delegate_promote"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã thêm 3 người được khen thưởng vào danh sách đại biểu; 0 người đã có trong danh sách."
    ]
