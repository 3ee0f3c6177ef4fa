"""Every write to a nomination: create, edit, attach, and the one workflow transition.

Nothing else assigns ``Nomination.status``.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.db import transaction as db_transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from hoinghi.models import set_change_reason, set_history_user
from hoinghi.roles import is_office, unit_of
from hoinghi.text import normalize_multiline
from hoinghi.transitions import move_reason
from hoinghi.uploads import DOSSIER_TYPES, check_upload, display_name
from nominations import mail, selectors
from nominations.categories import category_for
from nominations.enums import Actor, AttachmentKind, NominationStatus
from nominations.matching import match_nominees, rematch
from nominations.models import Attachment, CommendationRecord, Nomination, NominationCount, Nominee
from reference.models import Conference, Unit

S = NominationStatus
BATCH_SIZE = 1000
UNIT_AND_OFFICE = frozenset({Actor.UNIT, Actor.OFFICE})
OFFICE_ONLY = frozenset({Actor.OFFICE})
RECORD_ONLY = frozenset({Actor.RECORD})

# The workflow, written down once: (from, to) -> who may make the move.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.DRAFT, S.SUBMITTED): UNIT_AND_OFFICE,
    (S.DRAFT, S.WITHDRAWN): UNIT_AND_OFFICE,
    (S.SUBMITTED, S.RETURNED): OFFICE_ONLY,
    (S.SUBMITTED, S.ACCEPTED): OFFICE_ONLY,
    (S.SUBMITTED, S.REJECTED): OFFICE_ONLY,
    (S.SUBMITTED, S.WITHDRAWN): UNIT_AND_OFFICE,
    (S.RETURNED, S.RESUBMITTED): UNIT_AND_OFFICE,
    (S.RETURNED, S.WITHDRAWN): UNIT_AND_OFFICE,
    (S.RESUBMITTED, S.RETURNED): OFFICE_ONLY,
    (S.RESUBMITTED, S.ACCEPTED): OFFICE_ONLY,
    (S.RESUBMITTED, S.REJECTED): OFFICE_ONLY,
    (S.RESUBMITTED, S.WITHDRAWN): UNIT_AND_OFFICE,
    # The council's outcome (awards.services.tally) and the award itself (awards.services.decisions).
    (S.ACCEPTED, S.APPROVED): RECORD_ONLY,
    (S.ACCEPTED, S.NOT_APPROVED): RECORD_ONLY,
    (S.APPROVED, S.AWARDED): RECORD_ONLY,
}
NOTE_REQUIRED = {S.RETURNED, S.REJECTED}
SUBMIT_TARGETS = {S.SUBMITTED, S.RESUBMITTED}
UNIT_EDITABLE = {S.DRAFT, S.RETURNED}
OFFICE_EDITABLE = {S.DRAFT, S.RETURNED, S.SUBMITTED, S.RESUBMITTED}


class WorkflowError(ValidationError):
    """A refused transition, with the reason in Vietnamese."""


class StaleEdit(ValidationError):
    """Someone saved the nomination after this user loaded it (optimistic locking)."""


def ensure_current(nomination: Nomination, expected_version: int | None) -> None:
    """Refuse a save based on an older version of the row (``nomination`` is the locked, fresh row)."""
    if expected_version is not None and nomination.version != expected_version:
        raise StaleEdit(
            _(
                "This dossier was changed by someone else after you opened it, so your changes were not saved. "
                "Reload the page to see the current version, then make your changes again."
            ),
            code="stale",
        )


def in_past_round(nomination: Nomination) -> bool:
    """A nomination of a round that is no longer the current one: read-only (docs/next-round.md)."""
    return not nomination.conference.is_current


def actors_for(user: User, nomination: Nomination) -> set[str]:
    """Which side(s) of the workflow this user acts for on this nomination (none in a past round)."""
    actors: set[str] = set()
    if in_past_round(nomination):
        return actors
    if is_office(user):
        actors |= {Actor.OFFICE, Actor.UNIT}
    unit = unit_of(user)
    if unit is not None and unit.pk == nomination.proposing_unit_id:
        actors.add(Actor.UNIT)
    return actors


def allowed_targets(user: User, nomination: Nomination) -> list[str]:
    """The statuses this user may move the nomination to now (for buttons)."""
    actors = actors_for(user, nomination)
    return [to for (frm, to), who in TRANSITIONS.items() if frm == nomination.status and who & actors]


def can_edit(user: User, nomination: Nomination) -> bool:
    if in_past_round(nomination):
        return False
    if is_office(user):
        return nomination.status in OFFICE_EDITABLE
    return Actor.UNIT in actors_for(user, nomination) and nomination.status in UNIT_EDITABLE


def ensure_can_edit(user: User, nomination: Nomination) -> None:
    if not can_edit(user, nomination):
        raise PermissionDenied(_("This nomination cannot be changed in its current status."))


def submission_problems(nomination: Nomination) -> list[str]:
    """What is missing before a dossier may go to the Office (empty list: complete)."""
    problems = []
    if not nomination.achievement_summary.strip():
        problems.append(_("The achievement summary is empty."))
    if not nomination.movements.exists():
        problems.append(_("Choose at least one emulation movement."))
    if not nomination.attachments.filter(kind=AttachmentKind.ACHIEVEMENT_REPORT).exists():
        problems.append(_("Attach the achievement report."))
    return problems


def transition(nomination: Nomination, to: str, *, by: User, note: str = "", record: bool = False) -> Nomination:
    """Move a nomination to ``to``: the only place that changes its status.

    ``record=True`` is passed only by the awards services (tally, decisions): it lets an Office
    user record the council's outcome or an issued decision, moves no form may offer.

    Side effects:
    - locks the row and re-reads its status (two clicks never apply twice);
    - sets status, status_note and submitted_at;
    - its simple-history row is the record of the move: who, when, reason "from → to: note";
    - returned / accepted / rejected: queues the e-mail to the proposing unit's staff (``nominations.mail``).
    """
    note = normalize_multiline(note or "")
    with db_transaction.atomic():
        locked = Nomination.objects.alive().select_for_update().get(pk=nomination.pk)
        frm = locked.status
        who = TRANSITIONS.get((frm, to))
        if who is None:
            raise WorkflowError(
                _("A nomination that is “%(from)s” cannot become “%(to)s”.")
                % {"from": S(frm).label, "to": S(to).label},
                code="not_allowed",
            )
        actors = actors_for(by, locked)
        if record and is_office(by):
            actors.add(Actor.RECORD)
        if not who & actors:
            raise PermissionDenied(_("You may not make this change."))
        if to in NOTE_REQUIRED and not note:
            raise WorkflowError(_("Give the reason, so that the unit knows what to do."), code="note_required")
        if to in SUBMIT_TARGETS:
            problems = submission_problems(locked)
            if problems:
                # A list of messages keeps no outer code: tag each problem instead.
                raise WorkflowError([ValidationError(problem, code="incomplete") for problem in problems])
        locked.status = to
        locked.version += 1
        fields = ["status", "status_note", "updated_at", "version"]
        if to in NOTE_REQUIRED:
            locked.status_note = note
        elif to in SUBMIT_TARGETS or to == S.ACCEPTED:
            locked.status_note = ""
        if to in SUBMIT_TARGETS:
            locked.submitted_at = timezone.now()
            fields.append("submitted_at")
        set_change_reason(locked, move_reason(frm, to, note))
        set_history_user(locked, by)  # also outside a request (background jobs, commands)
        locked.save(update_fields=fields)
        mail.dossier_moved(locked, to)  # the unit's e-mail, in the outbox (docs/outbox.md)
    nomination.refresh_from_db()
    return nomination


@dataclass
class NominationInput:
    """Cleaned data for one nomination and its nominee, from a form or an Excel row."""

    nominee: dict[str, Any]
    proposing_unit: Unit
    award_form: Any
    achievement_summary: str
    movements: list = field(default_factory=list)
    commendations: list[dict[str, Any]] = field(default_factory=list)


def _check_unit(by: User, unit: Unit) -> None:
    if is_office(by):
        return
    own = unit_of(by)
    if own is None or own.pk != unit.pk:
        raise PermissionDenied(_("You may only propose for your own unit."))


def create_nomination(conference: Conference, data: NominationInput, *, by: User) -> Nomination:
    """Create a draft nomination with its nominee and commendation history (the web form's one)."""
    return create_nominations(conference, [data], by=by)[0]


def prepared_nominee(values: dict[str, Any]) -> Nominee:
    """A Nominee as ``Nominee.save()`` leaves it, for bulk inserts (``bulk_create`` does not call save())."""
    nominee = Nominee(**values)
    nominee.normalise_text_fields()
    if nominee.birth_date:
        nominee.birth_year = nominee.birth_date.year
    nominee.compute_keys()
    return nominee


def create_nominations(
    conference: Conference,
    rows: list[NominationInput],
    *,
    by: User,
    notes: list[str] | None = None,
    reason: str | None = None,
    nominees: list[Nominee] | None = None,
) -> list[Nomination]:
    """The one way nominations come into being: the web form's one and the Excel import's thousands.

    Bulk inserts in one transaction, so 5,000 imported rows save in seconds (docs/performance.md).
    Side effects, per row: a Nominee and a draft Nomination, each with its simple_history row (by
    ``by``, change reason ``reason``); the nomination–movement links; the nominee's commendation
    history; the nomination's ``+`` history row is its first move, reason "→ draft" followed by
    ``notes[i]`` (``reason`` is the nominees' change reason). ``nominees``: the
    rows' nominees already prepared (``prepared_nominee``; the import builds them to find duplicates).
    """
    for unit in {row.proposing_unit for row in rows}:
        _check_unit(by, unit)
    notes = notes if notes is not None else [""] * len(rows)
    with db_transaction.atomic():
        nominees = bulk_create_with_history(
            nominees if nominees is not None else [prepared_nominee(row.nominee) for row in rows],
            Nominee,
            batch_size=BATCH_SIZE,
            default_user=by,
            default_change_reason=reason,
        )
        nominations = bulk_create_with_history(
            [
                _new_nomination(conference, row, nominee, by, note)
                for row, nominee, note in zip(rows, nominees, notes, strict=True)
            ],
            Nomination,
            batch_size=BATCH_SIZE,
            default_user=by,
            default_change_reason=reason,
        )
        _link_movements(rows, nominations)
        for row, nominee in zip(rows, nominees, strict=True):
            _add_commendations(nominee, row.commendations)
        match_nominees(nominees, year=conference.year, by=by)
    return nominations


def _new_nomination(conference: Conference, data: NominationInput, nominee: Nominee, by: User, note: str) -> Nomination:
    nomination = Nomination(
        conference=conference,
        nominee=nominee,
        proposing_unit=data.proposing_unit,
        award_form=data.award_form,
        achievement_summary=data.achievement_summary,
        created_by=by,
    )
    nomination.normalise_text_fields()
    set_change_reason(nomination, move_reason("", S.DRAFT, normalize_multiline(note)))  # its first move
    return nomination


def _link_movements(rows: list[NominationInput], nominations: list[Nomination]) -> None:
    through = Nomination.movements.through
    links = [
        through(nomination_id=nomination.pk, movement_id=movement.pk)
        for row, nomination in zip(rows, nominations, strict=True)
        for movement in row.movements
    ]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)


