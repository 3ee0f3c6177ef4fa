"""The Báo cáo to Sở Nội vụ (issue 4 §6): every figure equals a count made here by plain ORM queries."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import DecisionStatus, DocumentType
from awards.models import DecisionEntry
from conference.documents import report as documents
from conference.enums import Rsvp
from conference.models import CheckIn, Delegate, DelegateGroup
from conference.services import issuing
from conference.services.report import report_figures
from hoinghi.letterhead import Signature
from nominations.enums import NominationStatus
from nominations.models import Nomination
from reference.enums import NomineeKind
from registry.models import SeriesCounter
from tests import awards_documents_support as support
from tests import factories as f
from tests.awards_documents_support import make_entry, pdftotext

no_weasyprint_warnings = support.no_weasyprint_warnings
decision, proposal = support.decision, support.proposal

NOT_LIVE = [NominationStatus.REJECTED, NominationStatus.WITHDRAWN, NominationStatus.NOT_APPROVED]
APPROVED = [NominationStatus.APPROVED, NominationStatus.AWARDED]


@pytest.fixture
def story(conference, unit_a, unit_b, giay_khen, bang_khen, quotas, movement, decision, proposal, office_user):
    """Nominations of two units in several states, decided awards, an undecided proposal, delegates."""
    f.MovementFactory(conference=conference, name="Chuyển đổi số trong cơ quan", order=2)
    plan = [
        (unit_a, giay_khen, NomineeKind.INDIVIDUAL, NominationStatus.APPROVED),
        (unit_a, giay_khen, NomineeKind.INDIVIDUAL, NominationStatus.AWARDED),
        (unit_a, giay_khen, NomineeKind.COLLECTIVE, NominationStatus.ACCEPTED),
        (unit_a, bang_khen, NomineeKind.INDIVIDUAL, NominationStatus.REJECTED),
        (unit_b, giay_khen, NomineeKind.INDIVIDUAL, NominationStatus.NOT_APPROVED),
        (unit_b, bang_khen, NomineeKind.COLLECTIVE, NominationStatus.APPROVED),
        (unit_b, bang_khen, NomineeKind.INDIVIDUAL, NominationStatus.SUBMITTED),
        (unit_b, giay_khen, NomineeKind.INDIVIDUAL, NominationStatus.WITHDRAWN),
    ]
    for unit, form, kind, status in plan:
        nominee = f.NomineeFactory(kind=kind, unit=unit)
        f.NominationFactory(conference=conference, nominee=nominee, proposing_unit=unit, award_form=form, status=status)
    waiting = f.DocDecisionFactory(
        conference=conference, award_form=bang_khen, document_type=DocumentType.PROPOSAL, number=13, symbol="TTr-SKHCN"
    )
    make_entry(waiting, 1, NomineeKind.INDIVIDUAL, "Bà Đang Chờ Tỉnh", "Chuyên viên", 0)
    draft = f.DocDecisionFactory(conference=conference, award_form=giay_khen, status=DecisionStatus.DRAFT, number=None)
    make_entry(draft, None, NomineeKind.INDIVIDUAL, "Ông Dự Thảo", "Chuyên viên", 0)

    groups = [
        DelegateGroup.objects.create(conference=conference, code=f"g{i}", name=name, target=target, order=i)
        for i, (name, target) in enumerate([("Lãnh đạo tỉnh", 4), ("Các đơn vị", 6), ("Khác", 2)], start=1)
    ]
    people = [
        (groups[0], "Nguyễn Văn Tỉnh", Rsvp.CONFIRMED, True),
        (groups[0], "Trần Thị Ủy", Rsvp.DECLINED, False),
        (groups[1], "Lê Văn Đơn", Rsvp.CONFIRMED, True),
        (groups[1], "Phạm Thị Vị", Rsvp.SUBSTITUTE, True),
        (groups[1], "Hoàng Văn Mời", Rsvp.INVITED, False),
        (groups[1], "Vũ Thị Đến", Rsvp.INVITED, True),
    ]
    for number, (group, name, rsvp, came) in enumerate(people, start=1):
        delegate = Delegate.objects.create(
            conference=conference, group=group, full_name=name, rsvp=rsvp, invitation_number=number,
            position="Chuyên viên", organisation="Sở Nội vụ", phone="0988000111", email="x@example.vn",
        )  # fmt: skip
        if came:
            CheckIn.objects.create(delegate=delegate, by=office_user)
    return conference


def _decided_entries(conference):
    """Written here from the rule, not from the code: issued QĐ, or issued TTr with the province's number."""
    issued = DecisionEntry.objects.filter(decision__conference=conference, decision__status=DecisionStatus.ISSUED)
    return issued.exclude(decision__document_type=DocumentType.PROPOSAL, decision__province_decision_number="")


