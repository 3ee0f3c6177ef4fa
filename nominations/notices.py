"""The bell's kinds of the nominations (``hoinghi.notices``): dossiers returned to my unit, dossiers to review."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from hoinghi import notices
from hoinghi.roles import is_office, unit_of
from hoinghi.transitions import ARROW
from nominations.enums import NominationStatus
from nominations.models import Nomination

S = NominationStatus
REVIEW = (S.SUBMITTED, S.RESUBMITTED)


def _returned_count(user, since) -> int:
    unit = unit_of(user)
    returned = Nomination.objects.alive().filter(proposing_unit=unit, status=S.RETURNED)
    if since is not None:
        moves = Nomination.history.filter(
            history_date__gt=since, history_change_reason__contains=f"{ARROW} {S.RETURNED}"
        )
        returned = returned.filter(id__in=moves.values("id"))
    return returned.count()


def _review_count(user, since) -> int:
    rows = Nomination.objects.alive().filter(status__in=REVIEW, conference__is_current=True)
    if since is not None:
        rows = rows.filter(submitted_at__gt=since)
    return rows.count()


def register() -> None:
    notices.register(
        notices.NoticeKind(
            code="returned",
            label=_("Dossiers returned to my unit"),
            applies=lambda user: unit_of(user) is not None,
            count=_returned_count,
            url=lambda user: reverse("nomination_list") + "?" + urlencode({"status": S.RETURNED}),
        )
    )
    notices.register(
        notices.NoticeKind(
            code="review",
            label=_("Dossiers waiting for review"),
            applies=is_office,
            count=_review_count,
            url=lambda user: reverse("review_queue"),
        )
    )