def update_nomination(
    nomination: Nomination, data: NominationInput, *, by: User, expected_version: int | None = None
) -> Nomination:
    """Save edits to a nomination that is still editable by this user.

    ``expected_version`` is the version the user's form was built from: if anyone saved the
    nomination since (an edit, a transition), ``StaleEdit`` is raised and nothing is saved.
    The row is locked, so of two simultaneous saves from the same version exactly one wins.
    """
    ensure_can_edit(by, nomination)
    _check_unit(by, data.proposing_unit)
    with db_transaction.atomic():
        locked = Nomination.objects.alive().select_for_update().get(pk=nomination.pk)
        ensure_current(locked, expected_version)
        ensure_can_edit(by, locked)
        nominee = locked.nominee
        for name, value in data.nominee.items():
            setattr(nominee, name, value)
        set_history_user(nominee, by)
        set_history_user(locked, by)
        nominee.save()
        locked.proposing_unit = data.proposing_unit
        locked.award_form = data.award_form
        locked.achievement_summary = data.achievement_summary
        locked.version += 1
        locked.save()
        locked.movements.set(data.movements)
        _replace_commendations(nominee, data.commendations)
        rematch(nominee, year=locked.conference.year, by=by)
    nomination.refresh_from_db()
    return nomination


def _replace_commendations(nominee: Nominee, rows: list[dict[str, Any]]) -> None:
    """Replace the nominee's history; a row without a category (or "other") gets the one its title names."""
    nominee.commendations.all().delete()
    _add_commendations(nominee, rows)


