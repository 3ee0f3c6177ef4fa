from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted for the council")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AttachmentKind(models.TextChoices):
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    EVIDENCE = "evidence", _("Evidence")


class Actor(models.TextChoices):
    """Who performs a transition: the proposing unit's side or the Office's side."""

    UNIT = "unit", _("Proposing unit")
    OFFICE = "office", _("Office")
