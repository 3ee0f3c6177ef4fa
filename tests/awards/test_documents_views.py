"""PDF views (permissions, 404s, filenames, modes), the links include and the printing admin."""

import pytest
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.urls import reverse

from awards.enums import BallotStatus, DecisionStatus, PrintMode
from awards.models import CertificatePrint
from awards.services import printing
from tests import awards_documents_support as support
from tests import factories as f
from tests.awards_documents_support import (
    pdftotext,
)

# The shared fixtures: pytest finds fixtures among a module's globals.
no_weasyprint_warnings = support.no_weasyprint_warnings
decision, proposal, meeting, ballot = support.decision, support.proposal, support.meeting, support.ballot

# --------------------------------------------------------------------------------- views


@pytest.fixture
def secretary_client(db):
    from django.test import Client

    client = Client()
    client.force_login(f.UserFactory(username="thuky-hd", roles=["council_member", "council_secretary"], is_staff=True))
    return client


def _urls(decision, proposal, meeting, ballot):
    entry = decision.entries.order_by("register_number").first()
    return {
        "decision": reverse("decision_pdf", args=[decision.pk]),
        "proposal": reverse("proposal_pdf", args=[proposal.pk]),
        "certificates": reverse("decision_certificates_pdf", args=[decision.pk]),
        "certificate": reverse("certificate_pdf", args=[entry.pk]),
        "calibration": reverse("certificate_calibration_pdf", args=[decision.award_form_id]),
        "minutes": reverse("meeting_minutes_pdf", args=[meeting.pk]),
        "vote_count": reverse("ballot_count_pdf", args=[ballot.pk]),
    }


def test_office_downloads_a_pdf_named_in_ascii_and_in_vietnamese(office_client, decision):
    response = office_client.get(reverse("decision_pdf", args=[decision.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"QD-05-2026-SKHCN.pdf\"; filename*=UTF-8''Q%C4%90-05-2026-SKHCN.pdf"
    )
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("proposal", "TTr-12-2026-SKHCN.pdf"),
        ("certificates", "GIAY-KHEN-QD-05-2026-SKHCN.pdf"),
        ("certificate", "GIAY-KHEN-QD-05-2026-SKHCN-so-1.pdf"),
        ("calibration", "can-chinh-GIAY-KHEN.pdf"),
        ("minutes", "BB-hop-HDTDKT-2025-12-10.pdf"),
    ],
)
def test_every_document_view_serves_its_pdf_to_the_office(
    office_client, decision, proposal, meeting, ballot, name, filename
):
    response = office_client.get(_urls(decision, proposal, meeting, ballot)[name])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{filename}"' in response["Content-Disposition"]


def test_certificates_view_takes_the_mode_and_logs_the_print(office_client, decision):
    url = reverse("decision_certificates_pdf", args=[decision.pk])

    text_only = office_client.get(url, {"mode": "text_only"})
    bogus = office_client.get(url, {"mode": "bogus"})

    assert text_only.status_code == 200
    assert 'filename="GIAY-KHEN-QD-05-2026-SKHCN-phoi.pdf"' in text_only["Content-Disposition"]
    assert "CỘNG HÒA" not in pdftotext(text_only.content, 1)
    assert bogus.status_code == 400
    assert set(CertificatePrint.objects.values_list("mode", "in_batch")) == {(PrintMode.TEXT_ONLY, True)}


@pytest.mark.parametrize(
    "name", ["decision", "proposal", "certificates", "certificate", "calibration", "minutes", "vote_count"]
)
def test_anonymous_users_are_sent_to_the_login_page(anon_client, decision, proposal, meeting, ballot, name):
    url = _urls(decision, proposal, meeting, ballot)[name]

    response = anon_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize(
    "name", ["decision", "proposal", "certificates", "certificate", "calibration", "minutes", "vote_count"]
)
def test_unit_staff_and_council_members_get_403(client_a, council_client, decision, proposal, meeting, ballot, name):
    url = _urls(decision, proposal, meeting, ballot)[name]

    assert client_a.get(url).status_code == 403
    assert council_client.get(url).status_code == 403
    assert not CertificatePrint.objects.exists()


@pytest.mark.parametrize(
    ("name", "status"),
    [("minutes", 200), ("vote_count", 200), ("decision", 403), ("certificates", 403), ("calibration", 403)],
)
def test_council_secretary_gets_the_minutes_and_vote_counts_only(
    secretary_client, decision, proposal, meeting, ballot, name, status
):
    assert secretary_client.get(_urls(decision, proposal, meeting, ballot)[name]).status_code == status


@pytest.mark.parametrize(
    "name",
    [
        "decision_pdf",
        "proposal_pdf",
        "decision_certificates_pdf",
        "certificate_pdf",
        "certificate_calibration_pdf",
        "meeting_minutes_pdf",
        "ballot_count_pdf",
    ],
)
def test_unknown_ids_are_404(office_client, name):
    assert office_client.get(reverse(name, args=[999_999])).status_code == 404


