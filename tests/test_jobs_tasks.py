"""Each wired background job produces the right document, read back exactly (immediate backend)."""

import pytest
from django.urls import reverse

from awards.enums import PrintMode
from awards.models import AuditAction, AuditEntry, CertificatePrint
from awards.services import printing
from jobs.models import GeneratedFile, JobStatus
from tests import awards_documents_support as support
from tests.awards_documents_support import A4_LANDSCAPE, GK_ENTRIES, page_sizes, pdftotext

no_weasyprint_warnings = support.no_weasyprint_warnings
decision, proposal = support.decision, support.proposal


def _download(client, job) -> bytes:
    response = client.get(reverse("job_download", args=[job.pk]))
    content = b"".join(response.streaming_content)
    return content


def _started(client, url, data=None) -> GeneratedFile:
    response = client.post(url, data or {})
    job = GeneratedFile.objects.latest("id")
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    return job


# --------------------------------------------------------------------------- certificates


def test_certificate_batch_job_renders_in_chunks_one_page_per_awardee_in_order(
    office_client, office_user, decision, monkeypatch
):
    monkeypatch.setattr(printing, "CERTIFICATE_CHUNK", 2)

    job = _started(office_client, reverse("decision_certificates_job", args=[decision.pk]), {"mode": "full"})
    content = _download(office_client, job)

    assert (job.status, job.progress_done, job.progress_total) == (JobStatus.DONE, 5, 5)
    assert job.progress_label == "Trang khen đã dựng"
    assert job.title == "Bản in khen thưởng theo Quyết định 05/QĐ-SKHCN (In đầy đủ mẫu)"
    assert (job.filename, job.display_name) == ("GIAY-KHEN-QD-05-2026-SKHCN.pdf", "GIẤY-KHEN-QĐ-05-2026-SKHCN.pdf")
    assert job.size == len(content)
    assert page_sizes(content) == [A4_LANDSCAPE] * 5
    for page, (number, _kind, name, description, _amount) in enumerate(GK_ENTRIES, start=1):
        text = pdftotext(content, page)
        assert name in text
        assert f"Số sổ vàng: {number}" in text
        assert description in text
    assert set(CertificatePrint.objects.values_list("mode", "in_batch", "reprint_number", "printed_by")) == {
        (PrintMode.FULL, True, 1, office_user.pk)
    }
    assert CertificatePrint.objects.count() == 5
    assert list(AuditEntry.objects.filter(action=AuditAction.CERTIFICATE_PRINTED).values_list("target", flat=True)) == [
        "05/QĐ-SKHCN: 5 × GIẤY KHEN (In đầy đủ mẫu)"
    ]


def test_certificate_batch_job_text_only_matches_the_direct_download(office_client, office_user, decision):
    job = _started(office_client, reverse("decision_certificates_job", args=[decision.pk]), {"mode": "text_only"})
    content = _download(office_client, job)
    direct = printing.certificates_pdf(decision, mode=PrintMode.TEXT_ONLY, by=office_user).content

    assert job.filename == "GIAY-KHEN-QD-05-2026-SKHCN-phoi.pdf"
    assert [pdftotext(content, page) for page in range(1, 6)] == [pdftotext(direct, page) for page in range(1, 6)]
    assert "CỘNG HÒA" not in pdftotext(content, 1)


@pytest.mark.parametrize(("who", "status"), [("client_a", 403), ("anon_client", 302)])
def test_only_the_office_starts_a_certificate_job(request, decision, who, status):
    client = request.getfixturevalue(who)

    response = client.post(reverse("decision_certificates_job", args=[decision.pk]), {"mode": "full"})

    assert response.status_code == status
    assert GeneratedFile.objects.count() == 0


def test_a_bogus_mode_or_a_draft_starts_no_job(office_client, decision):
    bogus = office_client.post(reverse("decision_certificates_job", args=[decision.pk]), {"mode": "bogus"})
    decision.status = "draft"
    decision.save(update_fields=["status"])
    draft = office_client.post(reverse("decision_certificates_job", args=[decision.pk]), {"mode": "full"})

    assert (bogus.status_code, bogus.content.decode()) == (400, "Chế độ in không hợp lệ: bogus.")
    assert draft.status_code == 404
    assert GeneratedFile.objects.count() == 0
