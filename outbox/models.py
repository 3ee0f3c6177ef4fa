"""The outbox: message templates, messages, the demo's stored mail, and when the bell was opened.

Rows change only through ``outbox.services`` (and ``outbox.backends`` for the demo's stored mail).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoinghi import limits
from hoinghi.models import NormalisedTextMixin


class MessageTemplate(NormalisedTextMixin, models.Model):
    """The text of one kind of message (``outbox.kinds``), as the Office last edited it."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"), max_length=limits.LETTER, help_text=limits.limit_help(limits.LETTER))
    send_without_review = models.BooleanField(
        _("send without review"),
        default=False,
        help_text=_("Messages of this kind are sent at once, without waiting in the outbox for the Office."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.code


class MessageStatus(models.TextChoices):
    DRAFT = "draft", _("Waiting for review")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    DISCARDED = "discarded", _("Discarded")


EDITABLE = (MessageStatus.DRAFT, MessageStatus.FAILED)
SENDABLE = (MessageStatus.DRAFT, MessageStatus.FAILED)
DISCARDABLE = (MessageStatus.DRAFT, MessageStatus.FAILED, MessageStatus.QUEUED)


class Message(NormalisedTextMixin, models.Model):
    """One e-mail to one address; ``(event_key, to_email)`` is unique: an event mails an address once."""

    kind = models.CharField(_("kind"), max_length=50, db_index=True)
    event_key = models.CharField(_("event"), max_length=200)
    to_email = models.EmailField(_("to"), max_length=254)
    to_name = models.CharField(_("recipient"), max_length=300, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recipient's account"),
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"), max_length=limits.LETTER, help_text=limits.limit_help(limits.LETTER))
    # {"builder": "app.module.function", "params": {...}, "names": ["file.pdf", ...]}: built when sent.
    attachments = models.JSONField(_("attachments"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.DRAFT)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("server's answer"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=("event_key", "to_email"), name="outbox_one_mail_per_event_and_address")
        ]
        indexes = [models.Index(fields=("status", "next_attempt_at"), name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_email}"

    @property
    def attachment_names(self) -> list[str]:
        return list(self.attachments.get("names", [])) if self.attachments else []


class StoredMail(models.Model):
    """A mail the demo's backend kept instead of sending it (``outbox.backends.StoredEmailBackend``)."""

    to = models.EmailField(_("to"), max_length=254, db_index=True)  # one row per address
    from_email = models.CharField(_("from"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    attachment_names = models.JSONField(_("attachments"), default=list, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored mail")
        verbose_name_plural = _("stored mail")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.subject


class NoticeSeen(models.Model):
    """When a user last opened the link of a kind of notice (``hoinghi.notices``): the bell counts what is newer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=50)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=("user", "kind"), name="outbox_notice_seen_once")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.seen_at}"