def _add_commendations(nominee: Nominee, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        row = {**row, "category": category_for(row.get("title", ""), row.get("category"))}
        CommendationRecord(nominee=nominee, **row).save()


def add_attachment(nomination: Nomination, upload: UploadedFile, *, kind: str, by: User) -> Attachment:
    """Store an attachment after checking its content and size (ValidationError otherwise)."""
    ensure_can_edit(by, nomination)
    checked = check_upload(upload, allowed=DOSSIER_TYPES, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    attachment = Attachment(
        nomination=nomination,
        kind=kind,
        original_name=display_name(upload.name or "", extension=checked.extension),
        extension=f".{checked.extension}",
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


def delete_attachment(attachment: Attachment, *, by: User) -> None:
    ensure_can_edit(by, attachment.nomination)
    stored = attachment.file
    with db_transaction.atomic():
        attachment.delete()
        db_transaction.on_commit(lambda: stored.delete(save=False))


def delete_nomination(nomination: Nomination, *, by: User) -> bool:
    """Delete a nomination for the Office; returns True when it was only marked deleted (soft).

    A nomination that anything still points to — a council ballot, a decision's list, a
    delegate, the ceremony agenda (all ``on_delete=PROTECT``) — is part of what was decided
    and is kept: it gets ``deleted_at``/``deleted_by`` and disappears from every list (each
    list, count and choice asks for ``Nomination.objects.alive()``). One nothing points to (a
    draft, a withdrawn or rejected dossier) is really deleted, with its attachments, status
    changes, and its nominee when no other nomination names it; the history tables keep a copy
    of each deleted row.
    """
    if not is_office(by):
        raise PermissionDenied(_("Only the Office may delete a nomination."))
    with db_transaction.atomic():
        locked = Nomination.objects.alive().select_for_update().get(pk=nomination.pk)
        nominee = locked.nominee
        files = [a.file for a in locked.attachments.all()]
        try:
            with db_transaction.atomic():
                locked.delete()
        except ProtectedError:
            locked.deleted_at = timezone.now()
            locked.deleted_by = by
            locked.version += 1
            set_change_reason(locked, "deleted (kept: part of a decision)")
            set_history_user(locked, by)
            locked.save(update_fields=["deleted_at", "deleted_by", "version", "updated_at"])
            return True
        if not Nomination.objects.filter(nominee=nominee).exists():
            nominee.delete()
        db_transaction.on_commit(lambda: [stored.delete(save=False) for stored in files])
    return False


def rebuild_counts() -> int:
    """Rewrite the dashboard's counters from a fresh count (``check_nomination_counts --fix``).

    Locks the nominations table's rows against moves for the length of the rewrite (SHARE mode on
    PostgreSQL), so no transition slips between the count and the write. Returns the rows written.
    """
    with db_transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE nominations_nomination IN SHARE MODE")
        counted = selectors.recounted()
        NominationCount.objects.all().delete()
        keys = selectors.COUNT_KEY
        NominationCount.objects.bulk_create(
            [NominationCount(**dict(zip(keys, key, strict=True)), n=n) for key, n in counted.items()],
            batch_size=BATCH_SIZE,
        )
    return len(counted)
