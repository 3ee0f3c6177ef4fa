"""Each wired background job produces the right document, read back exactly (immediate backend)."""

import datetime
import io
import os
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import PrintMode
from awards.models import CertificatePrint, PrintedDocument
from awards.services import printing
from conference.documents import report
from conference.models import DelegateGroup
from conference.services import invitations, issuing
from hoinghi.letterhead import Signature
from jobs.models import GeneratedFile, JobStatus
from nominations import imports as cols
from nominations.exports import NominationListExporter
from nominations.models import Nomination
from nominations.views import excel as excel_views
from registry.models import IssuedFile
from tests import awards_documents_support as support
from tests.awards_documents_support import A4_LANDSCAPE, GK_ENTRIES, page_sizes, pdftotext
from tests.conference.test_invitations import make_delegate
from tests.nominations import test_excel as excel_tests

no_weasyprint_warnings = support.no_weasyprint_warnings
decision, proposal = support.decision, support.proposal
reference = excel_tests.reference


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
    assert [(h.history_type, h.history_user) for h in CertificatePrint.history.all()] == [("+", office_user)] * 5


def test_certificate_batch_job_renders_its_chunks_in_two_processes_in_order(
    office_client, office_user, decision, monkeypatch, settings
):
    from hoinghi import pdf
    from jobs import services

    settings.PDF_PROCESSES = 2
    monkeypatch.setattr(printing, "CERTIFICATE_CHUNK", 2)  # 3 chunks: 2 + 2 + 1 certificates
    pools, reported = [], []
    real_pool, real_progress = pdf._chunk_pool, services.Job.progress
    monkeypatch.setattr(pdf, "_chunk_pool", lambda processes: pools.append(processes) or real_pool(processes))
    monkeypatch.setattr(
        services.Job,
        "progress",
        lambda job, done, total, label="": reported.append((done, total)) or real_progress(job, done, total, label),
    )

    def not_here(*args, **kwargs):
        raise AssertionError("WeasyPrint ran in the worker's own process")

    monkeypatch.setattr(pdf, "_write_pdf", not_here)  # the spawned children import their own copy

    job = _started(office_client, reverse("decision_certificates_job", args=[decision.pk]), {"mode": "full"})
    content = _download(office_client, job)

    assert pools == [2]
    assert reported == [(2, 5), (4, 5), (5, 5)]
    assert (job.status, job.progress_done, job.progress_total) == (JobStatus.DONE, 5, 5)
    assert page_sizes(content) == [A4_LANDSCAPE] * 5
    for page, (number, _kind, name, description, _amount) in enumerate(GK_ENTRIES, start=1):
        text = pdftotext(content, page)
        assert re.findall(r"Số sổ vàng: (\d+)", text) == [str(number)]
        assert name in text
        assert description in text
    assert CertificatePrint.objects.count() == 5


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


# ---------------------------------------------------------------------------- invitations


def test_invitations_job_prints_every_letter_in_order(office_client, conference, monkeypatch):
    monkeypatch.setattr(invitations, "INVITATION_CHUNK", 2)
    group = DelegateGroup.objects.create(conference=conference, name="Lãnh đạo", order=1)
    names = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Quang Đạo"]
    for number, name in enumerate(names, start=1):
        make_delegate(conference, group, number, name, organisation="Sở Tài chính tỉnh Hưng Yên")

    job = _started(office_client, reverse("invitations_job"))
    content = _download(office_client, job)

    assert (job.status, job.progress_done, job.progress_total) == (JobStatus.DONE, 3, 3)
    assert job.progress_label == "Giấy mời đã dựng"
    assert job.filename == f"Giay-moi-{conference.slug}-du-thao.pdf"
    assert len(page_sizes(content)) == 3
    for page, name in enumerate(names, start=1):
        text = pdftotext(content, page)
        assert text.startswith("DỰ THẢO")
        assert name in text
        assert not any(other in text for other in names if other != name)
    assert (
        PrintedDocument.objects.values_list("what", flat=True).get() == f"Giấy mời: Giấy-mời-{conference.slug}-du-thao"
    )


def test_only_the_office_starts_the_invitations_job(client_a):
    response = client_a.post(reverse("invitations_job"))

    assert response.status_code == 403
    assert GeneratedFile.objects.count() == 0


# -------------------------------------------------------------------------------- exports


def _rows(content: bytes) -> list[list]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def test_nominations_export_job_writes_the_scoped_filtered_list(client_a, nomination_a, nomination_b):
    job = _started(client_a, reverse("nomination_export_job") + "?q=Hường")
    rows = _rows(_download(client_a, job))

    assert (job.status, job.progress_done, job.progress_total, job.progress_label) == (
        JobStatus.DONE,
        1,
        1,
        "Dòng đã ghi",
    )
    assert job.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert job.params["query"] == "q=H%C6%B0%E1%BB%9Dng"
    assert rows[0] == list(NominationListExporter.headers)
    assert [row[1] for row in rows[1:]] == ["Bà Nguyễn Thị Hường"]


def test_nominations_export_job_matches_the_direct_export(office_client, nomination_a, nomination_b):
    job = _started(office_client, reverse("nomination_export_job"))
    direct = office_client.get(reverse("nomination_export")).content

    assert _rows(_download(office_client, job)) == _rows(direct)
    assert len(_rows(direct)) == 3


