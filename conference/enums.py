from django.db import models
from django.utils.translation import gettext_lazy as _


class Rsvp(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    SUBSTITUTE = "substitute", _("Sends a substitute")


class AgendaKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    REPORT = "report", _("Report")
    EXEMPLAR_TALK = "exemplar_talk", _("Exemplar talk")
    HONOURING = "honouring", _("Honouring ceremony")
    LAUNCH = "launch", _("Launching the 2025–2030 movement")
    CONGRESS_DELEGATES = "congress_delegates", _("Introducing delegates to the provincial congress")
    CLOSING = "closing", _("Closing")


class TalkStatus(models.TextChoices):
    """An exemplar's talk (tham luận): uploaded, returned by the Office with a reason, accepted."""

    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")
