"""seed_demo: the plan's demo data, loaded twice without duplicates or spurious changes."""

import datetime
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from awards import models as awards
from awards.enums import BallotStatus, CouncilRole, DecisionStatus, DocumentType, MeetingStatus, TallyOutcome
from awards.money import base_salary_on, reward_amount
from awards.services.decisions import legal_bases_on
from hoinghi.roles import unit_of
from nominations.enums import AttachmentKind, NominationStatus
from nominations.models import (
    Attachment,
    CommendationRecord,
    EligibilityRule,
    Nomination,
    Nominee,
)
from nominations.selectors import moves as nomination_moves
from reference.enums import MovementScope, NomineeKind
from reference.models import AwardForm, Conference, Movement, Organisation, Quota, StaffProfile, Unit
from registry.models import IssuedFile, OutgoingDocument, SeriesCounter
from tests.nominations_support import moves

UNIT_CODES = ["vp", "khtc", "qlkh", "qlcn", "tdc", "cds", "bcvt", "quy", "ttud", "ttkt", "ttcds"]
ROLE_MEMBERS = {
    "administrator": 1,
    "office_staff": 1,
    "director": 1,
    "council_secretary": 1,
    "council_member": 8,
    "unit_staff": 11,
}


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, int]:
    """Row counts of everything seed_demo writes, audit history included."""
    counted = [Organisation, Unit, Conference, Movement, AwardForm, Quota, StaffProfile]
    counted += [Nominee, Nomination, CommendationRecord, Attachment]
    counts = {model.__name__: model.objects.count() for model in counted}
    for model in [Organisation, Unit, Conference, AwardForm, Quota, StaffProfile, Nominee, Nomination]:
        counts[f"history:{model.__name__}"] = model.history.count()
    counts["moves:Nomination"] = nomination_moves().count()
    counts["User"] = User.objects.count()
    counts["memberships"] = User.groups.through.objects.count()
    return counts


@pytest.fixture
def seeded(db):
    return seed()


def test_second_run_creates_and_changes_nothing(seeded):
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert "created" not in output
    assert "updated" not in output
    assert "8 skipped" in output
    assert "council stage: skipped" in output
    assert "second round: skipped (the conference already has the second meeting)" in output


def test_reference_data_counts(seeded):
    assert Organisation.objects.get().abbreviation == "SKHCN"
    assert Unit.objects.count() == 11
    assert sorted(Unit.objects.values_list("code", flat=True)) == sorted(UNIT_CODES)
    assert Unit.objects.get(code="ttud").name == "Trung tâm Thông tin, thống kê, ứng dụng khoa học và công nghệ"
    assert Movement.objects.count() == 10  # the plan's nine and the 2025-2030 movement launched (issue 13)
    assert Movement.objects.filter(scope=MovementScope.DEPARTMENT).count() == 4
    assert Movement.objects.filter(scope=MovementScope.NATIONAL).count() == 6
    assert AwardForm.objects.count() == 2
    assert Quota.objects.count() == 4
    assert set(Quota.objects.values_list("minimum", "maximum")) == {(5, 10)}
    assert set(Quota.objects.values_list("kind", flat=True)) == {NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL}


def test_exactly_one_current_conference(seeded):
    current = Conference.objects.get(is_current=True)
    assert current.slug == "hoi-nghi-2025"
    assert Conference.objects.current() == current
    assert current.period_label == "Quý II/2025"
    assert current.expected_delegates == 60
    assert "87/KH-SKHCN" in current.plan_reference
    assert current.movements.count() == 10


def test_accounts_and_roles(seeded):
    assert User.objects.count() == 1 + 1 + 1 + 1 + 8 + 11
    for role, members in ROLE_MEMBERS.items():
        assert Group.objects.get(name=role).user_set.count() == members, role
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert User.objects.filter(is_superuser=True).count() == 1
    director = User.objects.get(username="giamdoc")
    assert (director.last_name, director.first_name) == ("Vũ", "Tuấn Anh")
    assert User.objects.filter(username__startswith="uyvien", is_staff=True).count() == 8


