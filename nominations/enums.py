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
    APPROVED = "approved", _("Approved by the council")
    NOT_APPROVED = "not_approved", _("Not approved by the council")
    AWARDED = "awarded", _("Awarded")


class AttachmentKind(models.TextChoices):
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    EVIDENCE = "evidence", _("Evidence")


class RecordCategory(models.TextChoices):
    """What a commendation-history row is, for the eligibility rules (nominations/eligibility.py)."""

    EXCELLENT_COMPLETION = "excellent_completion", _("Completed duties excellently")
    GRASSROOTS_EMULATION_FIGHTER = "grassroots_fighter", _("Grassroots emulation fighter")
    EXCELLENT_LABOUR_COLLECTIVE = "excellent_collective", _("Excellent labour collective")
    ADVANCED_LABOURER = "advanced_labourer", _("Advanced labourer")
    ADVANCED_LABOUR_COLLECTIVE = "advanced_collective", _("Advanced labour collective")
    INITIATIVE = "initiative", _("Recognised initiative")
    RESEARCH = "research", _("Accepted research project")
    CERTIFICATE_OF_MERIT = "certificate_of_merit", _("Certificate of merit (Giấy khen)")
    PROVINCIAL_MERIT = "provincial_merit", _("Provincial certificate of merit (Bằng khen)")
    OTHER = "other", _("Other")


class Actor(models.TextChoices):
    """Who performs a transition: the proposing unit's side or the Office's side."""

    UNIT = "unit", _("Proposing unit")
    OFFICE = "office", _("Office")
    # Moves that only record an outcome made elsewhere (the council's tally, an issued
    # decision). Nobody holds this side in a form; only the awards services claim it.
    RECORD = "record", _("Council or decision record")


class RuleCheck(models.TextChoices):
    """The built-in checks an eligibility rule can use; parameters are the rule's columns."""

    CONSECUTIVE_YEARS = "consecutive_years", _("Consecutive years with one of the titles")
    CONSECUTIVE_YEARS_WITH_SUPPORT = (
        "consecutive_with_support",
        _("Consecutive years with one of the titles, plus supporting records in that period"),
    )
    OFFICE_JUDGEMENT = "office_judgement", _("Criterion the Office judges from the evidence")


class Verdict(models.TextChoices):
    PASS = "pass", _("Meets the criteria")
    FAIL = "fail", _("Does not meet the criteria")
    NEEDS_EVIDENCE = "needs_evidence", _("Needs evidence")


class MatchStatus(models.TextChoices):
    """Is a nominee of this round the same person (or collective) as one awarded in an earlier round?"""

    SAME = "same", _("Same nominee (matched automatically)")
    PENDING = "pending", _("Possible match, to review")
    CONFIRMED = "confirmed", _("Same nominee (confirmed by the Office)")
    REJECTED = "rejected", _("Not the same nominee (rejected by the Office)")
