"""Ballots and votes.

The secret ballot (docs/council-voting.md): ``VoteReceipt`` says THAT a member voted (member,
ballot, time, tracking code); the choices exist only as ciphertexts (``awards.models.secrecy``)
that nobody can open one by one. ``BallotItem``'s counters are written once, by the count, from
the decrypted sums: a vote never touches them. BallotItem keeps no history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.enums import BallotStatus, TallyOutcome, VoteMethod
from hoinghi import limits
from hoinghi.models import NormalisedTextMixin
from reference.enums import NomineeKind


class Ballot(models.Model):
    """One vote of the council on the nominations of one award form and kind."""

    meeting = models.ForeignKey(
        "awards.CouncilMeeting", on_delete=models.PROTECT, related_name="ballots", verbose_name=_("meeting")
    )
    award_form = models.ForeignKey(
        "reference.AwardForm", on_delete=models.PROTECT, related_name="ballots", verbose_name=_("award form")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NomineeKind.choices)
    method = models.CharField(_("method"), max_length=20, choices=VoteMethod.choices, default=VoteMethod.SECRET)
    status = models.CharField(_("status"), max_length=20, choices=BallotStatus.choices, default=BallotStatus.DRAFT)
    revote_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revotes", verbose_name=_("re-vote of")
    )
    recused_in_total = models.BooleanField(
        _("recused members stay in the total"),
        default=True,
        help_text=_("The threshold is on the council's total membership, recused members included."),
    )
    total_members = models.PositiveSmallIntegerField(_("council members in total"), default=0)
    present_members = models.PositiveSmallIntegerField(_("members present"), default=0)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    count_document = models.OneToOneField(
        "registry.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vote_count",
        verbose_name=_("vote-count record in the register"),
    )
    history = HistoricalRecords()
    item_list: list["BallotItem"]  # not a column: set by services.tally.conference_tallies for the pages
    passphrase: str | None = None  # not a column: the board head's passphrase, shown once after opening

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["meeting", "award_form__order", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.award_form} – {self.get_kind_display()} ({self.meeting.date:%d/%m/%Y})"


class BallotItem(models.Model):
    """One nominee on a ballot, with the counted result. Deliberately without history."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="items", verbose_name=_("ballot"))
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="ballot_items", verbose_name=_("nomination")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    votes_for = models.PositiveSmallIntegerField(_("agree"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("disagree"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"), default=0)
    recused = models.PositiveSmallIntegerField(_("recused"), default=0)
    ballots_issued = models.PositiveSmallIntegerField(_("ballots issued"), null=True, blank=True)
    ballots_returned = models.PositiveSmallIntegerField(_("ballots returned"), null=True, blank=True)
    ballots_valid = models.PositiveSmallIntegerField(_("valid ballots"), null=True, blank=True)
    ballots_invalid = models.PositiveSmallIntegerField(_("invalid ballots"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=TallyOutcome.choices, default=TallyOutcome.PENDING)
    sealed = models.BooleanField(_("sealed"), default=False, editable=False)

    class Meta:
        verbose_name = _("ballot item")
        verbose_name_plural = _("ballot items")
        ordering = ["ballot", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["ballot", "nomination"], name="one_item_per_nomination")]

    def __str__(self) -> str:
        return str(self.nomination.nominee)

    @property
    def denominator(self) -> int:
        """The members the threshold counts: all of them, less the recused when the ballot says so."""
        total = self.ballot.total_members
        return total if self.ballot.recused_in_total else max(total - self.recused, 0)


class Recusal(NormalisedTextMixin, models.Model):
    """A member who does not vote on one nominee (proposed them, heads their unit, a conflict).

    Public: the minutes name it. Declared by the member on the voting page or set by the secretary.
    """

    item = models.ForeignKey(BallotItem, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("nominee"))
    member = models.ForeignKey(
        "awards.CouncilMember", on_delete=models.PROTECT, related_name="recusals", verbose_name=_("member")
    )
    reason = models.CharField(_("reason"), max_length=300)
    declared_by_member = models.BooleanField(_("declared by the member"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        ordering = ["item", "member__order"]
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_recusal_per_member")]

    def __str__(self) -> str:
        return f"{self.member} – {self.item}"


class VoteReceipt(models.Model):
    """That a member voted on a ballot (never how). Stops double voting."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("ballot"))
    member = models.ForeignKey(
        "awards.CouncilMember", on_delete=models.PROTECT, related_name="receipts", verbose_name=_("member")
    )
    written_opinion = models.BooleanField(_("written opinion of an absent member"), default=False)
    tracking_code = models.CharField(_("tracking code"), max_length=11, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    # A receipt holds no choice, so its history reveals nothing the receipt does not.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote receipt")
        verbose_name_plural = _("vote receipts")
        ordering = ["ballot", "member__order"]
        constraints = [models.UniqueConstraint(fields=["ballot", "member"], name="one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.member} – {self.ballot}"


class TieDecision(NormalisedTextMixin, models.Model):
    """The chair's recorded decision on nominees tied at the quota's cut line."""

    ballot = models.OneToOneField(
        Ballot, on_delete=models.CASCADE, related_name="tie_decision", verbose_name=_("ballot")
    )
    chosen = models.ManyToManyField(BallotItem, related_name="+", verbose_name=_("chosen nominees"))
    decided_by = models.ForeignKey(
        "awards.CouncilMember", on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    reason = models.TextField(_("reason"), max_length=limits.NOTE, help_text=limits.limit_help(limits.NOTE))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tie decision")
        verbose_name_plural = _("tie decisions")

    def __str__(self) -> str:
        return str(self.ballot)
