"""Every write to the outbox: templates, queueing an event's messages, review, sending, retries.

- ``queue(kind, event_key=…, recipients=…, context=…)`` is what the apps above call when something
  happens (a dossier returned, a ballot opened, invitations…). One message per address; an address
  already mailed for this event is skipped (``(event_key, to_email)`` is unique), so the same event
  never mails the same address twice, even when it is queued again.
- A message waits for the Office's review (draft) unless its template says "send without review".
- ``send(messages, by=…)`` queues the chosen drafts (or failed messages) for the background worker;
  ``deliver(message_id)`` (the task's body) sends one and records sent / failed with the server's
  answer; a failure is retried with back-off (``BACKOFF``) up to ``MAX_ATTEMPTS``.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from outbox import kinds, placeholders
from outbox.models import DISCARDABLE, EDITABLE, SENDABLE, Message, MessageStatus, MessageTemplate

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
STALE_SENDING = datetime.timedelta(hours=1)


class OutboxError(ValidationError):
    """A refused change to a message or template, in Vietnamese."""


@dataclass
class Recipient:
    email: str
    name: str = ""
    title: str = ""  # how the text addresses them: "Ông", "Bà", a position
    user: User | None = None
    context: dict = field(default_factory=dict)  # this recipient's own placeholders
    attachments: dict | None = None  # this recipient's own attachments (see Message.attachments)


def site_url() -> str:
    return (getattr(settings, "PUBLIC_BASE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def absolute(path: str) -> str:
    """An absolute link for a message (messages are read outside the application)."""
    return site_url() + path


# --- templates -------------------------------------------------------------------------------


def _kind(code: str) -> kinds.Kind:
    kind = kinds.get(code)
    if kind is None:
        raise OutboxError(_("Unknown kind of message."), code="unknown_kind")
    return kind


def template_for(code: str) -> MessageTemplate:
    """The kind's template row, created from the kind's defaults the first time."""
    kind = _kind(code)
    template, _created = MessageTemplate.objects.get_or_create(
        code=code,
        defaults={"subject": kind.subject, "body": kind.body, "send_without_review": kind.send_without_review},
    )
    return template


def check_template(code: str, subject: str, body: str) -> None:
    allowed = _kind(code).allowed
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        try:
            placeholders.check(text, allowed)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise OutboxError(errors)


def save_template(code: str, *, subject: str, body: str, send_without_review: bool, by: User) -> MessageTemplate:
    """Save the Office's text; an unknown placeholder refuses the whole save."""
    subject, body = " ".join(subject.split()), body.replace("\r\n", "\n").strip()
    check_template(code, subject, body)
    template = template_for(code)
    template.subject, template.body = subject, body
    template.send_without_review, template.updated_by = send_without_review, by
    template.save()
    return template


def render(subject: str, body: str, context: dict) -> tuple[str, str]:
    full = {"site_url": site_url(), **context}
    return " ".join(placeholders.fill(subject, full).split())[:300], placeholders.fill(body, full)


def preview(code: str, subject: str, body: str, *, user: User | None = None) -> tuple[str, str] | None:
    """The text filled with the kind's sample of real data (None: no data to show yet)."""
    sample = _kind(code).sample()
    if sample is None:
        return None
    context = {"recipient_name": _person(user) if user else "", **sample}
    return render(subject, body, context)


def _person(user: User) -> str:
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.get_username()


def user_recipients(users) -> list[Recipient]:
    """Accounts with an e-mail address as recipients (in the order given; no address, no message)."""
    return [Recipient(email=u.email, name=_person(u), user=u) for u in users if u.email]


# --- queueing --------------------------------------------------------------------------------


def queue(
    code: str,
    *,
    event_key: str,
    recipients: list[Recipient],
    context: dict | None = None,
    attachments: dict | None = None,
) -> list[Message]:
    """The event's messages, one per new address (addresses already mailed for ``event_key`` are skipped).

    Each is a draft waiting for the Office, or queued for sending at once when the template says so.
    Returns the messages created now.
    """
    template = template_for(code)
    status = MessageStatus.QUEUED if template.send_without_review else MessageStatus.DRAFT
    created, seen = [], set()
    for recipient in recipients:
        email = (recipient.email or "").strip().lower()
        if not email or email in seen:
            continue
        seen.add(email)
        values = {
            **(context or {}),
            "recipient_name": recipient.name,
            "recipient_title": recipient.title,
            **recipient.context,
        }
        subject, body = render(template.subject, template.body, values)
        message, made = Message.objects.get_or_create(
            event_key=event_key[:200],
            to_email=email,
            defaults={
                "kind": code,
                "to_name": recipient.name[:300],
                "recipient": recipient.user,
                "subject": subject,
                "body": body,
                "attachments": recipient.attachments or attachments or {},
                "status": status,
            },
        )
        if made:
            created.append(message)
    if status == MessageStatus.QUEUED:
        for message in created:
            _enqueue(message)
    return created


# --- review ----------------------------------------------------------------------------------


