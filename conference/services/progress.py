"""The progress report (báo cáo tiến độ tổ chức Hội nghị, Công văn 205/SNV-TĐKT): the data as it stood on a day.

Every figure reads the simple-history tables "as of" the end of the chosen day (Asia/Ho_Chi_Minh):
each row as its last change before that moment made it, rows deleted by then left out. So a
report printed today for last month says what the data said last month, not what it says now.

- movements reported: movements with at least one unit report sent to the Office (any status but
  draft); unit reports sent and accepted;
- nominations received (any status but draft and withdrawn) and accepted for the council (accepted,
  approved, not approved, awarded);
- council meetings held (closed), decisions issued (a Quyết định issued or replaced since) and
  proposals (Tờ trình) issued;
- invitations: delegates on the list, and those whose reply is anything but "invited".
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from awards.enums import DecisionStatus, DocumentType, MeetingStatus
from awards.models import CouncilMeeting, Decision
from conference.enums import Rsvp
from conference.models import Delegate
from movements.enums import ReportStatus
from movements.models import MovementReport
from nominations.enums import NominationStatus as N
from nominations.models import Nomination
from reference.models import Movement

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
NOT_RECEIVED = (N.DRAFT, N.WITHDRAWN)
ACCEPTED = (N.ACCEPTED, N.APPROVED, N.NOT_APPROVED, N.AWARDED)
ISSUED = (DecisionStatus.ISSUED, DecisionStatus.REPLACED)


@dataclass(frozen=True)
class ProgressFigures:
    on: datetime.date
    movements: int
    movements_reported: int
    reports_sent: int
    reports_accepted: int
    nominations_received: int
    nominations_accepted: int
    meetings_held: int
    decisions_issued: int
    proposals_issued: int
    invitations_sent: int
    invitations_answered: int


def end_of(on: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time.min, tzinfo=LOCAL)


def progress_figures(conference, on: datetime.date) -> ProgressFigures:
    end = end_of(on)
    reports = (
        MovementReport.history.as_of(end).filter(movement__conference=conference).exclude(status=ReportStatus.DRAFT)
    )
    nominations = Nomination.history.as_of(end).filter(conference_id=conference.pk, deleted_at__isnull=True)
    decisions = Decision.history.as_of(end).filter(conference_id=conference.pk, status__in=ISSUED)
    delegates = Delegate.history.as_of(end).filter(conference_id=conference.pk)
    return ProgressFigures(
        on=on,
        movements=Movement.history.as_of(end).filter(conference_id=conference.pk).count(),
        movements_reported=len({r.movement_id for r in reports}),
        reports_sent=reports.count(),
        reports_accepted=reports.filter(status=ReportStatus.ACCEPTED).count(),
        nominations_received=nominations.exclude(status__in=NOT_RECEIVED).count(),
        nominations_accepted=nominations.filter(status__in=ACCEPTED).count(),
        meetings_held=CouncilMeeting.history.as_of(end)
        .filter(conference_id=conference.pk, status=MeetingStatus.CLOSED)
        .count(),
        decisions_issued=decisions.filter(document_type=DocumentType.DECISION).count(),
        proposals_issued=decisions.filter(document_type=DocumentType.PROPOSAL).count(),
        invitations_sent=delegates.count(),
        invitations_answered=delegates.exclude(rsvp=Rsvp.INVITED).count(),
    )
