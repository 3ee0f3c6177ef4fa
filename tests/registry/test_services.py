"""The register's write path: series, the year boundary, the council's series, issue once, corrections."""

import hashlib
from datetime import date as D

import pytest
from django.contrib.admin.sites import site
from django.db.models import ProtectedError
from django.test import override_settings
from django.urls import reverse

from registry import services
from registry.enums import COUNCIL_ISSUER, DocumentKind, DocumentStatus
from registry.models import IssuedFile, OutgoingDocument, SeriesCounter
from tests.registry.support import DIRECTOR, fake_pdf, issued

pytestmark = pytest.mark.django_db


def labels(documents):
    return [d.number_label for d in documents]


def test_per_kind_series_numbers_each_kind_from_01(office_user):
    documents = [
        issued(by=office_user, on=D(2025, 6, 1), kind=DocumentKind.DECISION, summary="a"),
        issued(by=office_user, on=D(2025, 6, 2), kind=DocumentKind.INVITATION, summary="b"),
        issued(by=office_user, on=D(2025, 6, 3), kind=DocumentKind.DECISION, summary="c"),
        issued(by=office_user, on=D(2025, 6, 4), kind=DocumentKind.LETTER, summary="d"),
    ]

    assert labels(documents) == ["01/QĐ-SKHCN", "01/GM-SKHCN", "02/QĐ-SKHCN", "01/SKHCN-VP"]
    assert [d.number_line for d in documents[:1]] == ["Số: 01/QĐ-SKHCN"]


@override_settings(DOCUMENT_REGISTER_SERIES="common")
def test_common_series_numbers_every_kind_of_the_agency_in_one_run_but_the_council_by_kind(office_user):
    documents = [
        issued(by=office_user, on=D(2025, 6, 1), kind=DocumentKind.DECISION, summary="a"),
        issued(by=office_user, on=D(2025, 6, 2), kind=DocumentKind.INVITATION, summary="b"),
        issued(by=office_user, on=D(2025, 6, 3), kind=DocumentKind.MINUTES, issuer=COUNCIL_ISSUER, summary="c"),
        issued(by=office_user, on=D(2025, 6, 4), kind=DocumentKind.REPORT, summary="d"),
        issued(by=office_user, on=D(2025, 6, 5), kind=DocumentKind.MINUTES, issuer=COUNCIL_ISSUER, summary="e"),
    ]

    assert labels(documents) == ["01/QĐ-SKHCN", "02/GM-SKHCN", "01/BB-HĐTĐKT", "03/BC-SKHCN", "02/BB-HĐTĐKT"]
    assert sorted(SeriesCounter.objects.values_list("issuer_code", "series", "year", "last_number")) == [
        ("HĐTĐKT", "BB", 2025, 2),
        ("SKHCN", "", 2025, 3),
    ]


def test_the_year_boundary_restarts_the_series_at_01(office_user):
    documents = [
        issued(by=office_user, on=D(2025, 12, 30), summary="a"),
        issued(by=office_user, on=D(2025, 12, 31), summary="b"),
        issued(by=office_user, on=D(2026, 1, 1), summary="c"),
        issued(by=office_user, on=D(2026, 1, 2), summary="d"),
    ]

    assert [(d.number_label, d.year) for d in documents] == [
        ("01/QĐ-SKHCN", 2025),
        ("02/QĐ-SKHCN", 2025),
        ("01/QĐ-SKHCN", 2026),
        ("02/QĐ-SKHCN", 2026),
    ]


def test_issue_fixes_number_date_signer_recipients_and_the_file_with_its_sha256(office_user):
    document = issued(by=office_user, on=D(2025, 12, 20), copies=4)

    document.refresh_from_db()
    stored = IssuedFile.objects.get(document=document)
    assert (document.status, document.number, document.date, document.copies) == ("issued", 1, D(2025, 12, 20), 4)
    assert (document.signer_authority, document.signer_position, document.signer_name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Trần Văn Bình",
    )
    assert document.recipients == "- Như Điều 3;\n- Lưu: VT, VP."
    assert bytes(stored.content) == "%PDF-1.7 01/QĐ-SKHCN 20/12/2025".encode()
    assert stored.sha256 == hashlib.sha256(bytes(stored.content)).hexdigest()
    assert (stored.filename, stored.size) == ("QĐ-01-2025-SKHCN.pdf", len(bytes(stored.content)))
    assert document.issued_by == office_user


