"""Start the next round: next year's conference, made from this one (docs/next-round.md).

``start_next_round`` creates the conference of the next year and makes it current, in one
transaction (all or nothing):

- copied: the conference's settings (organiser, chair, contact, venue, times, quorum, expected
  delegates), the movements still running in the new year (no end year, or ending in it or later),
  the council (its members, with their accounts), the quotas;
- shared, so nothing to copy: units, award forms and eligibility rules (the rules in force on the
  new date apply by their own dates);
- not copied: nominations, meetings, ballots, decisions, delegates, the agenda, invitations —
  the new round starts them afresh;
- carried: every decided award of the old round becomes a commendation-history record of its
  nominee (``awards.services.carry``).

The old round stays as it was, readable: its dossiers, decisions and honour roll. Starting the
same year twice is refused; the organisation's row is locked, so two presses at once start it once.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import CouncilMember
from awards.services.carry import CarryResult, carry_awards
from hoinghi.models import set_history_user
from hoinghi.roles import is_office
from reference.models import Conference, Movement, Organisation, Quota

COPIED_FIELDS = (
    "organisation_id",
    "duration_label",
    "venue",
    "start_time",
    "end_time",
    "organiser",
    "chair",
    "contact",
    "expected_delegates",
    "quorum_numerator",
    "quorum_denominator",
)


@dataclass(frozen=True)
class NextRoundInput:
    year: int
    name: str
    date: datetime.date | None = None
    nomination_deadline: datetime.date | None = None


@dataclass(frozen=True)
class NextRoundResult:
    conference: Conference
    previous: Conference
    movements: int
    council_members: int
    quotas: int
    awards: CarryResult


def with_year(text: str, old: int, new: int) -> str:
    """``text`` with the old year replaced by the new one: "hoi-nghi-2025" → "hoi-nghi-2026"."""
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def suggested_name(current: Conference) -> str:
    return with_year(current.name, current.year, current.year + 1)


def _slug(current: Conference, year: int) -> str:
    slug = with_year(current.slug, current.year, year)
    return slug if slug != current.slug else f"{current.slug}-{year}"[:50]


def running_movements(current: Conference, year: int):
    return current.movements.exclude(end_year__lt=year).order_by("order", "id")


def _check(current: Conference | None, data: NextRoundInput) -> Conference:
    if current is None:
        raise ValidationError(_("No conference is marked as current. Ask the Office to set one up."), code="none")
    if Conference.objects.filter(organisation_id=current.organisation_id, year=data.year).exists():
        raise ValidationError(_("The round of %(year)s has already been started.") % {"year": data.year}, code="exists")
    if data.year != current.year + 1:
        raise ValidationError(_("The next round is the round of %(year)s.") % {"year": current.year + 1}, code="year")
    if not data.name.strip():
        raise ValidationError(_("Give the new conference's name."), code="name")
    if Conference.objects.filter(slug=_slug(current, data.year)).exists():
        raise ValidationError(
            _("The short code %(slug)s is taken by another conference.") % {"slug": _slug(current, data.year)},
            code="slug",
        )
    return current


def _new_conference(current: Conference, data: NextRoundInput, by: User) -> Conference:
    conference = Conference(
        name=data.name,
        slug=_slug(current, data.year),
        year=data.year,
        period_label=with_year(current.period_label, current.year, data.year),
        date=data.date,
        nomination_deadline=data.nomination_deadline,
        **{field: getattr(current, field) for field in COPIED_FIELDS},
    )
    current.is_current = False
    set_history_user(current, by)
    current.save(update_fields=["is_current"])
    conference.is_current = True
    set_history_user(conference, by)
    conference.save()
    return conference


def _copy(current: Conference, conference: Conference, by: User) -> tuple[int, int, int]:
    movements = [
        Movement(
            conference=conference,
            name=m.name,
            scope=m.scope,
            launched_by=m.launched_by,
            start_year=m.start_year,
            end_year=m.end_year,
            order=m.order,
        )
        for m in running_movements(current, conference.year)
    ]
    members = [
        CouncilMember(
            conference=conference, user_id=m.user_id, full_name=m.full_name, position=m.position, role=m.role,
            order=m.order,
        )
        for m in CouncilMember.objects.filter(conference=current).order_by("order", "id")
    ]  # fmt: skip
    quotas = [
        Quota(conference=conference, award_form_id=q.award_form_id, kind=q.kind, minimum=q.minimum, maximum=q.maximum)
        for q in Quota.objects.filter(conference=current).order_by("award_form__order", "kind")
    ]
    for rows in (movements, members, quotas):
        for row in rows:
            set_history_user(row, by)
            row.save()
    return len(movements), len(members), len(quotas)


def start_next_round(data: NextRoundInput, *, by: User) -> NextRoundResult:
    """Create next year's conference from the current one and make it current (all or nothing).

    Refused (ValidationError, in Vietnamese) when there is no current conference, when the year's
    round exists already, or when the year is not the one after the current round's.
    """
    if not is_office(by):
        raise PermissionDenied(_("Only the Office starts the next round."))
    with transaction.atomic():
        found = Conference.objects.current()
        if found is not None:
            Organisation.objects.select_for_update().get(pk=found.organisation_id)
        current = _check(Conference.objects.filter(is_current=True).select_for_update().first(), data)
        conference = _new_conference(current, data, by)
        movements, members, quotas = _copy(current, conference, by)
        awards = carry_awards(current, by=by)
    return NextRoundResult(conference, current, movements, members, quotas, awards)
