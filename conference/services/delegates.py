"""Delegates: added by hand or from the awards, numbered once, removed only before they arrive.

The invitation number is the next number in the conference, taken under a lock on the
conference row, so two Office users adding delegates at once never get the same number, and
a number never changes afterwards (the letters already printed keep theirs).
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from awards.enums import DecisionStatus, DocumentType
from awards.models import DecisionEntry
from conference.models import AgendaItem, CheckIn, Delegate, DelegateGroup
from conference.transitions import REPLIES
from hoinghi.models import set_history_user
from nominations.enums import NominationStatus
from nominations.models import Nomination
from reference.enums import NomineeKind
from reference.models import Conference

EXEMPLARS_GROUP = "dien-hinh"
REPRESENTATIVE_POSITION = "Đại diện tập thể"
DELEGATE_FIELDS = (
    "group",
    "gender",
    "full_name",
    "position",
    "organisation",
    "phone",
    "email",
    "note",
    "rsvp",
    "substitute_name",
    "introduced_to_congress",
)


def _lock_next_number(conference: Conference) -> int:
    """Lock the conference row and return the next free invitation number."""
    Conference.objects.select_for_update().only("pk").get(pk=conference.pk)
    last = Delegate.objects.filter(conference=conference).aggregate(last=Max("invitation_number"))["last"]
    return (last or 0) + 1


def check_group(conference: Conference, group: DelegateGroup) -> None:
    """Refuse a group of another conference (the admin's form shows the same message)."""
    if group.conference_id != conference.pk:
        raise ValidationError(_("The group belongs to another conference."), code="other_conference")


def add_delegate(conference: Conference, data: dict, *, by: User, instance: Delegate | None = None) -> Delegate:
    """Create one delegate with the next invitation number (side effects: a history row).

    ``instance``: the unsaved delegate to fill and save (the admin goes on with the one its form made).
    """
    check_group(conference, data["group"])
    with transaction.atomic():
        return _create(conference, data, _lock_next_number(conference), by, instance)


def add_delegates(conference: Conference, rows: list[dict], *, by: User) -> list[Delegate]:
    """The one way delegates are created (page, import, awardees, admin): numbered on, in the order given.

    Each row is checked (its group is this conference's; the model's rules) and saved with its
    history row, all in one transaction under the conference lock: a refused row saves nothing.
    """
    for data in rows:
        check_group(conference, data["group"])
    with transaction.atomic():
        number = _lock_next_number(conference)
        return [_create(conference, data, number + offset, by) for offset, data in enumerate(rows)]


def _create(conference: Conference, data: dict, number: int, by: User, instance: Delegate | None = None) -> Delegate:
    delegate = instance if instance is not None else Delegate()
    delegate.conference = conference
    for name, value in data.items():
        if name in DELEGATE_FIELDS or name == "nomination":
            setattr(delegate, name, value)
    delegate.invitation_number = number
    set_history_user(delegate, by)
    delegate.full_clean(exclude=["invitation_number", "token"])
    delegate.save()
    return delegate


class StaleDelegate(ValidationError):
    """Someone saved the delegate after this user opened the edit page (optimistic locking)."""


def update_delegate(delegate: Delegate, data: dict, *, by: User, expected_version: int | None = None) -> Delegate:
    """Change the delegate's details; the invitation number and the token never change.

    With ``expected_version`` (the version the edit page showed), a save based on an older
    version is refused with ``StaleDelegate`` and nothing is saved; the row is locked meanwhile.
    """
    check_group(delegate.conference, data.get("group", delegate.group))
    with transaction.atomic():
        stored = Delegate.objects.select_for_update().only("version", "rsvp").get(pk=delegate.pk)
        current = stored.version
        if expected_version is not None and current != expected_version:
            raise StaleDelegate(
                _(
                    "This delegate was changed by someone else after you opened the page, so your changes were not "
                    "saved. Reload the page to see the current version, then make your changes again."
                ),
                code="stale",
            )
        delegate.version = current
        for name, value in data.items():
            if name in DELEGATE_FIELDS or name == "nomination":
                setattr(delegate, name, value)
        set_history_user(delegate, by)
        delegate.full_clean(exclude=["invitation_number", "token"])
        reply, delegate.rsvp = delegate.rsvp, stored.rsvp
        if reply != stored.rsvp:
            REPLIES.move(delegate, reply, by=by)  # a changed reply is a move of the replies' workflow
        else:
            delegate.save()
    return delegate


def delete_delegate(delegate: Delegate, *, by: User) -> None:
    """Remove a delegate who has not checked in; the other numbers stay as they are."""
    if CheckIn.objects.filter(delegate=delegate).exists():
        raise ValidationError(_("This delegate has already checked in and cannot be removed."), code="checked_in")
    set_history_user(delegate, by)
    delegate.delete()


# --- the awardees ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Awardee:
    nomination: Nomination
    full_name: str
    gender: str
    position: str
    organisation: str
    note: str


def awarded_nominations(conference: Conference):
    """Nominations on an issued decision, or on an issued proposal the province has decided."""
    entries = DecisionEntry.objects.filter(
        decision__conference=conference,
        decision__status=DecisionStatus.ISSUED,
        nomination__status__in=(NominationStatus.AWARDED, NominationStatus.APPROVED),
    ).exclude(decision__document_type=DocumentType.PROPOSAL, decision__province_decision_number="")
    return Nomination.objects.alive().filter(pk__in=entries.values("nomination_id"))


def _speaker_nominations(conference: Conference):
    return Nomination.objects.alive().filter(
        pk__in=AgendaItem.objects.filter(conference=conference, nomination__isnull=False).values("nomination_id")
    )


def _awardee(nomination: Nomination, note: str) -> Awardee:
    nominee = nomination.nominee
    if nominee.kind == NomineeKind.COLLECTIVE:
        return Awardee(
            nomination=nomination,
            full_name=f"Đại diện {nominee.full_name}"[:200],
            gender="",
            position=REPRESENTATIVE_POSITION,
            organisation=nominee.full_name,
            note=note,
        )
    unit = nominee.unit
    organisation = unit.name if unit else nomination.proposing_unit.name
    return Awardee(
        nomination=nomination,
        full_name=nominee.full_name,
        gender=nominee.gender,
        position=nominee.position,
        organisation=organisation,
        note=note,
    )


def awardees(conference: Conference) -> list[Awardee]:
    """Who should be invited from the awards and the talks, in Vietnamese name order, each once."""
    related = ("nominee__unit", "proposing_unit", "award_form")
    found: dict[int, Awardee] = {}
    for nomination in awarded_nominations(conference).select_related(*related).order_by("nominee__sort_key", "id"):
        found[nomination.pk] = _awardee(nomination, nomination.award_form.name)
    talks = _speaker_nominations(conference).select_related(*related).order_by("nominee__sort_key", "id")
    for nomination in talks:
        found.setdefault(nomination.pk, _awardee(nomination, _("Exemplar talk")))
    return list(found.values())


def promote_awardees(conference: Conference, *, by: User) -> tuple[int, int]:
    """Make every awardee (a representative for a collective) and every speaker a delegate.

    Returns (created, skipped): a nomination that already has a delegate is skipped, so the
    action can be repeated. Side effects: new delegates in the exemplars group, numbered on.
    """
    try:
        group = DelegateGroup.objects.get(conference=conference, code=EXEMPLARS_GROUP)
    except DelegateGroup.DoesNotExist as exc:
        message = _("Add the delegate group with the code “%(code)s” (the exemplars) first.")
        raise ValidationError(message % {"code": EXEMPLARS_GROUP}, code="no_group") from exc
    with transaction.atomic():
        _lock_next_number(conference)  # the conference lock: two clicks never add an awardee twice
        present = set(
            Delegate.objects.filter(conference=conference, nomination__isnull=False).values_list(
                "nomination_id", flat=True
            )
        )
        found = awardees(conference)
        new = [awardee for awardee in found if awardee.nomination.pk not in present]
        add_delegates(conference, [_awardee_row(awardee, group) for awardee in new], by=by)
    return len(new), len(found) - len(new)


def _awardee_row(awardee: Awardee, group: DelegateGroup) -> dict:
    return {
        "group": group,
        "nomination": awardee.nomination,
        "full_name": awardee.full_name,
        "gender": awardee.gender,
        "position": awardee.position,
        "organisation": awardee.organisation,
        "note": awardee.note[:300],
    }
