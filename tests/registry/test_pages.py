"""The register pages for the Office: list with filters, detail, the stored file, the .xlsx export."""

import hashlib
import io
from datetime import date as D
from urllib.parse import quote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hoinghi.letterhead import Signature
from registry import services
from registry.enums import COUNCIL_ISSUER, DocumentKind
from registry.exports import HEADERS
from tests.registry.support import issued

pytestmark = pytest.mark.django_db
CHAIR = Signature("", "CHỦ TỌA", "Nguyễn Văn An")


@pytest.fixture
def register(office_user):
    """Three issued documents (a decision, a council minutes, an invitation) and one draft."""
    decision = issued(by=office_user, on=D(2025, 12, 20), summary="Về việc tặng Giấy khen năm 2025")
    minutes = issued(
        by=office_user,
        on=D(2025, 11, 5),
        kind=DocumentKind.MINUTES,
        issuer=COUNCIL_ISSUER,
        summary="Họp Hội đồng Thi đua - Khen thưởng",
        signer=CHAIR,
        recipients=("- Thành viên Hội đồng;", "- Lưu: VT, VP."),
    )
    invitation = issued(
        by=office_user,
        on=D(2026, 1, 3),
        kind=DocumentKind.INVITATION,
        summary="Mời dự Hội nghị tổng kết",
        recipients=("- Các đơn vị thuộc Sở;", "- Lưu: VT."),
        copies=60,
    )
    services.open_draft(
        kind=DocumentKind.REPORT, issuer_code="SKHCN", source="draft", summary="Chưa ban hành", by=office_user,
        conference=None,
    )  # fmt: skip
    return decision, minutes, invitation


def rows(response) -> list[str]:
    return [d.number_label for d in response.context["documents"]]


def test_the_list_shows_every_issued_document_newest_first_and_no_draft(office_client, register):
    response = office_client.get(reverse("register_list"))

    assert rows(response) == ["01/GM-SKHCN", "01/QĐ-SKHCN", "01/BB-HĐTĐKT"]
    html = response.content.decode()
    assert "Chưa ban hành" not in html
    assert reverse("register_document_file", args=[register[0].pk]) in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "BB"}, ["01/BB-HĐTĐKT"]),
        ({"year": "2025"}, ["01/QĐ-SKHCN", "01/BB-HĐTĐKT"]),
        ({"date_from": "2025-12-01", "date_to": "2025-12-31"}, ["01/QĐ-SKHCN"]),
        ({"q": "tổng kết"}, ["01/GM-SKHCN"]),
        ({"q": "01/BB-HĐTĐKT"}, ["01/BB-HĐTĐKT"]),
        ({"q": "1/QĐ"}, ["01/QĐ-SKHCN"]),
        ({"signer": "nguyễn văn"}, ["01/BB-HĐTĐKT"]),
    ],
)
def test_the_filters(office_client, register, query, expected):
    assert rows(office_client.get(reverse("register_list"), query)) == expected


def test_the_export_has_the_register_layout_and_exact_cells(office_client, register):
    response = office_client.get(reverse("register_export"), {"year": "2025"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sheet.title == "Sổ đăng ký văn bản đi"
    assert values[0] == list(HEADERS)
    assert values[1][:7] == [
        "01/QĐ-SKHCN",
        values[1][1],
        "Quyết định Về việc tặng Giấy khen năm 2025",
        "Trần Văn Bình",
        "Như Điều 3",
        "VT, VP",
        None,
    ]
    assert values[1][1].date() == D(2025, 12, 20)
    assert values[2][:6] == [
        "01/BB-HĐTĐKT",
        values[2][1],
        "Biên bản Họp Hội đồng Thi đua - Khen thưởng",
        "Nguyễn Văn An",
        "Thành viên Hội đồng",
        "VT, VP",
    ]
    assert len(values) == 3
    assert response["Content-Disposition"].startswith('attachment; filename="so-van-ban-di-')


def test_the_export_neutralises_a_formula_in_a_recipient(office_client, office_user):
    issued(by=office_user, on=D(2025, 3, 3), recipients=("=HYPERLINK(1)",))

    sheet = load_workbook(io.BytesIO(office_client.get(reverse("register_export")).content)).active

    assert (sheet.cell(2, 5).value, sheet.cell(2, 5).data_type, sheet.cell(2, 5).quotePrefix) == (
        "=HYPERLINK(1)",
        "s",
        True,
    )


def test_the_file_is_the_stored_bytes_under_a_vietnamese_safe_name(office_client, register):
    decision = register[0]
    first = office_client.get(reverse("register_document_file", args=[decision.pk]))
    second = office_client.get(reverse("register_document_file", args=[decision.pk]))

    assert first.content == second.content == "%PDF-1.7 01/QĐ-SKHCN 20/12/2025".encode()
    assert hashlib.sha256(first.content).hexdigest() == decision.issued_file.sha256
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == (
        f"attachment; filename=\"QD-01-2025-SKHCN.pdf\"; filename*=UTF-8''{quote('QĐ-01-2025-SKHCN.pdf')}"
    )


def test_the_detail_page_names_the_correction_both_ways(office_client, office_user, register):
    old = register[0]
    correction = services.start_correction(old, reason="Sai tên", by=office_user)
    services.issue(
        correction, on=D(2025, 12, 22), signer=Signature("", "GIÁM ĐỐC", "Lê Văn C"), recipients=[],
        render=lambda d: b"%PDF new", filename="n.pdf", by=office_user,
    )  # fmt: skip

    old_page = office_client.get(reverse("register_document", args=[old.pk]))
    new_page = office_client.get(reverse("register_document", args=[correction.pk]))

    assert [c.number_label for c in old_page.context["corrections"]] == ["02/QĐ-SKHCN"]
    assert new_page.context["document"].corrects == old
    assert "01/QĐ-SKHCN</a> — Sai tên" in new_page.content.decode()
    assert old_page.context["file"].filename == "QĐ-01-2025-SKHCN.pdf"


def test_a_draft_has_no_file(office_client, office_user):
    draft = services.open_draft(
        kind=DocumentKind.REPORT, issuer_code="SKHCN", source="d", summary="s", by=office_user, conference=None
    )
    assert office_client.get(reverse("register_document_file", args=[draft.pk])).status_code == 404


def test_other_roles_get_403_and_unknown_ids_404(client_a, council_client, office_client, register):
    pk = register[0].pk
    for name, args in (("register_list", []), ("register_export", []), ("register_document", [pk])):
        assert client_a.get(reverse(name, args=args)).status_code == 403
        assert council_client.get(reverse(name, args=args)).status_code == 403
    assert client_a.get(reverse("register_document_file", args=[pk])).status_code == 403
    assert office_client.get(reverse("register_document", args=[pk + 999])).status_code == 404
    assert office_client.get(reverse("register_document_file", args=[pk + 999])).status_code == 404


def test_the_menu_links_the_register_for_the_office(office_client, client_a):
    link = f'href="{reverse("register_list")}"'
    assert link in office_client.get(reverse("dashboard")).content.decode()
    assert link not in client_a.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_queries_do_not_grow_with_the_rows(office_client, office_user, django_assert_num_queries, count):
    for i in range(count):
        old = issued(by=office_user, on=D(2025, 5, 1 + i), summary=f"Văn bản {i}")
    services.start_correction(old, reason="r", by=office_user)  # a draft correction: not listed

    # Session, user, groups (context processor), the page's count, the rows (with what they correct).
    with django_assert_num_queries(4):
        response = office_client.get(reverse("register_list"))

    assert len(rows(response)) == count
