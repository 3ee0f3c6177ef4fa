"""Shared fixtures and readers for the PDF document tests (test_awards_documents*.py).

A decision with 2 collectives and 3 individuals, a decided Bằng khen proposal, a council meeting
of nine with one applied ballot; pdftotext / pdffonts / pypdf readers; and ``no_weasyprint_warnings``
(autouse where imported): any record of the "weasyprint" logger at WARNING or above fails the test.
"""

import datetime
import io
import logging
import re
import subprocess

import pytest
from pypdf import PdfReader

from awards.enums import CouncilRole, DocumentType, TallyOutcome
from awards.models import MeetingAttendance
from reference.enums import NomineeKind
from tests import factories as f

A4_LANDSCAPE = (841.89, 595.28)
A3_LANDSCAPE = (1190.55, 841.89)
A4_PORTRAIT = (595.28, 841.89)
FONT_NAME = re.compile(r"^[A-Z]{6}\+Liberation-Serif(-Bold|-Italic|-Bold-Italic)?$")
PDFFONTS_ROW = re.compile(r"^(\S+)\s+.*?\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$")
ORG_DESC = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"


@pytest.fixture(autouse=True)
def no_weasyprint_warnings(caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield
    noisy = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= logging.WARNING]
    assert noisy == []


def pdftotext(content: bytes, *pages: int) -> str:
    """The PDF's text (whitespace collapsed), or of one page with pages=(n,)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[0])]
    result = subprocess.run([*args, "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return " ".join(result.stdout.decode("utf-8").split())


def pdffonts(content: bytes) -> list[tuple[str, str, str]]:
    """(name, embedded, subset) of every font of the PDF."""
    result = subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True)  # noqa: S603, S607
    rows = result.stdout.decode().splitlines()[2:]
    return [(m[1], m[2], m[3]) for m in (PDFFONTS_ROW.match(row) for row in rows)]


def assert_only_liberation_serif(content: bytes) -> None:
    fonts = pdffonts(content)
    assert fonts, "no font in the PDF"
    assert all(FONT_NAME.match(name) for name, _emb, _sub in fonts), fonts
    assert all(emb == "yes" and sub == "yes" for _name, emb, sub in fonts), fonts


def page_sizes(content: bytes) -> list[tuple[float, float]]:
    return [
        (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
        for p in PdfReader(io.BytesIO(content)).pages
    ]


def make_entry(decision, number, kind, recipient, description, amount, achievement=""):
    gender = {"Ông": "male", "Bà": "female"}.get(recipient.split()[0], "")
    nominee = f.NomineeFactory(kind=kind, gender=gender, full_name=recipient.removeprefix("Ông ").removeprefix("Bà "))
    nomination = f.NominationFactory(conference=decision.conference, nominee=nominee, award_form=decision.award_form)
    return f.DocEntryFactory(
        decision=decision,
        nomination=nomination,
        register_number=number,
        kind=kind,
        recipient=recipient,
        description=description,
        amount=amount,
        achievement=achievement or "Hoàn thành xuất sắc nhiệm vụ năm 2025.",
    )


GK_ENTRIES = [
    (1, NomineeKind.COLLECTIVE, "Phòng Quản lý khoa học", ORG_DESC, 1_410_000),
    (2, NomineeKind.COLLECTIVE, "Trung tâm Thông tin, thống kê, ứng dụng khoa học và công nghệ", ORG_DESC, 1_410_000),
    (3, NomineeKind.INDIVIDUAL, "Bà Nguyễn Thị Hường", f"Trưởng phòng Quản lý khoa học, {ORG_DESC}", 710_000),
    (4, NomineeKind.INDIVIDUAL, "Ông Đặng Văn Bình", f"Chuyên viên, Phòng Chuyển đổi số, {ORG_DESC}", 710_000),
    (5, NomineeKind.INDIVIDUAL, "Bà Lê Thị Ánh Tuyết", f"Kế toán viên, Văn phòng Sở, {ORG_DESC}", 710_000),
]


@pytest.fixture
def decision(conference, giay_khen):
    """Quyết định 05/QĐ-SKHCN of 05/01/2026: 2 collectives and 3 individuals, 4,950,000 đ."""
    decision = f.DocDecisionFactory(conference=conference, award_form=giay_khen, total_amount=4_950_000)
    for row in reversed(GK_ENTRIES):  # created out of order: the list follows the register numbers
        make_entry(decision, *row)
    return decision


@pytest.fixture
def proposal(conference, bang_khen):
    """Tờ trình 12/TTr-SKHCN of 15/3/2026, decided by the province as 215/QĐ-UBND of 02/4/2026."""
    bang_khen.issuer = "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"
    bang_khen.save()
    proposal = f.DocDecisionFactory(
        conference=conference,
        award_form=bang_khen,
        document_type=DocumentType.PROPOSAL,
        number=12,
        symbol="TTr-SKHCN",
        date=datetime.date(2026, 3, 15),
        title="Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho các tập thể, cá nhân có "
        "thành tích xuất sắc trong các phong trào thi đua năm 2025",
        signer_authority="",
        signer_position="Giám đốc",
        signer_name="Vũ Tuấn Anh",
        legal_bases=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
        total_amount=10_530_000,
        province_decision_number="215/QĐ-UBND",
        province_decision_date=datetime.date(2026, 4, 2),
    )
    make_entry(
        proposal,
        1,
        NomineeKind.COLLECTIVE,
        "Phòng Chuyển đổi số",
        ORG_DESC,
        7_020_000,
        "Hai năm liền hoàn thành xuất sắc nhiệm vụ.",
    )
    make_entry(
        proposal, 2, NomineeKind.INDIVIDUAL, "Ông Phạm Quang Huy", f"Phó Trưởng phòng Quản lý công nghệ, {ORG_DESC}",
        3_510_000, "Chủ nhiệm 01 đề tài cấp tỉnh nghiệm thu loại xuất sắc.",
    )  # fmt: skip
    return proposal


SEATS = [
    ("Vũ Tuấn Anh", "Giám đốc Sở", CouncilRole.CHAIR),
    ("Phạm Văn Hùng", "Phó Giám đốc Sở", CouncilRole.VICE_CHAIR),
    ("Lê Thị Thanh Hương", "Phó Giám đốc Sở", CouncilRole.MEMBER),
    ("Đặng Quốc Khánh", "Trưởng phòng Kế hoạch - Tài chính", CouncilRole.MEMBER),
    ("Hoàng Thị Lan", "Trưởng phòng Quản lý khoa học", CouncilRole.MEMBER),
    ("Ngô Đức Thắng", "Trưởng phòng Quản lý công nghệ", CouncilRole.MEMBER),
    ("Bùi Văn Tiến", "Trưởng phòng Chuyển đổi số", CouncilRole.MEMBER),
    ("Đinh Thị Ngọc Ánh", "Chủ tịch Công đoàn cơ sở Sở", CouncilRole.MEMBER),
    ("Trần Thị Minh Thư", "Chánh Văn phòng Sở", CouncilRole.MEMBER_SECRETARY),
]


@pytest.fixture
def meeting(conference, decision, giay_khen):
    """Nine members, seven present, Khánh absent with a written opinion, Lan absent; one applied ballot."""
    members = [
        f.DocMemberFactory(conference=conference, full_name=name, position=position, role=role, order=i)
        for i, (name, position, role) in enumerate(SEATS)
    ]
    meeting = f.DocMeetingFactory(
        conference=conference,
        chair=members[0],
        secretary=members[-1],
        board_head=members[1],
        board_member_1=members[2],
        board_member_2=members[5],
    )
    for i, member in enumerate(members):
        MeetingAttendance.objects.create(
            meeting=meeting, member=member, present=i not in (3, 4), written_opinion=i == 3
        )
    ballot = f.DocBallotFactory(meeting=meeting, award_form=giay_khen, present_members=7)
    individuals = decision.entries.filter(kind=NomineeKind.INDIVIDUAL).order_by("register_number")
    results = [(7, 1, TallyOutcome.APPROVED), (5, 3, TallyOutcome.APPROVED), (4, 4, TallyOutcome.NOT_PASSED)]
    for order, (entry, (votes_for, against, outcome)) in enumerate(zip(individuals, results, strict=True)):
        f.DocBallotItemFactory(
            ballot=ballot, nomination=entry.nomination, order=order, votes_for=votes_for, votes_against=against,
            outcome=outcome, rank=order + 1,
        )  # fmt: skip
    for member in members[:8]:
        ballot.receipts.create(member=member, recorded_by=decision.created_by)
    return meeting


@pytest.fixture
def ballot(meeting):
    return meeting.ballots.get()