def test_delegates_export_job_keeps_the_lists_order(office_client, conference):
    group = DelegateGroup.objects.create(conference=conference, name="Lãnh đạo", order=1)
    make_delegate(conference, group, 2, "Trần Thị Bích Ngọc", "female", "Phó Chủ tịch", "UBND huyện Văn Giang")
    make_delegate(conference, group, 1, "Nguyễn Văn An", "male", "Giám đốc", "Sở Tài chính tỉnh Hưng Yên")

    job = _started(office_client, reverse("delegates_export_job") + "?sort=-name")
    rows = _rows(_download(office_client, job))

    assert (job.progress_done, job.progress_total) == (2, 2)
    assert rows[0][:5] == ["STT", "Số giấy mời", "Thành phần", "Danh xưng", "Họ và tên"]
    assert [row[:5] for row in rows[1:]] == [
        [1, 2, "Lãnh đạo", "Bà", "Trần Thị Bích Ngọc"],
        [2, 1, "Lãnh đạo", "Ông", "Nguyễn Văn An"],
    ]


# -------------------------------------------------------------------------------- imports


def test_a_large_nomination_workbook_is_imported_by_a_job(office_client, reference, monkeypatch, settings):
    monkeypatch.setattr(excel_views, "BACKGROUND_IMPORT_BYTES", 0)
    rows = [excel_tests.individual(), excel_tests.individual(**{cols.NAME: "Lê Thị Lan", cols.GENDER: "Nữ"})]

    response = excel_tests.post_import(office_client, excel_tests.workbook_bytes(rows))
    job = GeneratedFile.objects.get()
    page = office_client.get(reverse("job_detail", args=[job.pk])).content.decode()

    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.status, job.progress_done, job.progress_total, job.file.name) == (JobStatus.DONE, 2, 2, "")
    assert job.progress_label == "Đã nhập 2 đề nghị ở trạng thái nháp."
    assert sorted(Nomination.objects.values_list("nominee__full_name", "status")) == [
        ("Lê Thị Lan", "draft"),
        ("Trần Văn Minh", "draft"),
    ]
    assert "Đã nhập 2 đề nghị ở trạng thái nháp." in page
    assert reverse("job_download", args=[job.pk]) not in page
    assert not os.listdir(os.path.join(settings.MEDIA_ROOT, "job-uploads"))


def test_a_large_workbook_with_errors_saves_nothing_and_lists_every_error(office_client, reference, monkeypatch):
    monkeypatch.setattr(excel_views, "BACKGROUND_IMPORT_BYTES", 0)
    rows = [
        excel_tests.individual(),
        excel_tests.individual(**{cols.NAME: "Minh", cols.GENDER: "Không rõ"}),
        excel_tests.individual(**{cols.WORK_UNIT: "Phòng Không Tồn Tại"}),
    ]

    excel_tests.post_import(office_client, excel_tests.workbook_bytes(rows))
    job = GeneratedFile.objects.get()
    page = office_client.get(reverse("job_detail", args=[job.pk])).content.decode()

    assert (job.status, job.error) == (JobStatus.FAILED, "Tệp có lỗi: chưa nhập dữ liệu nào.")
    assert [(e["row"], e["column"]) for e in job.error_details] == [
        (3, cols.NAME),
        (3, cols.GENDER),
        (4, cols.WORK_UNIT),
    ]
    assert job.error_details[2]["message"] == "“Phòng Không Tồn Tại” không có trong danh sách."
    assert Nomination.objects.count() == 0
    assert 'data-testid="import-errors"' in page
    assert "<td>4</td>" in page and "“Phòng Không Tồn Tại” không có trong danh sách." in page
    assert reverse("job_retry", args=[job.pk]) not in page  # the upload is used up: upload again


def test_a_small_workbook_is_still_imported_within_the_request(office_client, reference):
    response = excel_tests.post_import(office_client, excel_tests.workbook_bytes([excel_tests.individual()]))

    assert response["Location"] == reverse("nomination_list")
    assert GeneratedFile.objects.count() == 0
    assert Nomination.objects.count() == 1


# ------------------------------------------------------------------------------ the report


def test_report_job_prints_the_draft_then_the_issued_file(office_client, office_user, conference):
    job = _started(office_client, reverse("conference_report_job"), {"number": "12"})  # a number is not taken
    content = _download(office_client, job)
    assert (job.status, job.progress_done, job.progress_total) == (JobStatus.DONE, 1, 1)
    assert job.params == {"conference": conference.pk}
    assert job.filename == f"BC-tong-ket-{conference.slug}-du-thao.pdf"
    text = pdftotext(content)
    assert text.startswith("DỰ THẢO") and "12/BC" not in text
    assert text == pdftotext(report.report_pdf(conference).content)

    record = issuing.issue(
        issuing.TYPES["report"], conference, on=datetime.date(2025, 12, 22),
        signer=Signature("", "GIÁM ĐỐC", "Nguyễn Văn Giám"), recipients=["- Lưu: VT, VP."], by=office_user,
    )  # fmt: skip
    job = _started(office_client, reverse("conference_report_job"))
    assert _download(office_client, job) == bytes(IssuedFile.objects.get(document=record).content)


def test_report_job_is_for_the_office_only(office_client, client_a, conference):
    refused = client_a.post(reverse("conference_report_job"))
    assert refused.status_code == 403
    job = _started(office_client, reverse("conference_report_job"))
    assert job.params == {"conference": conference.pk}
