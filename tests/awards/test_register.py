"""Decisions, proposals and the council's records on the register of outgoing documents (docs/document-register.md)."""

import hashlib
from datetime import date as D

import pytest
from django.urls import reverse

from awards.enums import MeetingStatus
from awards.services import printing
from awards.services.decisions import draft_decision, issue_decision, replace_decision
from registry.enums import COUNCIL_ISSUER, DocumentKind, DocumentStatus
from registry.models import IssuedFile, OutgoingDocument
from tests import awards_documents_support as support
from tests import awards_fixtures as fixtures
from tests.awards_documents_support import pdftotext
from tests.awards_fixtures import approved

money_rules, signer, legal_bases, awardees = (
    fixtures.money_rules,
    fixtures.signer,
    fixtures.legal_bases,
    fixtures.awardees,
)
issued, proposal = fixtures.issued, fixtures.proposal
no_weasyprint_warnings = support.no_weasyprint_warnings
meeting, ballot, decision = support.meeting, support.ballot, support.decision

pytestmark = pytest.mark.django_db


def test_an_issued_decision_is_its_register_entry_with_the_stored_pdf(issued):
    document = issued.document
    stored = IssuedFile.objects.get(document=document)

    assert (document.kind, document.issuer_code, document.series, document.year, document.number) == (
        DocumentKind.DECISION,
        "SKHCN",
        "QĐ",
        2025,
        1,
    )
    assert (issued.number_label, document.number_label, document.date) == (
        "01/QĐ-SKHCN",
        "01/QĐ-SKHCN",
        D(2025, 12, 20),
    )
    assert (document.source, document.summary, document.status) == (
        f"awards.decision:{issued.pk}",
        issued.title,
        "issued",
    )
    assert document.recipients == "- Như Điều 3;\n- Giám đốc, các Phó Giám đốc Sở;\n- Lưu: VT, VP."
    assert stored.filename == "QĐ-01-2025-SKHCN.pdf"
    text = pdftotext(bytes(stored.content))
    assert "Số: 01/QĐ-SKHCN" in text and "ngày 20 tháng 12 năm 2025" in text
    assert "DỰ THẢO" not in text


def test_reprints_of_an_issued_decision_are_byte_identical(issued, office_client):
    url = reverse("decision_pdf", args=[issued.pk])

    first, second = office_client.get(url).content, office_client.get(url).content

    assert first == second == bytes(issued.document.issued_file.content)
    assert hashlib.sha256(first).hexdigest() == issued.document.issued_file.sha256


def test_reprints_of_an_issued_proposal_are_byte_identical(proposal, office_client):
    url = reverse("proposal_pdf", args=[proposal.pk])

    first, second = office_client.get(url).content, office_client.get(url).content

    assert first == second == bytes(proposal.document.issued_file.content)
    assert proposal.document.number_label == "01/TTr-SKHCN"
    assert "Số: 01/TTr-SKHCN" in pdftotext(first)


def test_a_draft_decision_prints_dự_thảo_with_the_number_blank(conference, giay_khen, awardees, office_user):
    draft = draft_decision(conference, giay_khen, by=office_user)

    text = pdftotext(printing.decision_pdf(draft, by=office_user).content)

    assert "DỰ THẢO" in text
    assert "Số: /QĐ-SKHCN" in text
    assert OutgoingDocument.objects.count() == 0  # nothing on the register until it is issued


def test_a_correction_is_a_new_register_entry_citing_the_old_one(issued, signer, office_user):
    correction = replace_decision(issued, reason="Sai chức vụ", by=office_user)
    correction = issue_decision(correction, date=D(2025, 12, 28), signer=signer, by=office_user)

    old = issued.document
    new = correction.document
    assert (new.number_label, new.corrects, new.correction_reason) == ("02/QĐ-SKHCN", old, "Sai chức vụ")
    assert list(OutgoingDocument.objects.filter(corrects=old)) == [new]
    old.refresh_from_db()
    assert (old.status, old.number_label) == (DocumentStatus.ISSUED, "01/QĐ-SKHCN")  # kept as it was
    assert "thay thế Quyết định số 01/QĐ-SKHCN" in pdftotext(bytes(new.issued_file.content))


# --- the council's own records ---------------------------------------------------------------------


