from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.enums import CouncilRole, MeetingStatus
from hoinghi.models import NormalisedTextMixin


class CouncilMember(NormalisedTextMixin, models.Model):
    """A member of the Emulation-Commendation Council for one conference."""

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="council_members", verbose_name=_("conference")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
        verbose_name=_("user account"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    role = models.CharField(_("council role"), max_length=20, choices=CouncilRole.choices, default=CouncilRole.MEMBER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["conference", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "user"], condition=models.Q(user__isnull=False), name="one_seat_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"


class CouncilMeeting(NormalisedTextMixin, models.Model):
    """Phiên họp Hội đồng: date, time, place, chair, secretary, who came."""

    conference = models.ForeignKey(
        "reference.Conference", on_delete=models.CASCADE, related_name="council_meetings", verbose_name=_("conference")
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300)
    chair = models.ForeignKey(
        CouncilMember, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("chair")
    )
    secretary = models.ForeignKey(
        CouncilMember, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("secretary")
    )
    # Ban kiểm phiếu: a head and two members, chosen at the meeting; named on the vote-count record.
    board_head = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("head of the vote-counting board"),
    )
    board_member_1 = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("vote-counting board member"),
    )
    board_member_2 = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("vote-counting board member"),
    )
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    minutes_document = models.OneToOneField(
        "registry.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_minutes",
        verbose_name=_("minutes in the register"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["conference", "-date", "-start_time"]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.date:%d/%m/%Y})"

    @property
    def board(self) -> list:
        """The vote-counting board, head first (those chosen)."""
        return [m for m in (self.board_head, self.board_member_1, self.board_member_2) if m is not None]


class MeetingAttendance(NormalisedTextMixin, models.Model):
    """One member at one meeting: present, or absent with or without a written opinion."""

    meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    present = models.BooleanField(_("present"), default=True)
    written_opinion = models.BooleanField(
        _("sent a written opinion"),
        default=False,
        help_text=_("For an absent member: the opinion counts in the votes."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "member__order", "member_id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")]

    def __str__(self) -> str:
        return str(self.member)
