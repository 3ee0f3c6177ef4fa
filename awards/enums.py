from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chairman")
    VICE_CHAIR = "vice_chair", _("Vice chairman")
    MEMBER = "member", _("Member")
    MEMBER_SECRETARY = "member_secretary", _("Member and secretary")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("In session")
    CLOSED = "closed", _("Closed")


class VoteMethod(models.TextChoices):
    SECRET = "secret", _("Secret ballot in the application")
    PAPER = "paper", _("Paper ballots, counts entered")
    SHOW_OF_HANDS = "show_of_hands", _("Show of hands, counts entered")


class BallotStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for voting")
    SEALED = "sealed", _("Closed, awaiting the count")
    CLOSED = "closed", _("Closed")
    APPLIED = "applied", _("Result applied")


class Choice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    ABSTAIN = "abstain", _("Abstain")


class TallyOutcome(models.TextChoices):
    PENDING = "pending", _("Not counted yet")
    APPROVED = "approved", _("Approved")
    NOT_PASSED = "not_passed", _("Below the threshold")
    OVER_QUOTA = "over_quota", _("Passed, beyond the quota")
    TIED = "tied", _("Tied at the cut line")


class DocumentType(models.TextChoices):
    DECISION = "decision", _("Decision (Quyết định)")
    PROPOSAL = "proposal", _("Proposal (Tờ trình)")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    REPLACED = "replaced", _("Replaced by a correction")


class PrintMode(models.TextChoices):
    FULL = "full", _("Full design")
    TEXT_ONLY = "text_only", _("Text only, on pre-printed blanks")