def test_unit_accounts_are_bound_to_their_units(seeded):
    for code in UNIT_CODES:
        user = User.objects.get(username=f"donvi-{code}")
        assert not user.is_staff
        assert user.staff_profile.unit.code == code
        assert unit_of(user) == Unit.objects.get(code=code)


def test_demo_password_works(seeded, client):
    # Through the login page: django-axes' backend needs the request that client.login() lacks.
    response = client.post(reverse("login"), {"username": "vanphong", "password": "hoinghi-demo"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_existing_passwords_are_kept_unless_reset(seeded):
    user = User.objects.get(username="vanphong")
    user.set_password("changed-by-the-office")
    user.save()
    seed()
    user.refresh_from_db()
    assert user.check_password("changed-by-the-office")
    seed("--reset-passwords")
    user.refresh_from_db()
    assert user.check_password("hoinghi-demo")


def test_sample_nominations_in_every_state(db):
    """Issue 2's samples, as they are without the council stage."""
    seed("--no-council")
    conference = Conference.objects.get(slug="hoi-nghi-2025")
    nominations = Nomination.objects.filter(conference=conference)
    assert nominations.count() == 8
    statuses = set(nominations.values_list("status", flat=True))
    assert statuses == {
        NominationStatus.DRAFT,
        NominationStatus.SUBMITTED,
        NominationStatus.RETURNED,
        NominationStatus.ACCEPTED,
    }
    assert nominations.values("proposing_unit").distinct().count() >= 5
    assert set(nominations.values_list("nominee__kind", flat=True)) == {NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL}
    returned = nominations.get(status=NominationStatus.RETURNED)
    assert returned.status_note
    for nomination in nominations.exclude(status=NominationStatus.DRAFT):
        assert nomination.attachments.filter(kind=AttachmentKind.ACHIEVEMENT_REPORT).count() == 1
        assert NominationStatus.SUBMITTED in [m.to_status for m in moves(nomination)]
        assert nomination.created_by.username == f"donvi-{nomination.proposing_unit.code}"
    assert CommendationRecord.objects.count() >= 8
    with Attachment.objects.first().file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_no_samples_option(db):
    output = seed("--no-samples")
    assert Nomination.objects.count() == 0
    assert "sample nominations" not in output
    assert Unit.objects.count() == 11


# --- The council stage (awards/demo.py): reference data and the story to a decision and a proposal ---

S = NominationStatus
AWARDS_MODELS = [
    EligibilityRule,
    awards.LegalBasis,
    awards.Signer,
    awards.BaseSalary,
    awards.RewardRule,
    awards.CertificateLayout,
    awards.CouncilMember,
    awards.CouncilMeeting,
    awards.MeetingAttendance,
    awards.Ballot,
    awards.BallotItem,
    awards.VoteReceipt,
    awards.TieDecision,
    awards.Decision,
    awards.DecisionEntry,
    SeriesCounter,
    OutgoingDocument,
    IssuedFile,
    awards.CertificatePrint,
    awards.PrintedDocument,
]
# Accepted nominations per award form and kind once the story's samples are in (issue 2's included).
ON_BALLOT = {
    ("giay-khen", NomineeKind.COLLECTIVE): 5,
    ("giay-khen", NomineeKind.INDIVIDUAL): 6,
    ("bang-khen", NomineeKind.COLLECTIVE): 5,
    ("bang-khen", NomineeKind.INDIVIDUAL): 5,
}
BELOW_THRESHOLD = "Lưu Thị Mai"


def council_snapshot() -> dict:
    """Row counts of the council stage (history included) and the values a rerun could change."""
    counts = {model.__name__: model.objects.count() for model in AWARDS_MODELS}
    for model in AWARDS_MODELS:
        if hasattr(model, "history"):
            counts[f"history:{model.__name__}"] = model.history.count()
    counts["statuses"] = sorted(Nomination.objects.values_list("nominee__full_name", "status"))
    counts["items"] = sorted(awards.BallotItem.objects.values_list("nomination_id", "votes_for", "rank", "outcome"))
    counts["decisions"] = sorted(awards.Decision.objects.values_list("number", "symbol", "date", "total_amount"))
    return counts


def test_second_run_changes_nothing_in_the_council_stage(seeded):
    before = council_snapshot()
    output = seed()
    assert council_snapshot() == before
    assert "council stage: skipped (the conference already has a council meeting)" in output
    assert "second round: skipped (the conference already has the second meeting)" in output
    for label in ("eligibility rules", "legal bases", "signers", "base salary", "reward rules", "certificate layouts"):
        assert f"  {label}: " in output and "created" not in output.split(f"  {label}: ")[1].splitlines()[0]


def test_story_counts(seeded):
    conference = Conference.objects.get(slug="hoi-nghi-2025")
    assert "council stage: 18 more accepted nominations, a council of 10" in seeded
    assert "01/QĐ-SKHCN of 25/06/2025 (10 on the list), 01/TTr-SKHCN of 26/06/2025 (10 on the list)" in seeded
    # The first round's 8 + 18, then the second round's late nomination and the one left waiting.
    assert Nomination.objects.filter(conference=conference).count() == 8 + 18 + 2
    assert awards.CouncilMember.objects.filter(conference=conference).count() == 10
    assert awards.CouncilMeeting.objects.count() == 2
    assert awards.MeetingAttendance.objects.count() == 2 * 10
    assert awards.Ballot.objects.count() == 4 + 1
    assert awards.BallotItem.objects.count() == sum(ON_BALLOT.values()) + 1 == 22
    # First round: eight present and one written opinion, per ballot; second: nine present.
    assert awards.VoteReceipt.objects.count() == 4 * 9 + 9
    assert awards.VoteReceipt.objects.filter(written_opinion=True).count() == 4
    assert awards.TieDecision.objects.count() == 0
    assert awards.Decision.objects.count() == 3
    assert awards.DecisionEntry.objects.count() == 20 + 1
    assert awards.CertificatePrint.objects.count() == 0  # certificates print on demand, not in the seed
    for (code, kind), n in ON_BALLOT.items():
        ballot = awards.Ballot.objects.get(award_form__code=code, kind=kind, meeting__date=datetime.date(2025, 6, 20))
        assert ballot.items.count() == n, (code, kind)


def test_council_seats_from_the_demo_accounts(seeded):
    seats = list(awards.CouncilMember.objects.select_related("user").order_by("order"))
    assert [(s.user.username, s.role) for s in seats] == [
        ("giamdoc", CouncilRole.CHAIR),
        ("uyvien1", CouncilRole.VICE_CHAIR),
        ("uyvien2", CouncilRole.VICE_CHAIR),
        *[(f"uyvien{n}", CouncilRole.MEMBER) for n in range(3, 9)],
        ("thuky", CouncilRole.MEMBER_SECRETARY),
    ]
    assert (seats[0].full_name, seats[0].position) == ("Vũ Tuấn Anh", "Giám đốc Sở")
    assert {(s.full_name, s.position) for s in seats[1:3]} == {
        ("Phạm Văn Hùng", "Phó Giám đốc Sở"),
        ("Lê Thị Thanh Hương", "Phó Giám đốc Sở"),
    }
    assert (seats[-1].full_name, seats[-1].position) == ("Trần Thị Minh Thư", "Chánh Văn phòng Sở")


def test_meeting_attendance_and_ballots(seeded):
    meeting = awards.CouncilMeeting.objects.select_related("chair", "secretary").get(date=datetime.date(2025, 6, 20))
    assert (meeting.date, meeting.start_time, meeting.end_time) == (
        datetime.date(2025, 6, 20),
        datetime.time(14, 0),
        datetime.time(16, 30),
    )
    assert meeting.place == "Phòng họp tầng 3, Sở Khoa học và Công nghệ"
    assert meeting.purpose.startswith("Xét đề nghị khen thưởng tập thể, cá nhân điển hình tiên tiến")
    assert meeting.status == MeetingStatus.CLOSED
    assert (meeting.chair.full_name, meeting.secretary.full_name) == ("Vũ Tuấn Anh", "Trần Thị Minh Thư")
    absent = meeting.attendance.filter(present=False).select_related("member__user")
    assert sorted((a.member.user.username, a.written_opinion) for a in absent) == [
        ("uyvien7", False),
        ("uyvien8", True),
    ]
    assert all(a.note for a in absent)
    for ballot in awards.Ballot.objects.filter(meeting=meeting):
        assert ballot.status == BallotStatus.APPLIED
        assert ballot.method == "secret"
        assert (ballot.total_members, ballot.present_members) == (10, 8)
        assert ballot.receipts.count() == 9
        assert ballot.receipts.filter(written_opinion=True, recorded_by__username="thuky").count() == 1
        for item in ballot.items.all():
            assert item.votes_for + item.votes_against == 9
            assert (item.ballots_issued, item.ballots_valid) == (9, 9)


def test_exactly_one_nominee_below_the_threshold(seeded):
    """5 of the 9 who voted agreed: 55.6% of the votes, but 50% of the ten members is not more than half."""
    failed = awards.BallotItem.objects.exclude(outcome=TallyOutcome.APPROVED).select_related("nomination__nominee")
    assert [(i.nomination.nominee.full_name, i.votes_for, i.outcome) for i in failed] == [
        (BELOW_THRESHOLD, 5, TallyOutcome.NOT_PASSED)
    ]
    assert awards.BallotItem.objects.filter(outcome=TallyOutcome.APPROVED, votes_for__lte=5).count() == 0
    nomination = Nomination.objects.get(nominee__full_name=BELOW_THRESHOLD)
    assert nomination.status == S.NOT_APPROVED
    assert "5" in [m.note for m in moves(nomination) if m.to_status == S.NOT_APPROVED][0]


def test_statuses_after_the_story(seeded):
    def statuses(code: str) -> Counter:
        return Counter(Nomination.objects.filter(award_form__code=code).values_list("status", flat=True))

    # Giấy khen: the Director's two decisions are issued, so their awardees are awarded (10 + 1);
    # one nomination accepted after the second meeting waits for the council.
    assert statuses("giay-khen") == Counter(
        {S.AWARDED: 11, S.NOT_APPROVED: 1, S.ACCEPTED: 1, S.SUBMITTED: 2, S.RETURNED: 1, S.DRAFT: 2}
    )
    # Bằng khen: proposed to the province, whose decision is not recorded: still approved.
    assert statuses("bang-khen") == Counter({S.APPROVED: 10})
    awarded = Nomination.objects.get(nominee__full_name="Hoàng Văn Dũng")  # an issue-2 sample, put to the council
    assert [t.to_status for t in moves(awarded)][-3:] == [S.ACCEPTED, S.APPROVED, S.AWARDED]
    for nomination in Nomination.objects.filter(status__in=[S.APPROVED, S.AWARDED, S.NOT_APPROVED]):
        assert nomination.attachments.filter(kind=AttachmentKind.ACHIEVEMENT_REPORT).count() == 1
        assert nomination.created_by.username == f"donvi-{nomination.proposing_unit.code}"
        assert nomination.nominee.commendations.exclude(category="other").exists() or (
            nomination.nominee.full_name in {"Phòng Đo lường - Thử nghiệm", "Phòng Hạ tầng số và An toàn thông tin"}
        )


def test_decision_and_proposal(seeded):
    decision = awards.Decision.objects.get(document_type=DocumentType.DECISION, number=1)
    assert (decision.number_label, decision.date, decision.status) == (
        "01/QĐ-SKHCN",
        datetime.date(2025, 6, 25),
        DecisionStatus.ISSUED,
    )
    assert (decision.signer_authority, decision.signer_position, decision.signer_name) == (
        "",
        "GIÁM ĐỐC",
        "Vũ Tuấn Anh",
    )
    assert decision.award_form.code == "giay-khen"
    # In force on 25/06/2025: the Law, Decree 98/2023 and the province's regulation of 2024 (not yet Decree 152).
    assert [line.split(" ")[2] for line in decision.legal_bases] == ["Luật", "Nghị", "Quyết"]
    assert "98/2023/NĐ-CP" in decision.legal_bases[1] and "11/2024/QĐ-UBND" in decision.legal_bases[2]
    entries = list(decision.entries.order_by("register_number"))
    assert [e.register_number for e in entries] == list(range(1, 11))
    assert [e.kind for e in entries] == [NomineeKind.COLLECTIVE] * 5 + [NomineeKind.INDIVIDUAL] * 5
    assert {e.amount for e in entries if e.kind == NomineeKind.INDIVIDUAL} == {710_000}  # 0.3 × 2,340,000 rounded up
    assert {e.amount for e in entries if e.kind == NomineeKind.COLLECTIVE} == {1_410_000}
    assert decision.total_amount == 5 * 710_000 + 5 * 1_410_000

    proposal = awards.Decision.objects.get(document_type=DocumentType.PROPOSAL)
    assert (proposal.number_label, proposal.date) == ("01/TTr-SKHCN", datetime.date(2025, 6, 26))
    assert (proposal.signer_authority, proposal.signer_position, proposal.signer_name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Phạm Văn Hùng",
    )
    assert proposal.province_decision_number == "" and proposal.province_decision_date is None
    assert proposal.total_amount == 5 * 3_510_000 + 5 * 7_020_000
    assert proposal.entries.count() == 10


def test_reference_data_of_the_council_stage(seeded):
    assert EligibilityRule.objects.count() == 15
    assert awards.LegalBasis.objects.count() == 5
    # After the 2025 reform: the Law, Decree 152/2025 and, from 05/08/2025, Circular 15/2025/TT-BNV.
    later = legal_bases_on(DocumentType.DECISION, datetime.date(2025, 9, 1))
    assert [line.split(" ")[2] for line in later] == ["Luật", "Nghị", "Thông"]
    assert "152/2025/NĐ-CP" in later[1]
    assert all("ngày 15 tháng 6 năm 2022" in line for line in later[:1])  # the Law cited without its number
    assert len(legal_bases_on(DocumentType.PROPOSAL, datetime.date(2025, 7, 15))) == 2
    assert base_salary_on(datetime.date(2024, 6, 30)) == 1_800_000
    assert base_salary_on(datetime.date(2024, 7, 1)) == 2_340_000
    giay_khen, bang_khen = AwardForm.objects.get(code="giay-khen"), AwardForm.objects.get(code="bang-khen")
    assert reward_amount(giay_khen, NomineeKind.INDIVIDUAL, datetime.date(2024, 3, 1)) == (
        Decimal("0.3"),
        1_800_000,
        540_000,
    )
    assert reward_amount(bang_khen, NomineeKind.COLLECTIVE, datetime.date(2025, 6, 26))[2] == 7_020_000
    layouts = {
        layout.award_form.code: (layout.heading, layout.issuer_line, layout.paper_width_mm, layout.paper_height_mm)
        for layout in awards.CertificateLayout.objects.select_related("award_form")
    }
    assert layouts == {
        "giay-khen": ("GIẤY KHEN", "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HƯNG YÊN", 297, 210),
        "bang-khen": ("BẰNG KHEN", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN", 420, 297),
    }
    assert sorted(awards.Signer.objects.values_list("full_name", "position", "authority_prefix")) == [
        ("Phạm Văn Hùng", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
        ("Vũ Tuấn Anh", "GIÁM ĐỐC", ""),
    ]


def test_the_audit_trail_of_the_story(seeded):
    def moves(model) -> Counter:
        reasons = model.history.exclude(history_change_reason=None).values_list("history_change_reason", flat=True)
        return Counter(reason.partition(": ")[0] for reason in reasons)

    assert moves(awards.CouncilMeeting) == {"planned → open": 2, "open → closed": 2}
    assert moves(awards.Ballot) == {
        "draft → open": 4 + 1,
        "open → sealed": 4 + 1,
        "sealed → closed": 4 + 1,
        "closed → applied": 4 + 1,
    }
    assert awards.VoteReceipt.history.filter(history_type="+").count() == 36 + 9
    assert moves(awards.Decision) == {"draft → issued": 3}
    for model in AWARDS_MODELS:
        if hasattr(model, "history"):
            assert not model.history.filter(history_change_reason__icontains="đồng ý").exists(), model


def test_no_council_option(db):
    output = seed("--no-council")
    assert "council stage" not in output
    assert Nomination.objects.count() == 8
    assert awards.CouncilMeeting.objects.count() == 0 and awards.CouncilMember.objects.count() == 0
    assert awards.Decision.objects.count() == 0
    # The reference data of the council stage still loads: the Office needs it for any decision.
    assert awards.LegalBasis.objects.count() == 5 and awards.Signer.objects.count() == 2
    assert awards.CertificateLayout.objects.count() == 2
    # The story can still be told later.
    seed()
    assert awards.CouncilMeeting.objects.count() == 2
    assert awards.Decision.objects.count() == 3


def test_story_skipped_when_the_conference_has_a_meeting(db):
    seed("--no-council")
    conference = Conference.objects.get(slug="hoi-nghi-2025")
    awards.CouncilMeeting.objects.create(
        conference=conference, purpose="Phiên họp của Văn phòng", date=datetime.date(2025, 6, 1),
        start_time=datetime.time(8, 0), place="Phòng họp tầng 2",
    )  # fmt: skip
    output = seed()
    assert "council stage: skipped" in output
    assert "second round: skipped (the first round's meeting is not there)" in output
    assert Nomination.objects.count() == 8
    assert awards.Ballot.objects.count() == 0 and awards.CouncilMember.objects.count() == 0


def test_demo_pages_are_filled(seeded, client):
    """What a new user opens first: the Office's results and decision pages, the voting admin."""
    client.force_login(User.objects.get(username="vanphong"))
    results = client.get(reverse("council_results"))
    assert results.status_code == 200
    assert results.content.decode().count('data-testid="item"') == 21 + 1
    decisions = client.get(reverse("decision_list"))
    assert decisions.content.decode().count('data-testid="decision"') == 3
    proposal = awards.Decision.objects.get(document_type=DocumentType.PROPOSAL)
    page = client.get(reverse("decision_detail", args=[proposal.pk])).content.decode()
    assert 'data-testid="province-form"' in page  # left for the user to record
    client.force_login(User.objects.get(username="uyvien3"))
    ballot = awards.Ballot.objects.first()
    vote = client.get(reverse("admin:awards_ballot_vote", args=[ballot.pk])).content.decode()
    assert 'data-testid="vote-recorded"' in vote


# --- The conference day: delegate groups and delegates (conference/demo.py, fixtures/demo_conference.json) ---

DEMO_GROUPS = [
    ("ubnd-tinh", 4),
    ("khoi-vhxh", 10),
    ("so-noi-vu", 3),
    ("so-khcn", 16),
    ("xa-phuong", 12),
    ("dien-hinh", 10),
    ("khac", 5),
]


def test_demo_delegates_fill_every_group_to_its_target(seeded):
    from conference.models import Delegate, DelegateGroup

    assert "delegates: groups 7 created; 60 delegates (10 from the awards), replies: " in seeded
    groups = DelegateGroup.objects.order_by("order")
    assert [(g.code, g.target, g.delegates.count()) for g in groups] == [(c, t, t) for c, t in DEMO_GROUPS]
    numbers = list(Delegate.objects.order_by("invitation_number").values_list("invitation_number", "group__code"))
    assert [n for n, _ in numbers] == list(range(1, 61))
    assert [code for _, code in numbers] == [c for c, t in DEMO_GROUPS for _ in range(t)]
    exemplars = Delegate.objects.filter(group__code="dien-hinh")
    assert exemplars.filter(nomination__isnull=True).count() == 0
    assert exemplars.filter(position="Đại diện tập thể").count() == 5
    on_decision = set(  # the first decision's: the second round comes after the conference day
        awards.DecisionEntry.objects.filter(
            decision__document_type=DocumentType.DECISION, decision__number=1
        ).values_list("nomination_id", flat=True)
    )
    assert set(exemplars.values_list("nomination_id", flat=True)) == on_decision
    assert Counter(Delegate.objects.values_list("rsvp", flat=True)) == {
        "confirmed": 24,
        "declined": 2,
        "invited": 32,
        "substitute": 2,
    }
    assert sorted(Delegate.objects.exclude(substitute_name="").values_list("substitute_name", flat=True)) == [
        "Nguyễn Thị Hồng Vân",
        "Đoàn Thị Mỹ Linh",
    ]


def test_second_run_leaves_the_delegates_alone(seeded):
    from conference.models import Delegate, DelegateGroup

    before = (Delegate.objects.count(), Delegate.history.count(), DelegateGroup.history.count())
    output = seed()
    assert "delegates: groups 7 unchanged; delegates skipped (the conference already has delegates)" in output
    assert (Delegate.objects.count(), Delegate.history.count(), DelegateGroup.history.count()) == before


def test_no_conference_day_option(db):
    from conference.models import Delegate, DelegateGroup

    output = seed("--no-conference-day")
    assert "delegates:" not in output
    assert DelegateGroup.objects.count() == 0 and Delegate.objects.count() == 0


def test_demo_delegate_page_is_filled(seeded, client):
    client.force_login(User.objects.get(username="vanphong"))
    response = client.get(reverse("delegate_list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 60
    assert [(g.code, g.target, g.invited) for g in response.context["groups"]] == [(c, t, t) for c, t in DEMO_GROUPS]


def test_demo_conference_day(seeded):
    import datetime

    from conference.enums import AgendaKind
    from conference.models import AgendaItem, AwardPresenter, CheckIn, Delegate
    from reference.models import Conference

    conference = Conference.objects.get(slug="hoi-nghi-2025")
    assert (conference.date, conference.start_time, conference.end_time) == (
        datetime.date(2025, 7, 4),
        datetime.time(8, 0),
        datetime.time(11, 30),
    )
    agenda = list(AgendaItem.objects.filter(conference=conference).order_by("order"))
    assert [item.kind for item in agenda] == [
        AgendaKind.OPENING,
        AgendaKind.REPORT,
        AgendaKind.EXEMPLAR_TALK,
        AgendaKind.EXEMPLAR_TALK,  # the plan's 30 minutes of talks, shared by three exemplars (issue 13)
        AgendaKind.EXEMPLAR_TALK,
        AgendaKind.HONOURING,
        AgendaKind.LAUNCH,
        AgendaKind.CONGRESS_DELEGATES,
        AgendaKind.CLOSING,
    ]
    assert [item.duration_minutes for item in agenda] == [10, 30, 10, 10, 10, 30, 15, 10, 10]
    talk = agenda[2]
    assert talk.nomination is not None and talk.presenter.startswith(talk.nomination.nominee.full_name)
    assert AwardPresenter.objects.filter(conference=conference).count() == 4
    assert Delegate.objects.filter(conference=conference, introduced_to_congress=True).count() == 3
    assert CheckIn.objects.filter(delegate__conference=conference).count() == 12
    assert set(CheckIn.objects.values_list("delegate__rsvp", flat=True)) == {"confirmed"}
