"""The outbox's services: queueing, no duplicates, review before sending, retries with back-off, templates."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from outbox import services
from outbox.models import Message, MessageStatus, MessageTemplate
from outbox.services import Recipient
from tests import factories as f


@pytest.fixture
def office(db):
    return f.UserFactory(username="vanphong", roles=["office_staff"], is_staff=True)


def _queue(key="dossier:1", emails=("a@hoinghi.example", "b@hoinghi.example"), code="dossier_returned"):
    recipients = [Recipient(email=e, name=f"Người {i}") for i, e in enumerate(emails)]
    context = {"dossier": "Nguyễn Thị Hường", "reason": "Thiếu báo cáo", "link": "http://x/n/1/", "unit": "Phòng A"}
    return services.queue(code, event_key=key, recipients=recipients, context=context)


def test_an_event_queues_one_draft_per_address_filled_from_the_template(db):
    made = _queue()
    assert [(m.to_email, m.status, m.subject) for m in made] == [
        ("a@hoinghi.example", MessageStatus.DRAFT, "Hồ sơ đề nghị khen thưởng cần bổ sung: Nguyễn Thị Hường"),
        ("b@hoinghi.example", MessageStatus.DRAFT, "Hồ sơ đề nghị khen thưởng cần bổ sung: Nguyễn Thị Hường"),
    ]
    assert "Kính gửi Người 0 – Phòng A," in made[0].body
    assert "Lý do: Thiếu báo cáo" in made[0].body
    assert "{{" not in made[0].body
    assert mail.outbox == []  # nothing leaves before the Office's review


def test_the_same_event_never_mails_the_same_address_twice(db, office):
    _queue()
    again = _queue(emails=("A@hoinghi.example", "c@hoinghi.example", "c@hoinghi.example", ""))
    assert [m.to_email for m in again] == ["c@hoinghi.example"]
    services.send(Message.objects.all(), by=office)
    services.discard(Message.objects.filter(to_email="c@hoinghi.example"), by=office)
    assert _queue(emails=("a@hoinghi.example", "c@hoinghi.example")) == []
    assert Message.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["a@hoinghi.example", "b@hoinghi.example", "c@hoinghi.example"]


def test_review_then_send_delivers_in_the_worker_and_records_it(db, office):
    first, second = _queue()
    services.edit(first, subject="Hồ sơ cần bổ sung", body="Nội dung đã sửa", by=office)
    assert services.send([first], by=office) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.attempts, first.reviewed_by, first.sent_at is not None) == (
        MessageStatus.SENT,
        1,
        office,
        True,
    )
    assert second.status == MessageStatus.DRAFT
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["a@hoinghi.example"], "Hồ sơ cần bổ sung", "Nội dung đã sửa")
    ]
    with pytest.raises(ValidationError):
        services.edit(first, subject="x", body="y", by=office)  # a sent message is kept as sent
    assert services.send([first], by=office) == 0  # and never sent again


def test_a_template_marked_send_without_review_sends_at_once(db):
    MessageTemplate.objects.create(
        code="dossier_accepted", subject="Đã nhận {{ dossier }}", body="B", send_without_review=True
    )
    (message,) = _queue(code="dossier_accepted", emails=("a@hoinghi.example",))
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert [m.subject for m in mail.outbox] == ["Đã nhận Nguyễn Thị Hường"]


class Answering:
    def __init__(self, failures):
        self.failures = failures

    def __call__(self, *args, **kwargs):
        if self.failures:
            self.failures -= 1
            raise smtplib.SMTPDataError(451, b"4.7.1 Greylisted, try again later")
        return 1


def test_a_failure_is_recorded_with_the_servers_answer_and_retried_with_back_off(db, office, monkeypatch):
    monkeypatch.setattr("django.core.mail.EmailMessage.send", Answering(2))
    (message,) = _queue(emails=("a@hoinghi.example",))
    before = timezone.now()
    services.send([message], by=office)  # the immediate backend cannot defer: the retry waits for send_due
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.QUEUED,
        1,
        "451 4.7.1 Greylisted, try again later",
    )
    assert (
        before + datetime.timedelta(seconds=59)
        < message.next_attempt_at
        < timezone.now() + datetime.timedelta(seconds=61)
    )
    assert services.send_due() == 0  # not due yet
    assert services.send_due(now=message.next_attempt_at) == 0  # second failure: five minutes more
    message.refresh_from_db()
    assert (message.attempts, message.status) == (2, MessageStatus.QUEUED)
    assert message.next_attempt_at - timezone.now() > datetime.timedelta(minutes=4)
    assert services.send_due(now=message.next_attempt_at) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 3, "")


def test_after_the_last_attempt_the_message_is_failed_until_the_office_sends_it_again(db, office, monkeypatch):
    monkeypatch.setattr("django.core.mail.EmailMessage.send", Answering(services.MAX_ATTEMPTS))
    (message,) = _queue(emails=("a@hoinghi.example",))
    services.send([message], by=office)
    for _attempt in range(services.MAX_ATTEMPTS - 1):
        services.send_due(now=timezone.now() + datetime.timedelta(days=1))
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (
        MessageStatus.FAILED,
        services.MAX_ATTEMPTS,
        None,
    )
    assert services.send_due(now=timezone.now() + datetime.timedelta(days=2)) == 0
    assert services.send([message], by=office) == 1  # the Office tries again: the server now accepts
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)


def test_a_message_a_dead_worker_left_sending_is_sent_by_the_sweep(db):
    (message,) = _queue(emails=("a@hoinghi.example",))
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, updated_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert services.send_due() == 1
    assert len(mail.outbox) == 1


def test_a_discarded_message_is_kept_and_never_sent(db, office):
    (message,) = _queue(emails=("a@hoinghi.example",))
    assert services.discard([message], by=office) == 1
    assert services.send([message], by=office) == 0
    message.refresh_from_db()
    assert message.status == MessageStatus.DISCARDED
    assert mail.outbox == []


def test_an_unknown_placeholder_is_refused_on_save_in_vietnamese(db, office):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        services.save_template(
            "dossier_returned",
            subject="Hồ sơ {{ dossier }}",
            body="Kính gửi {{ ten_don_vi }}",
            send_without_review=False,
            by=office,
        )
    assert refused.value.message_dict == {
        "body": ["Không có trường thay thế {{ ten_don_vi }}. Các trường dùng được được liệt kê dưới biểu mẫu."]
    }
    assert not MessageTemplate.objects.exists()  # nothing saved
    with pytest.raises(ValidationError):
        services.save_template(
            "dossier_returned", subject="{% load x %}", body="b", send_without_review=False, by=office
        )
    saved = services.save_template(
        "dossier_returned", subject="Trả lại: {{dossier}}", body="{{ reason }}", send_without_review=True, by=office
    )
    assert (saved.subject, saved.body, saved.send_without_review) == ("Trả lại: {{dossier}}", "{{ reason }}", True)