def test_the_minutes_and_the_vote_count_are_numbered_in_the_councils_series(meeting, ballot, office_user):
    meeting.status = MeetingStatus.CLOSED
    meeting.save()

    minutes = printing.issue_minutes(meeting, by=office_user)
    count = printing.issue_vote_count(ballot, by=office_user)

    assert [(d.number_label, d.issuer_code, d.date) for d in (minutes, count)] == [
        ("01/BB-HĐTĐKT", COUNCIL_ISSUER, meeting.date),
        ("02/BB-HĐTĐKT", COUNCIL_ISSUER, meeting.date),
    ]
    assert (minutes.signer_position, minutes.signer_name) == ("CHỦ TỌA", "Vũ Tuấn Anh")
    assert (count.signer_position, count.signer_name) == ("TRƯỞNG BAN KIỂM PHIẾU", "Phạm Văn Hùng")
    meeting.refresh_from_db()  # as the download views read it
    ballot.refresh_from_db()
    minutes_text = pdftotext(printing.minutes_pdf(meeting, by=office_user).content)
    count_text = pdftotext(printing.vote_count_pdf(ballot, by=office_user).content)
    assert "Số: 01/BB-HĐTĐKT" in minutes_text and "DỰ THẢO" not in minutes_text
    assert "Số: 02/BB-HĐTĐKT" in count_text and "DỰ THẢO" not in count_text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in count_text
    assert "Lê Thị Thanh Hương Ngô Đức Thắng Phạm Văn Hùng" in count_text


def test_the_council_records_reprint_byte_identical(meeting, ballot, office_user, office_client):
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    office_client.post(reverse("meeting_minutes_issue", args=[meeting.pk]), {"date": "2025-12-11"})
    office_client.post(reverse("ballot_count_issue", args=[ballot.pk]))
    meeting.refresh_from_db()
    ballot.refresh_from_db()

    minutes = [office_client.get(reverse("meeting_minutes_pdf", args=[meeting.pk])).content for _ in range(2)]
    counts = [office_client.get(reverse("ballot_count_pdf", args=[ballot.pk])).content for _ in range(2)]

    assert minutes[0] == minutes[1] == bytes(meeting.minutes_document.issued_file.content)
    assert counts[0] == counts[1] == bytes(ballot.count_document.issued_file.content)
    assert meeting.minutes_document.date == D(2025, 12, 11)
    assert "ngày 11 tháng 12 năm 2025" in pdftotext(minutes[0])


def test_draft_council_records_print_dự_thảo_and_a_blank_number(meeting, ballot, office_user):
    minutes_text = pdftotext(printing.minutes_pdf(meeting, by=office_user).content)
    count_text = pdftotext(printing.vote_count_pdf(ballot, by=office_user).content)

    assert "DỰ THẢO" in minutes_text and "Số: /BB-HĐTĐKT" in minutes_text
    assert "DỰ THẢO" in count_text and "/BB-HĐTĐKT" in count_text and "Số: 0" not in count_text


def test_minutes_of_a_meeting_still_open_are_not_issued(meeting, office_user):
    meeting.status = MeetingStatus.OPEN
    meeting.save()

    with pytest.raises(printing.NotPrintable) as raised:
        printing.issue_minutes(meeting, by=office_user)

    assert raised.value.code == "open"
    assert OutgoingDocument.objects.count() == 0


def test_a_vote_count_without_a_board_is_signed_by_the_secretary_and_the_chair(meeting, ballot):
    meeting.board_head = meeting.board_member_1 = meeting.board_member_2 = None
    meeting.save()

    signatures = printing.vote_count_signatures(meeting)

    assert [(s.position, s.name) for s in signatures] == [
        ("THƯ KÝ", meeting.secretary.full_name),
        ("CHỦ TỌA", "Vũ Tuấn Anh"),
    ]


def test_only_the_office_issues_the_council_records(meeting, council_client, office_user):
    meeting.status = MeetingStatus.CLOSED
    meeting.save()

    assert council_client.post(reverse("meeting_minutes_issue", args=[meeting.pk])).status_code == 403
    assert OutgoingDocument.objects.count() == 0


def test_the_demo_numbering_carries_over(conference, giay_khen, bang_khen, unit_a, money_rules, signer, office_user):
    """The register's per-kind series gives the numbers NumberSeries gave (issue 12: no renumbering)."""
    approved(conference, giay_khen, "Lê Văn Một", unit_a)
    first = issue_decision(
        draft_decision(conference, giay_khen, by=office_user), date=D(2025, 3, 2), signer=signer, by=office_user
    )
    approved(conference, bang_khen, "Lê Văn Hai", unit_a)
    second = issue_decision(
        draft_decision(conference, bang_khen, by=office_user), date=D(2025, 3, 3), signer=signer, by=office_user
    )

    assert [first.number_label, second.number_label] == ["01/QĐ-SKHCN", "01/TTr-SKHCN"]


def test_the_published_pdf_is_the_stored_file(issued, office_user):
    from awards.services.publishing import published_pdf, set_published

    set_published(issued, published=True, by=office_user)
    issued.refresh_from_db()

    assert published_pdf(issued).content == bytes(issued.document.issued_file.content)
