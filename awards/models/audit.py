from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    MEETING_OPENED = "meeting_opened", _("Meeting opened")
    MEETING_CLOSED = "meeting_closed", _("Meeting closed")
    BALLOT_OPENED = "ballot_opened", _("Ballot opened")
    BALLOT_CLOSED = "ballot_closed", _("Ballot closed")
    VOTE_RECORDED = "vote_recorded", _("Vote receipt recorded")
    COUNTS_ENTERED = "counts_entered", _("Counts entered")
    TIE_SETTLED = "tie_settled", _("Tie settled by the chair")
    TALLY_APPLIED = "tally_applied", _("Council outcome applied")
    DECISION_ISSUED = "decision_issued", _("Decision issued")
    DECISION_REPLACED = "decision_replaced", _("Decision replaced by a correction")
    PROVINCE_DECISION = "province_decision", _("Province's decision recorded")
    CERTIFICATE_PRINTED = "certificate_printed", _("Certificate printed")
    DOCUMENT_PRINTED = "document_printed", _("Document printed")


class AuditEntry(models.Model):
    """Who did what, when, for the council and decision stage. Never holds a vote's choice."""

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="+", verbose_name=_("conference")
    )
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    target = models.CharField(_("what"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target}"