def test_wrong_type_draft_undecided_and_open_ballot_are_404(office_client, decision, proposal, ballot):
    draft = f.DocDecisionFactory(
        conference=decision.conference, award_form=decision.award_form, status=DecisionStatus.DRAFT
    )
    proposal.province_decision_number, proposal.province_decision_date = "", None
    proposal.save()
    ballot.status = BallotStatus.OPEN
    ballot.save()

    assert office_client.get(reverse("proposal_pdf", args=[decision.pk])).status_code == 404
    assert office_client.get(reverse("decision_pdf", args=[proposal.pk])).status_code == 404
    assert office_client.get(reverse("decision_certificates_pdf", args=[draft.pk])).status_code == 404
    assert office_client.get(reverse("decision_certificates_pdf", args=[proposal.pk])).status_code == 404
    assert office_client.get(reverse("ballot_count_pdf", args=[ballot.pk])).status_code == 404
    assert office_client.get(reverse("decision_pdf", args=[draft.pk])).status_code == 200
    assert not CertificatePrint.objects.exists()


def test_document_links_include(decision, proposal, testid_texts):
    from django.http import HttpResponse

    entries = list(decision.entries.order_by("register_number"))
    issued = HttpResponse(render_to_string("awards/_document_links.html", {"decision": decision, "entries": entries}))
    undecided_proposal = proposal
    undecided_proposal.province_decision_number = ""
    waiting = HttpResponse(
        render_to_string("awards/_document_links.html", {"decision": undecided_proposal, "entries": []})
    )

    html = issued.content.decode()
    assert reverse("decision_pdf", args=[decision.pk]) in html
    assert f'action="{reverse("decision_certificates_job", args=[decision.pk])}"' in html
    assert '<input type="hidden" name="mode" value="text_only">' in html
    assert reverse("certificate_pdf", args=[entries[4].pk]) in html
    assert reverse("certificate_calibration_pdf", args=[decision.award_form_id]) in html
    assert reverse("proposal_pdf", args=[proposal.pk]) in waiting.content.decode()
    assert testid_texts(waiting, "link-certificates-full") == []


# --------------------------------------------------------------------------------- admin


@pytest.fixture
def admin_client(db):
    from django.test import Client

    client = Client()
    client.force_login(User.objects.create_superuser("quantri", "quantri@example.com", "x"))
    return client


def test_layout_admin_edits_offsets_as_numbers(admin_client, giay_khen):
    layout = f.DocLayoutFactory(award_form=giay_khen, offsets={"recipient": [1, 2]})
    url = reverse("admin:awards_certificatelayout_change", args=[layout.pk])
    data = {
        "award_form": giay_khen.pk,
        "heading": "GIẤY KHEN",
        "issuer_line": "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "paper_width_mm": 297,
        "paper_height_mm": 210,
        "default_mode": PrintMode.TEXT_ONLY,
        "recipient_x": "2.5",
        "recipient_y": "-1",
        "signature_y": "4",
    }

    page = admin_client.get(url)
    response = admin_client.post(url, data)

    assert page.status_code == 200
    assert 'name="recipient_x" value="1"' in page.content.decode()
    assert response.status_code == 302
    layout.refresh_from_db()
    assert layout.offsets == {"recipient": [2.5, -1.0], "signature": [0, 4.0]}
    assert layout.default_mode == PrintMode.TEXT_ONLY


def test_print_log_admin_is_read_only(admin_client, decision, office_user):
    printing.certificates_pdf(decision, by=office_user)

    changelist = admin_client.get(reverse("admin:awards_certificateprint_changelist"))
    add = admin_client.get(reverse("admin:awards_certificateprint_add"))

    assert changelist.status_code == 200
    assert "Trung tâm Thông tin, thống kê, ứng dụng khoa học và công nghệ" in changelist.content.decode()
    assert add.status_code == 403


def test_admin_print_action_redirects_to_the_pdf(admin_client, decision):
    from awards.admin.printing import print_certificates_text_only, print_decision_document
    from awards.models import Decision

    class FakeAdmin:
        messages = []

        def message_user(self, request, message, level):
            self.messages.append(str(message))

    queryset = Decision.objects.filter(pk=decision.pk)
    redirect = print_decision_document(FakeAdmin(), None, queryset)
    certificates = print_certificates_text_only(FakeAdmin(), None, queryset)
    none = print_decision_document(FakeAdmin(), None, Decision.objects.none())

    assert redirect["Location"] == reverse("decision_pdf", args=[decision.pk])
    assert certificates["Location"] == reverse("decision_certificates_pdf", args=[decision.pk]) + "?mode=text_only"
    assert none is None