def test_nominations_by_unit_and_status(story):
    figures = report_figures(story)
    nominations = Nomination.objects.filter(conference=story)
    live = nominations.exclude(status__in=NOT_LIVE)
    units = {name for name, _total, _approved in figures.units}
    assert units == set(live.values_list("proposing_unit__name", flat=True))
    for name, total, approved in figures.units:
        assert total == live.filter(proposing_unit__name=name).count()
        assert approved == live.filter(proposing_unit__name=name, status__in=APPROVED).count()
    by_label = dict(figures.statuses)
    assert len(by_label) == len(NominationStatus)
    for status in NominationStatus:
        assert by_label[str(status.label)] == nominations.filter(status=status).count()
    assert figures.nominations_total == nominations.count()


def test_awards_against_quotas(story, giay_khen, bang_khen):
    figures = report_figures(story)
    live = Nomination.objects.filter(conference=story).exclude(status__in=NOT_LIVE)
    assert len(figures.quotas) == 4
    names = {giay_khen.name: giay_khen, bang_khen.name: bang_khen}
    kinds = {str(k.label): k for k in NomineeKind}
    decided = _decided_entries(story)
    for row in figures.quotas:
        form, kind = names[row.award_form], kinds[row.kind]
        mine = live.filter(award_form=form, nominee__kind=kind)
        assert row.proposed == mine.count()
        assert row.approved == mine.filter(status__in=APPROVED).count()
        assert row.honoured == decided.filter(decision__award_form=form, kind=kind).count()
    assert sum(row.honoured for row in figures.quotas) == 7  # 5 on the QĐ, 2 on the decided TTr
    assert sorted((d.number, d.entries, d.province_number) for d in figures.documents) == [
        ("05/QĐ-SKHCN", 5, ""),
        ("12/TTr-SKHCN", 2, "215/QĐ-UBND"),
        ("13/TTr-SKHCN", 1, ""),
    ]


def test_conference_figures_by_group(story):
    figures = report_figures(story)
    for row in figures.groups:
        mine = Delegate.objects.filter(conference=story, group__name=row.name)
        assert row.target == DelegateGroup.objects.get(conference=story, name=row.name).target
        assert row.invited == mine.count()
        assert row.confirmed == mine.filter(rsvp=Rsvp.CONFIRMED).count()
        assert row.substitutes == mine.filter(rsvp=Rsvp.SUBSTITUTE).count()
        assert row.declined == mine.filter(rsvp=Rsvp.DECLINED).count()
        assert row.present == CheckIn.objects.filter(delegate__in=mine).count()
    totals = figures.totals
    assert totals.invited == Delegate.objects.filter(conference=story).count() == 6
    assert totals.present == CheckIn.objects.filter(delegate__conference=story).count() == 4
    assert len(figures.present) == 4
    assert len(figures.awardees) == _decided_entries(story).count()