def test_an_issued_document_refuses_a_second_issue_and_keeps_its_number(office_user):
    document = issued(by=office_user, on=D(2025, 12, 20))

    with pytest.raises(services.RegisterError) as raised:
        services.issue(
            document,
            on=D(2025, 12, 21),
            signer=DIRECTOR,
            recipients=[],
            render=fake_pdf,
            filename="x.pdf",
            by=office_user,
        )

    assert raised.value.code == "issued"
    document.refresh_from_db()
    assert (document.number, document.date) == (1, D(2025, 12, 20))
    assert SeriesCounter.objects.get().last_number == 1
    assert IssuedFile.objects.count() == 1


def test_a_failed_render_gives_no_number_away(office_user):
    draft = services.open_draft(
        kind=DocumentKind.DECISION, issuer_code="SKHCN", source="t:1", summary="s", by=office_user, conference=None
    )

    def broken(document):
        raise RuntimeError("renderer down")

    with pytest.raises(RuntimeError):
        services.issue(
            draft, on=D(2025, 5, 5), signer=DIRECTOR, recipients=[], render=broken, filename="x", by=office_user
        )

    draft.refresh_from_db()
    assert (draft.status, draft.number) == (DocumentStatus.DRAFT, None)
    assert SeriesCounter.objects.filter(last_number__gt=0).count() == 0
    assert labels([issued(by=office_user, on=D(2025, 5, 6))]) == ["01/QĐ-SKHCN"]


def test_a_correction_is_a_new_document_citing_the_old_one(office_user):
    old = issued(by=office_user, on=D(2025, 12, 20))
    correction = services.start_correction(old, reason="Sai tên một cá nhân", by=office_user)
    services.issue(
        correction,
        on=D(2025, 12, 22),
        signer=DIRECTOR,
        recipients=["- Như Điều 3;"],
        render=fake_pdf,
        filename="c.pdf",
        by=office_user,
    )

    correction.refresh_from_db()
    old.refresh_from_db()
    assert (correction.number_label, correction.corrects, correction.correction_reason) == (
        "02/QĐ-SKHCN",
        old,
        "Sai tên một cá nhân",
    )
    assert (old.status, old.number_label, list(old.corrections.all())) == ("issued", "01/QĐ-SKHCN", [correction])


def test_an_issued_document_and_its_file_are_never_deleted(office_user):
    document = issued(by=office_user, on=D(2025, 12, 20))

    with pytest.raises(ProtectedError):
        document.delete()
    with pytest.raises(ProtectedError):
        OutgoingDocument.objects.filter(pk=document.pk).delete()
    with pytest.raises(ProtectedError):
        IssuedFile.objects.all().delete()
    assert (OutgoingDocument.objects.count(), IssuedFile.objects.count()) == (1, 1)


def test_edit_draft_refuses_an_issued_document(office_user):
    document = issued(by=office_user, on=D(2025, 12, 20), summary="Cũ")

    with pytest.raises(services.RegisterError) as raised:
        services.edit_draft(document, summary="Mới", by=office_user)

    assert raised.value.code == "issued"
    document.refresh_from_db()
    assert document.summary == "Cũ"


def test_the_admin_shows_the_register_read_only(office_user, office_client):
    document = issued(by=office_user, on=D(2025, 12, 20))
    model_admin = site._registry[OutgoingDocument]
    request = type("R", (), {"user": office_user})()

    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request, document),
        model_admin.has_delete_permission(request, document),
        model_admin.has_view_permission(request, document),
    ) == (False, False, False, True)
    change = office_client.get(reverse("admin:registry_outgoingdocument_change", args=[document.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    delete = office_client.post(reverse("admin:registry_outgoingdocument_delete", args=[document.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert OutgoingDocument.objects.filter(pk=document.pk).exists()
