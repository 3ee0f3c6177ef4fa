"""The conference day's documents through the register (issue 12): draft → issued, read back with pdftotext -layout.

Each kind is issued through its one issue page (``conference_document_issue``) with a date that
is not today, a named signer and entered recipients; the issued PDF must carry the NĐ 30 wording
from those (not from today), and every later download must be the stored file, byte for byte.
"""

import datetime
import subprocess

import pytest
from django.urls import reverse

from conference.models import Delegate, DelegateGroup
from conference.services import issuing
from movements import registrations as plans
from registry.enums import DocumentStatus
from registry.models import IssuedFile, OutgoingDocument, SeriesCounter
from tests import factories as f
from tests.awards_documents_support import no_weasyprint_warnings as _no_weasyprint_warnings

no_weasyprint_warnings = _no_weasyprint_warnings
ISSUED_ON = datetime.date(2025, 7, 5)
PLACE_DATE = "Hưng Yên, ngày 05 tháng 7 năm 2025"
RECIPIENTS = "- Sở Nội vụ tỉnh Hưng Yên;\n- Ban Thi đua - Khen thưởng;\n- Lưu: VT, VP."


def layout_lines(content: bytes) -> list[str]:
    """pdftotext -layout, each line's runs of spaces collapsed."""
    result = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return [" ".join(line.split()) for line in result.stdout.decode().splitlines() if line.strip()]


