"""The council's meetings: open, close, attendance and quorum.

Who may do what is decided here, once, for the admin and every other caller:
- ``manages_council``: the council secretary, the Office, the Director, administrators
  (and superusers) open and close meetings and ballots, record attendance and paper counts;
- ``seat_of``: only a council member with a seat (``CouncilMember.user``) votes, and only
  for their own seat.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import BallotStatus, MeetingStatus
from awards.errors import CouncilError
from awards.models import CouncilMeeting, CouncilMember, MeetingAttendance
from awards.transitions import MEETINGS
from hoinghi.models import set_history_user
from hoinghi.roles import manages_council


def ensure_can_manage(user: User) -> None:
    if not manages_council(user):
        raise PermissionDenied(_("Only the council secretary or the Office may do this."))


def seat_of(user: User | AnonymousUser, conference_id: int) -> CouncilMember | None:
    """The user's own seat on the council of one conference, or None."""
    if not user.is_authenticated:
        return None
    return CouncilMember.objects.filter(conference_id=conference_id, user=user).first()


@dataclass(frozen=True)
class QuorumResult:
    total: int
    present: int
    required: int
    reached: bool


def required_for_quorum(total: int, numerator: int, denominator: int) -> int:
    """ceil(total × numerator / denominator), in integers (no float rounding)."""
    return -(-total * numerator // denominator)


def quorum(meeting: CouncilMeeting) -> QuorumResult:
    """Members present against the conference's quorum (default: at least 2/3 of ALL members).

    Absent members who sent a written opinion do not make the quorum: their opinion counts in
    the votes, but the law asks for members taking part in the session.
    """
    conference = meeting.conference
    total = CouncilMember.objects.filter(conference=conference).count()
    present = MeetingAttendance.objects.filter(meeting=meeting, present=True).count()
    required = required_for_quorum(total, conference.quorum_numerator, conference.quorum_denominator)
    return QuorumResult(total=total, present=present, required=required, reached=total > 0 and present >= required)


def _locked(meeting: CouncilMeeting) -> CouncilMeeting:
    return CouncilMeeting.objects.select_for_update().select_related("conference").get(pk=meeting.pk)


def open_meeting(meeting: CouncilMeeting, *, by: User) -> CouncilMeeting:
    """Start the session.

    Side effects:
    - status planned → open, through ``MEETINGS.move`` (its history row).
    """
    ensure_can_manage(by)
    with transaction.atomic():
        locked = _locked(meeting)
        MEETINGS.move(locked, MeetingStatus.OPEN, by=by, fields=[])
    meeting.status = locked.status
    return locked


def default_end_time(meeting: CouncilMeeting) -> datetime.time | None:
    """The clock, as the end time offered, only while the meeting is happening now: its day, after its start.

    For any other meeting (minutes entered afterwards) there is no default: the secretary types it.
    """
    now = timezone.localtime()
    clock = now.time().replace(second=0, microsecond=0)
    if meeting.date == now.date() and clock > meeting.start_time:
        return clock
    return None


def _check_end_time(meeting: CouncilMeeting, end_time: datetime.time | None) -> None:
    if end_time is None:
        raise CouncilError(_("Enter the time the meeting ended."), code="end_time_required")
    if end_time <= meeting.start_time:
        raise CouncilError(
            _("The end time (%(end)s) must be after the start time (%(start)s).")
            % {"end": f"{end_time:%H:%M}", "start": f"{meeting.start_time:%H:%M}"},
            code="end_before_start",
        )


def close_meeting(meeting: CouncilMeeting, *, by: User, end_time: datetime.time | None) -> CouncilMeeting:
    """End the session at ``end_time``, as entered: required, and after the start time.

    Refused while one of its ballots is still open.

    Side effects:
    - status open → closed (``MEETINGS.move``, its history row), end_time set.
    """
    ensure_can_manage(by)
    with transaction.atomic():
        locked = _locked(meeting)
        MEETINGS.ensure_allowed(locked, MeetingStatus.CLOSED)
        if locked.ballots.filter(status=BallotStatus.OPEN).exists():
            raise CouncilError(_("Close the open ballots before closing the meeting."), code="ballots_open")
        _check_end_time(locked, end_time)
        locked.end_time = end_time
        MEETINGS.move(locked, MeetingStatus.CLOSED, by=by, fields=["end_time"])
    meeting.status, meeting.end_time = locked.status, locked.end_time
    return locked


def record_attendance(
    meeting: CouncilMeeting,
    member: CouncilMember,
    *,
    present: bool,
    written_opinion: bool = False,
    note: str = "",
    by: User,
) -> MeetingAttendance:
    """Record one member as present, or absent with or without a written opinion.

    Side effects:
    - creates or updates the member's attendance row (its history names ``by``).
    """
    ensure_can_manage(by)
    if member.conference_id != meeting.conference_id:
        raise CouncilError(_("This person is not a member of this conference's council."), code="other_council")
    if present and written_opinion:
        raise CouncilError(
            _("A written opinion is recorded only for an absent member."), code="written_opinion_present"
        )
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status == MeetingStatus.CLOSED:
            raise CouncilError(_("The meeting is closed; its attendance can no longer change."), code="meeting_closed")
        row = MeetingAttendance.objects.select_for_update().filter(meeting=locked, member=member).first()
        if row is None:
            row = MeetingAttendance(meeting=locked, member=member)
        elif (row.present, row.written_opinion, row.note) == (present, written_opinion, note):
            return row
        withdrawn = row.pk and row.written_opinion and not written_opinion
        if withdrawn and member.receipts.filter(ballot__meeting=locked, written_opinion=True).exists():
            raise CouncilError(
                _("This member's written opinion is already counted in a ballot; it cannot be withdrawn."),
                code="written_opinion_counted",
            )
        row.present, row.written_opinion, row.note = present, written_opinion, note
        set_history_user(row, by)
        row.save()
    return row


def choose_board(
    meeting: CouncilMeeting, *, head: CouncilMember, member_1: CouncilMember, member_2: CouncilMember, by: User
) -> CouncilMeeting:
    """Record the vote-counting board (Ban kiểm phiếu): three different members of this council.

    Side effects: the meeting's board fields (its history names ``by``).
    """
    ensure_can_manage(by)
    board = (head, member_1, member_2)
    if any(member.conference_id != meeting.conference_id for member in board):
        raise CouncilError(_("This person is not a member of this conference's council."), code="other_council")
    if len({member.pk for member in board}) != 3:
        raise CouncilError(_("The vote-counting board is three different members."), code="board_twice")
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status == MeetingStatus.CLOSED:
            raise CouncilError(_("The meeting is closed; its attendance can no longer change."), code="meeting_closed")
        locked.board_head, locked.board_member_1, locked.board_member_2 = board
        set_history_user(locked, by)
        locked.save(update_fields=["board_head", "board_member_1", "board_member_2"])
    meeting.board_head, meeting.board_member_1, meeting.board_member_2 = board
    return locked