def test_report_pdf(story, office_user):
    signature = Signature("", "GIÁM ĐỐC", "Nguyễn Văn Giám")
    SeriesCounter.objects.create(issuer_code="SKHCN", series="BC", year=2025, last_number=6)
    record = issuing.issue(
        issuing.TYPES["report"], story, on=datetime.date(2025, 12, 22), signer=signature, recipients=["- Lưu: VT."],
        by=office_user,
    )  # fmt: skip
    text = pdftotext(issuing.stored_pdf(record).content)
    for expected in [
        "UBND TỈNH HƯNG YÊN",
        "Số: 07/BC-SKHCN",
        "Hưng Yên, ngày 22 tháng 12 năm 2025",
        "Kèm theo Báo cáo số 07/BC-SKHCN ngày 22 tháng 12 năm 2025",
        "BÁO CÁO",
        "Kính gửi: Sở Nội vụ tỉnh Hưng Yên",
        "I. CÁC PHONG TRÀO THI ĐUA ĐƯỢC TỔNG KẾT",
        "Chuyển đổi số trong cơ quan",
        "Quyết định số 05/QĐ-SKHCN",
        "Quyết định số 215/QĐ-UBND",
        "Số đại biểu được mời: 06; xác nhận tham dự: 02; cử người dự thay: 01; báo vắng: 01; có mặt: 04",
        "Phụ lục I",
        "Phụ lục II",
        "Nơi nhận:",
    ]:
        assert expected in text, expected
    for entry in _decided_entries(story):
        assert entry.recipient in text
    for delegate in Delegate.objects.filter(conference=story):
        assert (delegate.full_name in text) == hasattr(delegate, "check_in")
    assert "Đang Chờ Tỉnh" not in text and "Dự Thảo" not in text
    assert "0988000111" not in text


def test_report_without_number_leaves_it_blank(story):
    assert_blank_number(pdftotext(documents.report_pdf(story).content))


def assert_blank_number(text):
    assert "/BC-SKHCN" in text
    assert not re.search(r"\d/BC-SKHCN", text)


def test_report_workbook(story):
    book = load_workbook(io.BytesIO(documents.report_xlsx(story)))
    assert book.sheetnames == list(documents.SHEET_TITLES)

    def rows(title):
        return [list(r) for r in book[title].iter_rows(values_only=True)][1:]

    assert rows("Phong trào") == [[1, "Đổi mới sáng tạo, ứng dụng tiến bộ khoa học và công nghệ"],
                                  [2, "Chuyển đổi số trong cơ quan"]]  # fmt: skip
    assert rows("Đại biểu theo thành phần") == [
        ["Lãnh đạo tỉnh", 4, 2, 1, 0, 1, 1],
        ["Các đơn vị", 6, 4, 1, 1, 0, 3],
        ["Khác", 2, 0, 0, 0, 0, 0],
    ]
    awardees = rows("PL1 Tập thể, cá nhân")
    decided = _decided_entries(story).order_by("decision__award_form__order", "kind", "register_number")
    assert [r[1] for r in awardees] == [e.recipient for e in decided]
    assert awardees[0] == [1, "Phòng Quản lý khoa học", support.ORG_DESC, "Tập thể", "Giấy khen của Giám đốc Sở",
                           "05/QĐ-SKHCN"]  # fmt: skip
    assert awardees[-1][-1] == "215/QĐ-UBND"
    present = rows("PL2 Đại biểu có mặt")
    assert sorted(r[1] for r in present) == sorted(
        CheckIn.objects.filter(delegate__conference=story).values_list("delegate__full_name", flat=True)
    )
    assert sum(r[1] for r in rows("Theo trạng thái")) == Nomination.objects.filter(conference=story).count()
    quota_rows = rows("Khen thưởng - chỉ tiêu")
    assert sum(r[6] for r in quota_rows) == _decided_entries(story).count()


def test_report_downloads_for_the_office(story, office_client):
    response = office_client.get(reverse("conference_report_pdf"), {"number": "12"})  # no number is taken from a URL
    assert response["Content-Type"] == "application/pdf"
    text = pdftotext(response.content)
    assert text.startswith("DỰ THẢO") and "Số: /BC-SKHCN" in text and "Kèm theo Báo cáo số /BC-SKHCN" in text
    response = office_client.get(reverse("conference_report_xlsx"))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames == list(documents.SHEET_TITLES)