def page_count(content: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def signers(org):
    head = f.SignerFactory(organisation=org, full_name="Nguyễn Văn Giám", position="Giám đốc", order=1)
    deputy = f.SignerFactory(
        organisation=org, full_name="Trần Thị Phó", position="Phó Giám đốc", authority_prefix="KT. Giám đốc", order=2
    )
    return head, deputy


@pytest.fixture
def day(conference):
    conference.date = datetime.date(2025, 7, 15)
    conference.start_time = datetime.time(8, 0)
    conference.venue = "Hội trường tầng 2"
    conference.save()
    return conference


@pytest.fixture
def group(day):
    return DelegateGroup.objects.create(conference=day, code="lanh-dao", name="Lãnh đạo các sở, ngành", target=80)


def add(conference, group, number, name):
    return Delegate.objects.create(conference=conference, group=group, invitation_number=number, full_name=name)


@pytest.fixture
def launch_movement(day, giay_khen, office_user):
    movement = f.MovementFactory(conference=day, name="Thi đua đổi mới sáng tạo", start_year=2025, end_year=2030)
    plans.save_plan(
        movement, goals="Khơi dậy tinh thần đổi mới sáng tạo.", deadline=datetime.date(2026, 3, 31),
        award_forms=[giay_khen], other_titles="", by=office_user,
    )  # fmt: skip
    return movement


def issue_url(code: str, key: str = "") -> str:
    if key:
        return reverse("conference_document_issue_for", args=[code, key])
    return reverse("conference_document_issue", args=[code])


def post_issue(client, url: str, signer, *, on=ISSUED_ON, recipients=RECIPIENTS):
    return client.post(url, {"date": on.isoformat(), "signer": signer.pk, "recipients": recipients})


# (code, key maker, download maker, number printed with the counter at 4, title line)
KINDS = {
    "report": (lambda t: "", lambda t: reverse("conference_report_pdf"), "Số: 05/BC-SKHCN", "BÁO CÁO"),
    "summary": (lambda t: "", lambda t: reverse("conference_summary_pdf"), "Số: 05/BC-SKHCN", "BÁO CÁO"),
    "progress": (
        lambda t: "2025-06-30",
        lambda t: reverse("conference_progress_pdf") + "?on=2025-06-30",
        "Số: 05/BC-SKHCN",
        "BÁO CÁO",
    ),
    "launch-plan": (
        lambda t: str(t.pk),
        lambda t: reverse("conference_launch_plan_pdf", args=[t.pk]),
        "Số: 05/KH-SKHCN",
        "KẾ HOẠCH",
    ),
}


@pytest.mark.parametrize("code", list(KINDS))
def test_each_document_is_a_draft_until_issued_then_the_stored_file(
    code, office_client, office_user, day, signers, launch_movement
):
    key_of, download_of, number_line, type_name = KINDS[code]
    target = launch_movement if code == "launch-plan" else day
    series = "KH" if code == "launch-plan" else "BC"
    SeriesCounter.objects.create(issuer_code="SKHCN", series=series, year=2025, last_number=4)

    draft = office_client.get(download_of(target)).content
    lines = layout_lines(draft)
    assert lines[0] == "DỰ THẢO"
    assert lines[3] == f"Số: /{number_line.split('/')[1]} Hưng Yên, ngày tháng năm"
    assert not OutgoingDocument.objects.exists()

    page = office_client.get(issue_url(code, key_of(target)))
    assert page.status_code == 200
    form = page.context["form"]
    assert (form["date"].value(), form["signer"].value()) == (datetime.date.today(), signers[0].pk)

    response = post_issue(office_client, issue_url(code, key_of(target)), signers[1])
    assert response.status_code == 302
    record = OutgoingDocument.objects.get()
    assert (record.status, record.number, record.date, record.number_label) == (
        DocumentStatus.ISSUED, 5, ISSUED_ON, number_line.removeprefix("Số: "),
    )  # fmt: skip
    assert (record.signer_authority, record.signer_position, record.signer_name) == (
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Phó",
    )  # fmt: skip

    first = office_client.get(download_of(target)).content
    second = office_client.get(download_of(target)).content
    stored = IssuedFile.objects.get(document=record)
    assert first == second == bytes(stored.content)
    lines = layout_lines(first)
    assert "DỰ THẢO" not in lines
    assert lines[2] == f"{number_line} {PLACE_DATE}"
    assert type_name in lines
    notes = lines.index(next(line for line in lines if line.startswith("Nơi nhận:")))
    assert "- Sở Nội vụ tỉnh Hưng Yên;" in lines[notes] + " ".join(lines[notes + 1 : notes + 4])
    tail = " ".join(lines[notes:])
    assert "- Ban Thi đua - Khen thưởng;" in tail and "- Lưu: VT, VP." in tail
    assert "KT. GIÁM ĐỐC" in tail and "PHÓ GIÁM ĐỐC" in tail and "Trần Thị Phó" in tail
    assert office_client.get(reverse("conference_issued_pdf", args=[record.pk])).content == first

    # issued once: a second POST is refused and issues nothing
    again = post_issue(office_client, issue_url(code, key_of(target)), signers[0])
    assert again.status_code == 200
    assert OutgoingDocument.objects.count() == 1


def test_sixty_delegates_one_invitation_number_then_a_supplementary_one(office_client, day, group, signers):
    SeriesCounter.objects.create(issuer_code="SKHCN", series="GM", year=2025, last_number=4)
    delegates = [add(day, group, n, f"Đại biểu Số {n:02d}") for n in range(1, 61)]
    draft = office_client.get(reverse("invitations_pdf")).content
    assert page_count(draft) == 60
    assert layout_lines(draft)[0] == "DỰ THẢO"

    assert post_issue(office_client, issue_url("invitation"), signers[0]).status_code == 302
    record = OutgoingDocument.objects.get()
    assert (record.number_label, record.date, record.summary) == ("05/GM-SKHCN", ISSUED_ON, f"Mời dự {day.name}")
    stored = bytes(IssuedFile.objects.get(document=record).content)
    assert page_count(stored) == 60
    assert Delegate.objects.filter(invitation=record).count() == 60
    lines = layout_lines(stored)
    assert lines.count("Số: 05/GM-SKHCN") == 0  # the number shares its line with the agency's name
    assert sum("Số: 05/GM-SKHCN" in line for line in lines) == 60
    assert sum(PLACE_DATE in line for line in lines) == 60
    assert "DỰ THẢO" not in lines

    # one delegate's copy: their page of the stored file, identical on every reprint
    seventh = Delegate.objects.get(pk=delegates[6].pk)
    assert (seventh.invitation_first_page, seventh.invitation_page_count) == (7, 1)
    copy = office_client.get(reverse("invitation_pdf", args=[seventh.pk])).content
    assert copy == office_client.get(reverse("invitation_pdf", args=[seventh.pk])).content
    text = " ".join(layout_lines(copy))
    assert "Số: 05/GM-SKHCN" in text and "Đại biểu Số 07" in text and seventh.token in text.replace(" ", "")
    assert page_count(copy) == 1
    assert office_client.get(reverse("invitations_pdf")).content == stored

    # a delegate added after the issue goes on a supplementary invitation with the next number
    late = add(day, group, 61, "Đại biểu Đến Sau")
    page = office_client.get(issue_url("invitation"))
    assert page.context["pending"] == 1 and page.context["supplementary"] is True
    assert (
        post_issue(office_client, issue_url("invitation"), signers[0], on=datetime.date(2025, 7, 8)).status_code == 302
    )
    supplement = OutgoingDocument.objects.exclude(pk=record.pk).get()
    assert (supplement.number_label, supplement.summary) == ("06/GM-SKHCN", f"Mời bổ sung dự {day.name}")
    late.refresh_from_db()
    assert (late.invitation_id, late.invitation_first_page) == (supplement.pk, 1)
    late_copy = layout_lines(office_client.get(reverse("invitation_pdf", args=[late.pk])).content)
    assert any("Số: 06/GM-SKHCN" in line and "ngày 08 tháng 7 năm 2025" in line for line in late_copy)
    assert Delegate.objects.filter(invitation=record).count() == 60

    # nobody waits: issuing again is refused
    assert post_issue(office_client, issue_url("invitation"), signers[0]).status_code == 200
    assert OutgoingDocument.objects.count() == 2


def test_the_agenda_carries_the_invitations_date(office_client, office_user, day, group, signers):
    from conference.services import agenda as agenda_services

    agenda_services.default_agenda(day)
    add(day, group, 1, "Nguyễn Văn An")
    before = layout_lines(office_client.get(reverse("agenda_pdf")).content)
    assert any("Hưng Yên, ngày tháng năm" in line for line in before)
    post_issue(office_client, issue_url("invitation"), signers[0])
    after = layout_lines(office_client.get(reverse("agenda_pdf")).content)
    assert any(PLACE_DATE in line for line in after)


def test_numbering_restarts_at_01_each_year(office_user, day, signers):
    from registry.forms import signature_of

    signature = signature_of(signers[0])
    last_year = issuing.issue(
        issuing.TYPES["report"], day, on=datetime.date(2025, 12, 30), signer=signature, recipients=["- Lưu"],
        by=office_user,
    )  # fmt: skip
    next_round = f.ConferenceFactory(organisation=day.organisation, year=2026, slug="hn-2026", is_current=False)
    this_year = issuing.issue(
        issuing.TYPES["report"], next_round, on=datetime.date(2026, 1, 5), signer=signature, recipients=["- Lưu"],
        by=office_user,
    )  # fmt: skip
    summary = issuing.issue(
        issuing.TYPES["summary"], next_round, on=datetime.date(2026, 1, 6), signer=signature, recipients=["- Lưu"],
        by=office_user,
    )  # fmt: skip
    assert [d.number_label for d in (last_year, this_year, summary)] == ["01/BC-SKHCN", "01/BC-SKHCN", "02/BC-SKHCN"]
    assert [d.year for d in (last_year, this_year, summary)] == [2025, 2026, 2026]


def test_the_issue_pages_refuse_an_unknown_kind_or_target(office_client, day, signers):
    assert office_client.get(issue_url("decision")).status_code == 404
    assert office_client.get(issue_url("launch-plan", "999999")).status_code == 404
    assert office_client.get(issue_url("progress", "2025-13-40")).status_code == 404
    assert office_client.get(issue_url("report", "1")).status_code == 404
