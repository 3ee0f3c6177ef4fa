"""The Office's outbox pages, the templates page with its preview, the bell, the demo mailbox."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobs.models import GeneratedFile, JobStatus
from nominations import services as nomination_services
from nominations.enums import NominationStatus
from outbox import services
from outbox.models import Message, MessageStatus, MessageTemplate, StoredMail
from outbox.services import Recipient
from tests.browser_support import vi

S = NominationStatus


def _messages(n: int, kind="call_for_nominations"):
    recipients = [Recipient(email=f"u{i}@hoinghi.example", name=f"Cán bộ {i}") for i in range(n)]
    return services.queue(kind, event_key="call:1", recipients=recipients, context={"deadline": "31/05/2025"})


def test_the_outbox_lists_searches_and_filters(db, office_client):
    _messages(3)
    Message.objects.filter(to_email="u2@hoinghi.example").update(status=MessageStatus.SENT)
    response = office_client.get(reverse("outbox_list"))
    assert [m.to_email for m in response.context["page"]] == [
        "u2@hoinghi.example",
        "u1@hoinghi.example",
        "u0@hoinghi.example",
    ]
    assert response.context["waiting"] == 2
    response = office_client.get(reverse("outbox_list"), {"status": "draft", "q": "cán bộ 1"})
    assert [m.to_email for m in response.context["page"]] == ["u1@hoinghi.example"]
    response = office_client.get(reverse("outbox_list"), {"kind": "dossier_returned"})
    assert list(response.context["page"]) == []


@pytest.mark.parametrize("rows", [1, 3])
def test_the_outbox_list_asks_the_same_queries_for_one_row_or_three(db, office_client, rows, django_assert_num_queries):
    _messages(rows)
    office_client.get(reverse("outbox_list"))
    with django_assert_num_queries(5):  # session, the user with the groups; the count, the page, the waiting count
        office_client.get(reverse("outbox_list"))


def test_the_office_edits_sends_and_discards_from_the_pages(db, office_client, office_user):
    first, second, third = _messages(3)
    url = reverse("outbox_message", args=[first.pk])
    response = office_client.post(url, {"subject": "Đề nghị gửi hồ sơ", "body": "Nội dung sửa"})
    assert response.status_code == 302
    office_client.post(reverse("outbox_act"), {"action": "send", "ids": [first.pk, second.pk]})
    office_client.post(reverse("outbox_act"), {"action": "discard", "ids": [third.pk, first.pk]})
    statuses = dict(Message.objects.values_list("to_email", "status"))
    assert statuses == {
        "u0@hoinghi.example": MessageStatus.SENT,
        "u1@hoinghi.example": MessageStatus.SENT,
        "u2@hoinghi.example": MessageStatus.DISCARDED,
    }
    assert [(m.to, m.subject, m.body) for m in mail.outbox][0] == (
        ["u0@hoinghi.example"],
        "Đề nghị gửi hồ sơ",
        "Nội dung sửa",
    )
    response = office_client.post(url, {"subject": "Lần nữa", "body": "x"}, follow=True)
    assert [str(m) for m in response.context["messages"]][-1] == vi(
        "Only a message waiting for review or a failed one can be changed."
    )


def test_the_template_page_refuses_an_unknown_placeholder_and_previews_real_data(
    db, office_client, nomination_a, office_user
):
    nomination_a.status = S.SUBMITTED
    nomination_a.save()
    nomination_services.transition(nomination_a, S.RETURNED, by=office_user, note="Thiếu minh chứng")
    url = reverse("outbox_template_edit", args=["dossier_returned"])
    response = office_client.get(url)
    subject, body = response.context["preview"]
    assert subject == "Hồ sơ đề nghị khen thưởng cần bổ sung: Nguyễn Thị Hường"
    assert "Lý do: Thiếu minh chứng" in body
    form = {"subject": "Trả lại {{ hoso }}", "body": "{{ reason }}"}
    response = office_client.post(url, form)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "subject": ["Không có trường thay thế {{ hoso }}. Các trường dùng được được liệt kê dưới biểu mẫu."]
    }
    assert MessageTemplate.objects.get(code="dossier_returned").subject != "Trả lại {{ hoso }}"
    response = office_client.post(url, {"subject": "Trả lại {{ dossier }}", "body": "{{ reason }}", "preview": "1"})
    assert response.context["preview"] == ("Trả lại Nguyễn Thị Hường", "Thiếu minh chứng")
    office_client.post(url, {"subject": "Trả lại {{ dossier }}", "body": "{{ reason }}", "send_without_review": "on"})
    saved = MessageTemplate.objects.get(code="dossier_returned")
    assert (saved.subject, saved.send_without_review, saved.updated_by) == ("Trả lại {{ dossier }}", True, office_user)
    assert office_client.get(reverse("outbox_template_edit", args=["no_such_kind"])).status_code == 404


def test_the_bell_counts_what_waits_and_opening_marks_it_read(
    db, client_a, office_client, nomination_a, office_user, staff_a
):
    nomination_a.status = S.SUBMITTED
    nomination_a.save()
    response = office_client.get(reverse("notice_bell"))
    assert [(r["kind"].code, r["count"]) for r in response.context["rows"]] == [("jobs", 0), ("review", 1)]
    nomination_services.transition(nomination_a, S.RETURNED, by=office_user, note="Bổ sung")
    GeneratedFile.objects.create(
        kind="x",
        title="Danh sách",
        requested_by=staff_a,
        status=JobStatus.DONE,
        task_path="x",
        finished_at=timezone.now(),
    )
    response = client_a.get(reverse("notice_bell"))
    assert [(r["kind"].code, r["count"]) for r in response.context["rows"]] == [("jobs", 1), ("returned", 1)]
    assert response.context["total"] == 2
    response = client_a.get(reverse("notice_open", args=["returned"]))
    assert response["Location"] == reverse("nomination_list") + "?status=returned"
    response = client_a.get(reverse("notice_bell"))
    assert [(r["kind"].code, r["count"]) for r in response.context["rows"]] == [("jobs", 1), ("returned", 0)]
    assert client_a.get(reverse("notice_open", args=["review"])).status_code == 404  # not a unit's kind
    assert client_a.get(reverse("notice_list")).status_code == 200


def test_every_page_loads_the_bell_after_itself(client_a):
    response = client_a.get(reverse("dashboard"))
    assert f'hx-get="{reverse("notice_bell")}" hx-trigger="load"'.encode() in response.content


def test_the_demo_mailbox_shows_each_person_their_own_mail(db, settings, client_a, staff_a, office_client):
    settings.EMAIL_BACKEND = "outbox.backends.StoredEmailBackend"
    staff_a.email = "donvi-a@hoinghi.example"
    staff_a.save()
    services.queue(
        "call_for_nominations",
        event_key="call:9",
        recipients=[Recipient(email="donvi-a@hoinghi.example"), Recipient(email="donvi-b@hoinghi.example")],
    )
    services.send(Message.objects.all(), by=None)
    mine, theirs = (
        StoredMail.objects.get(to="donvi-a@hoinghi.example"),
        StoredMail.objects.get(to="donvi-b@hoinghi.example"),
    )
    response = client_a.get(reverse("mailbox"))
    assert [m.to for m in response.context["page"]] == ["donvi-a@hoinghi.example"]
    assert client_a.get(reverse("mailbox_mail", args=[mine.pk])).status_code == 200
    assert client_a.get(reverse("mailbox_mail", args=[theirs.pk])).status_code == 404
    assert len(office_client.get(reverse("mailbox")).context["page"]) == 2
