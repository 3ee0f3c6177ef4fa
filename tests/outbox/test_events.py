"""Each event's messages: who gets them, subject, content, and links that open for the recipient."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.enums import VoteMethod
from awards.services import council as council_services
from awards.services import voting
from conference.models import Delegate, DelegateGroup
from nominations import services as nomination_services
from nominations.enums import NominationStatus
from outbox import services
from outbox.models import Message, MessageStatus
from reference.enums import NomineeKind
from tests import awards_fixtures as fixtures
from tests import factories as f

S = NominationStatus
BASE = "https://thiduakhenthuong.example"
money_rules, signer, awardees, issued = fixtures.money_rules, fixtures.signer, fixtures.awardees, fixtures.issued


@pytest.fixture(autouse=True)
def public_base(settings):
    settings.PUBLIC_BASE_URL = BASE


@pytest.fixture
def addressed(staff_a, staff_b, office_user):
    for user in (staff_a, staff_b, office_user):
        user.email = f"{user.username}@hoinghi.example"
        user.save()
    staff_a.staff_profile.position = "Chuyên viên"
    staff_a.staff_profile.save()


def path_of(link: str) -> str:
    assert link.startswith(BASE + "/"), link
    return urlsplit(link).path + (f"?{urlsplit(link).query}" if urlsplit(link).query else "")


def link_in(body: str, prefix: str = BASE) -> str:
    return next(word for word in body.split() if word.startswith(prefix))


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("to", "note", "subject", "line"),
    [
        (S.RETURNED, "Thiếu báo cáo thành tích có xác nhận.", "Hồ sơ đề nghị khen thưởng cần bổ sung: ", "Lý do: "),
        (S.ACCEPTED, "", "Hồ sơ đã được tiếp nhận: ", "trình Hội đồng"),
        (S.REJECTED, "Không đủ thời gian công tác.", "Hồ sơ không được tiếp nhận: ", "Lý do: "),
    ],
)
def test_a_dossier_moved_by_the_office_mails_its_unit_only(
    addressed, nomination_a, staff_a, office_user, to, note, subject, line
):
    nomination_a.status = S.SUBMITTED
    nomination_a.save()
    nomination_services.transition(nomination_a, to, by=office_user, note=note)
    (message,) = Message.objects.all()
    name = nomination_a.nominee.full_name
    assert (message.kind, message.to_email, message.to_name, message.status, message.recipient) == (
        f"dossier_{to}",
        "donvi-a@hoinghi.example",
        staff_a.last_name + " " + staff_a.first_name if staff_a.last_name else "donvi-a",
        MessageStatus.DRAFT,
        staff_a,
    )
    assert message.subject == subject + name
    assert "Phòng Quản lý khoa học" in message.body
    assert line + note in message.body
    link = link_in(message.body)
    assert path_of(link) == reverse("nomination_detail", args=[nomination_a.public_id])
    assert client_of(staff_a).get(path_of(link)).status_code == 200
    assert mail.outbox == []


def test_returning_twice_is_two_events_but_queueing_one_again_adds_nothing(addressed, nomination_a, office_user):
    for _round in range(2):
        nomination_a.status = S.SUBMITTED
        nomination_a.save()
        nomination_services.transition(nomination_a, S.RETURNED, by=office_user, note="Bổ sung")
    assert Message.objects.filter(kind="dossier_returned").count() == 2
    assert nominations_mail().dossier_moved(nomination_a, S.RETURNED) == []


def nominations_mail():
    from nominations import mail as nominations_mail

    return nominations_mail


def test_the_call_for_nominations_goes_to_every_unit_after_review(addressed, conference, office_client, staff_a):
    conference.nomination_deadline = datetime.date(2025, 5, 31)
    conference.save()
    response = office_client.post(reverse("call_for_nominations"))
    assert response.status_code == 302
    assert response["Location"] == reverse("outbox_list") + "?kind=call_for_nominations&status=draft"
    drafts = Message.objects.filter(kind="call_for_nominations").order_by("to_email")
    assert [(m.to_email, m.status) for m in drafts] == [
        ("donvi-a@hoinghi.example", MessageStatus.DRAFT),
        ("donvi-b@hoinghi.example", MessageStatus.DRAFT),
    ]
    assert "Hạn gửi hồ sơ: 31/05/2025." in drafts[0].body
    assert "Kính gửi donvi-a – Phòng Quản lý khoa học," in drafts[0].body
    office_client.post(reverse("call_for_nominations"))
    assert Message.objects.filter(kind="call_for_nominations").count() == 2  # the same call, not again
    response = office_client.post(
        reverse("outbox_act"), {"action": "send", "scope": "filtered", "kind": "call_for_nominations"}
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["donvi-a@hoinghi.example", "donvi-b@hoinghi.example"]
    link = link_in(mail.outbox[0].body)
    assert client_of(staff_a).get(path_of(link)).status_code == 200


def test_reminders_reach_only_units_that_proposed_nothing_once_per_day_count(addressed, conference, nomination_a):
    conference.nomination_deadline = datetime.date(2025, 5, 31)
    conference.save()
    nomination_a.status = S.SUBMITTED
    nomination_a.save()
    call_command("nomination_reminders", "--today", "2025-05-23", "--days", "7", stdout=_Null())
    assert list(Message.objects.values_list("to_email", flat=True)) == []  # 8 days before: not a reminder day
    call_command("nomination_reminders", "--today", "2025-05-24", "--days", "7", stdout=_Null())
    call_command("nomination_reminders", "--today", "2025-05-24", "--days", "7", stdout=_Null())
    (message,) = Message.objects.all()
    assert (message.kind, message.to_email) == ("nomination_reminder", "donvi-b@hoinghi.example")
    assert message.subject == "Nhắc hạn gửi hồ sơ đề nghị khen thưởng – còn 7 ngày"
    assert "Hạn gửi hồ sơ là 31/05/2025 (còn 7 ngày)." in message.body


def test_the_daily_digest_lists_the_days_submissions_to_the_office(addressed, nomination_a, nomination_b):
    today = timezone.localdate()
    nomination_a.status, nomination_a.submitted_at = S.SUBMITTED, timezone.now()
    nomination_a.save()
    call_command("submissions_digest", "--day", today.isoformat(), stdout=_Null())
    (message,) = Message.objects.all()
    assert (message.kind, message.to_email) == ("submissions_digest", "vanphong@hoinghi.example")
    assert message.subject == f"Hồ sơ mới gửi ngày {today:%d/%m/%Y}: 1 hồ sơ"
    assert f"- Nguyễn Thị Hường – {nomination_a.award_form.name} – Phòng Quản lý khoa học" in message.body
    assert nomination_b.nominee.full_name not in message.body
    call_command("submissions_digest", "--day", (today - datetime.timedelta(days=1)).isoformat(), stdout=_Null())
    assert Message.objects.count() == 1  # a day without submissions sends nothing


def test_an_opened_ballot_invites_each_member_present_to_vote(meeting, council, giay_khen, unit_a, conference):
    secretary = council.secretary.user
    for user in council.users:
        user.email = f"{user.username}@hoinghi.example"
        user.save()
    f.NominationFactory(
        conference=conference,
        nominee=f.NomineeFactory(full_name="Lê Minh An", unit=unit_a),
        proposing_unit=unit_a,
        award_form=giay_khen,
        status=S.ACCEPTED,
        achievement_summary="Thành tích.",
    )
    absent = council.members[1]
    for member in council.members:
        council_services.record_attendance(meeting, member, present=member != absent, by=secretary)
    council_services.open_meeting(meeting, by=secretary)
    ballot = voting.create_ballot(
        meeting, award_form=giay_khen, kind=NomineeKind.INDIVIDUAL, method=VoteMethod.SECRET, by=secretary
    )
    voting.open_ballot(ballot, by=secretary)
    messages = Message.objects.filter(kind="ballot_opened").order_by("id")
    assert [m.to_email for m in messages] == [
        f"{m.user.username}@hoinghi.example" for m in council.members if m != absent
    ]
    message = messages[0]
    assert message.subject == f"Mời bỏ phiếu: {giay_khen.name} – Cá nhân"
    assert f"Kính gửi đồng chí {council.chair.full_name}," in message.body
    link = link_in(message.body)
    assert path_of(link) == reverse("admin:awards_ballot_vote", args=[ballot.pk])
    assert client_of(council.chair.user).get(path_of(link)).status_code == 200


def test_an_issued_decision_tells_the_units_concerned(addressed, issued, staff_b):
    (message,) = Message.objects.filter(kind="decision_issued")
    assert message.to_email == "donvi-a@hoinghi.example"
    assert message.subject.startswith("Quyết định số 01/QĐ-SKHCN ngày 20/12/2025: ")
    assert (
        "trong danh sách:\n\n- Phòng Quản lý khoa học\n- Trung tâm Thông tin và Thống kê\n- Ông Lê Văn An\n"
        "- Ông Đặng Văn Bình\n- Bà Nguyễn Thị Hường\n\nXem tại: " + BASE + "/nominations/?status=awarded"
    ) in message.body
    assert staff_b.email not in Message.objects.values_list("to_email", flat=True)


@pytest.fixture
def delegates(conference):
    conference.date = datetime.date(2025, 12, 20)
    conference.start_time, conference.end_time = datetime.time(8, 0), datetime.time(11, 30)
    conference.venue = "Hội trường tầng 2, Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    conference.organiser = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    conference.save()
    group = DelegateGroup.objects.create(conference=conference, code="lanh-dao", name="Lãnh đạo", target=5)
    rows = [
        ("Nguyễn Văn An", "male", "an@hoinghi.example"),
        ("Trần Thị Bích Ngọc", "female", ""),
        ("Lê Quang Đạo", "male", "dao@hoinghi.example"),
    ]
    return [
        Delegate.objects.create(
            conference=conference, group=group, invitation_number=n, full_name=name, gender=gender, email=email
        )
        for n, (name, gender, email) in enumerate(rows, start=1)
    ]


def test_invitations_by_email_carry_the_letter_the_link_and_the_calendar(
    delegates, office_client, office_user, monkeypatch
):
    monkeypatch.setattr("hoinghi.pdf.render_html_to_pdf", lambda html, *, base_url=None: b"%PDF-1.7 letter")
    response = office_client.get(reverse("invitation_list"))
    assert [d.full_name for d in response.context["without_email"]] == ["Trần Thị Bích Ngọc"]
    response = office_client.post(reverse("invitations_email"))
    assert response["Location"] == reverse("outbox_list") + "?kind=invitation&status=draft"
    drafts = list(Message.objects.filter(kind="invitation").order_by("id"))
    assert [(m.to_email, m.attachment_names) for m in drafts] == [
        ("an@hoinghi.example", ["Giay-moi-01-Nguyen-Van-An.pdf", "Hoi-nghi.ics"]),
        ("dao@hoinghi.example", ["Giay-moi-03-Le-Quang-Dao.pdf", "Hoi-nghi.ics"]),
    ]
    assert drafts[0].body.startswith("Kính gửi Ông Nguyễn Văn An,")
    office_client.post(reverse("invitations_email"))
    assert Message.objects.filter(kind="invitation").count() == 2
    services.send(drafts, by=office_user)
    sent = mail.outbox[0]
    assert (sent.to, sent.subject) == (["an@hoinghi.example"], f"Giấy mời: {delegates[0].conference.name}")
    link = link_in(sent.body)
    assert path_of(link) == reverse("rsvp", args=[delegates[0].token])
    assert Client().get(path_of(link)).status_code == 200
    (pdf_name, pdf, pdf_type), (ics_name, ics, ics_type) = sent.attachments
    assert (pdf_name, pdf, pdf_type) == ("Giay-moi-01-Nguyen-Van-An.pdf", b"%PDF-1.7 letter", "application/pdf")
    assert (ics_name, ics_type) == ("Hoi-nghi.ics", "text/calendar")
    event = parse_ics(ics if isinstance(ics, bytes) else ics.encode())
    assert event["DTSTART"] == "20251220T010000Z"  # 08:00 in Hà Nội
    assert event["DTEND"] == "20251220T043000Z"  # 11:30
    assert event["LOCATION"] == "Hội trường tầng 2, Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    assert event["SUMMARY"] == delegates[0].conference.name[:1].upper() + delegates[0].conference.name[1:]
    assert event["ORGANIZER"] == ('CN="Sở Khoa học và Công nghệ tỉnh Hưng Yên"', "mailto:hoinghi@localhost")
    assert event["URL"] == link
    assert event["DESCRIPTION"].endswith(f"\nXác nhận tham dự: {link}")
    assert event["UID"] == f"hoinghi-{delegates[0].conference.pk}-{delegates[0].pk}@thiduakhenthuong.example"


def parse_ics(raw: bytes) -> dict:
    """Read the .ics back per RFC 5545: CRLF lines, unfolding, escapes; the one VEVENT's properties."""
    text = raw.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    body = lines[lines.index("BEGIN:VEVENT") + 1 : lines.index("END:VEVENT")]
    event = {}
    for line in body:
        name, value = line.split(":", 1)
        if name.startswith("ORGANIZER;"):
            event["ORGANIZER"] = (name.split(";", 1)[1], value)
            continue
        event[name] = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
    return event


class _Null:
    def write(self, *args, **kwargs):
        pass