def edit(message: Message, *, subject: str, body: str, by: User) -> Message:
    subject, body = " ".join(subject.split()), body.replace("\r\n", "\n").strip()
    if not subject or not body:
        raise OutboxError(_("A message needs a subject and a body."), code="empty")
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.status not in EDITABLE:
            raise OutboxError(_("Only a message waiting for review or a failed one can be changed."), code="locked")
        locked.subject, locked.body, locked.reviewed_by = subject[:300], body, by
        locked.save(update_fields=["subject", "body", "reviewed_by", "updated_at"])
    return locked


def send(messages: QuerySet | list[Message], *, by: User) -> int:
    """Queue the chosen drafts and failed messages for the worker; the others are left alone. Returns the count."""
    ids = [m.pk for m in messages]
    with transaction.atomic():
        chosen = list(Message.objects.select_for_update().filter(pk__in=ids, status__in=SENDABLE).order_by("id"))
        for message in chosen:
            message.status, message.reviewed_by = MessageStatus.QUEUED, by
            message.attempts, message.next_attempt_at, message.last_error = 0, None, ""
            message.save(update_fields=["status", "reviewed_by", "attempts", "next_attempt_at", "last_error"])
    for message in chosen:
        _enqueue(message)
    return len(chosen)


def discard(messages: QuerySet | list[Message], *, by: User) -> int:
    """Set the chosen messages aside (kept, never sent; the event will not mail the address again)."""
    ids = [m.pk for m in messages]
    return Message.objects.filter(pk__in=ids, status__in=DISCARDABLE).update(
        status=MessageStatus.DISCARDED, reviewed_by=by, updated_at=timezone.now()
    )


# --- sending (the background worker) ---------------------------------------------------------


def _enqueue(message: Message, run_after: datetime.datetime | None = None) -> None:
    from outbox.tasks import send_message  # the task module imports this one

    task = send_message
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # picked up later by `manage.py send_due_messages`
        task = task.using(run_after=run_after)
    task.enqueue(message.pk)


def _claim(message_id: int, now: datetime.datetime | None = None) -> Message | None:
    now = now or timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = Message.objects.filter(due, pk=message_id, status=MessageStatus.QUEUED).update(
        status=MessageStatus.SENDING, updated_at=now
    )
    return Message.objects.get(pk=message_id) if claimed else None


def build_attachments(message: Message) -> list[tuple[str, bytes, str]]:
    """(file name, content, MIME type) of each attachment, built now by the builder the event named."""
    spec = message.attachments or {}
    if not spec.get("builder"):
        return []
    builder = import_string(spec["builder"])
    return list(builder(**spec.get("params", {})))


def server_answer(error: Exception) -> str:
    """The SMTP server's code and text when it answered, else the error's own text."""
    code, text = getattr(error, "smtp_code", None), getattr(error, "smtp_error", None)
    if code is not None:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        return f"{code} {text}".strip()[:2000]
    return f"{type(error).__name__}: {error}"[:2000]


def deliver(message_id: int, now: datetime.datetime | None = None) -> Message | None:
    """Send one queued message (the task's body). Never raises: the outcome is recorded on the row."""
    message = _claim(message_id, now)
    if message is None:
        return None
    message.attempts += 1
    try:
        mail = EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to_email])
        for name, content, mimetype in build_attachments(message):
            mail.attach(name, content, mimetype)
        mail.send(fail_silently=False)
    except Exception as error:  # any failure of the backend or of an attachment: recorded, retried
        logger.warning("Message %s failed (attempt %s): %s", message.pk, message.attempts, error)
        return _failed(message, server_answer(error))
    message.status, message.sent_at, message.last_error, message.next_attempt_at = (
        MessageStatus.SENT,
        timezone.now(),
        "",
        None,
    )
    message.save(update_fields=["status", "sent_at", "attempts", "last_error", "next_attempt_at", "updated_at"])
    return message


def _failed(message: Message, answer: str) -> Message:
    message.last_error = answer
    if message.attempts >= MAX_ATTEMPTS:
        message.status, message.next_attempt_at = MessageStatus.FAILED, None
    else:
        delay = BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
        message.status, message.next_attempt_at = MessageStatus.QUEUED, timezone.now() + delay
    message.save(update_fields=["status", "attempts", "last_error", "next_attempt_at", "updated_at"])
    if message.status == MessageStatus.QUEUED:
        _enqueue(message, run_after=message.next_attempt_at)
    return message


def send_due(now: datetime.datetime | None = None) -> int:
    """Send every queued message whose time has come, and put back those a dead worker left "sending".

    For ``manage.py send_due_messages`` (every few minutes): retries when the task backend cannot
    defer, and messages whose task was lost. Returns how many were sent.
    """
    now = now or timezone.now()
    Message.objects.filter(status=MessageStatus.SENDING, updated_at__lte=now - STALE_SENDING).update(
        status=MessageStatus.QUEUED, updated_at=now
    )
    due = Message.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), status=MessageStatus.QUEUED
    )
    sent = 0
    for message_id in list(due.values_list("pk", flat=True)):
        result = deliver(message_id, now)
        sent += bool(result and result.status == MessageStatus.SENT)
    return sent
