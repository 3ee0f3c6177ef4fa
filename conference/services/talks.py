"""Exemplars' talks (tham luận): upload by the Office or the exemplar's unit, review by the Office.

Nothing else writes ``ExemplarTalk``; its status moves only through ``conference.transitions.TALKS``
(each move is the talk's history row, reason "from → to[: note]"). The exemplar's unit is the unit
that proposed the exemplar's nomination: its staff see and upload their own exemplars' talks only.
"""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.enums import AgendaKind
from conference.enums import TalkStatus as T
from conference.models import TALK_TITLE, AgendaItem, ExemplarTalk
from conference.transitions import TALK_REPLACEABLE, TALK_REVIEW, TALKS
from hoinghi.models import set_change_reason, set_history_user
from hoinghi.roles import is_office, unit_of
from hoinghi.transitions import move_reason
from hoinghi.uploads import DOSSIER_TYPES, check_upload, display_name

TALK_TYPES = {ext: DOSSIER_TYPES[ext] for ext in ("pdf", "docx")}
TALK_MAX_BYTES = 10 * 1024 * 1024


class TalkError(ValidationError):
    """A refused change of a talk, with the reason in Vietnamese."""


def talk_items(conference) -> QuerySet:
    """The conference's exemplar-talk items that name an exemplar, with their talk, in agenda order."""
    return (
        AgendaItem.objects.filter(conference=conference, kind=AgendaKind.EXEMPLAR_TALK, nomination__isnull=False)
        .select_related("talk", "nomination__nominee__unit", "nomination__proposing_unit")
        .order_by("order", "id")
    )


def talk_items_visible_to(user: User, conference) -> QuerySet:
    """The Office sees every talk item; unit staff those of their own unit's exemplars; others none."""
    items = talk_items(conference)
    if is_office(user):
        return items
    unit = unit_of(user)
    return items.filter(nomination__proposing_unit=unit) if unit is not None else items.none()


def acts_for(user: User, item: AgendaItem) -> bool:
    if is_office(user):
        return True
    unit = unit_of(user)
    return unit is not None and item.nomination is not None and item.nomination.proposing_unit_id == unit.pk


def can_upload(user: User, item: AgendaItem) -> bool:
    talk = getattr(item, "talk", None)
    return acts_for(user, item) and (talk is None or talk.status in TALK_REPLACEABLE)


def upload_talk(item: AgendaItem, upload: UploadedFile, *, title: str, by: User) -> ExemplarTalk:
    """Store the talk's file (PDF or DOCX, checked by content and size); a returned talk is resubmitted.

    The first upload creates the talk ("→ submitted"); an accepted talk cannot be replaced.
    """
    if not acts_for(by, item):
        raise PermissionDenied(_("You may not make this change."))
    title = " ".join((title or "").split())
    if not title:
        raise TalkError(_("Write the title of the talk."), code="title")
    if len(title) > TALK_TITLE:
        raise TalkError(_("The title is too long."), code="title")
    checked = check_upload(upload, allowed=TALK_TYPES, max_bytes=TALK_MAX_BYTES)
    with transaction.atomic():
        AgendaItem.objects.select_for_update().get(pk=item.pk)
        talk = ExemplarTalk.objects.filter(agenda_item=item).first()
        if talk is not None and talk.status not in TALK_REPLACEABLE:
            raise TalkError(_("The talk has been accepted; it can no longer be replaced."), code="accepted")
        old = talk.file.name if talk is not None else ""
        if talk is None:
            talk = ExemplarTalk(agenda_item=item)
        talk.title = title
        talk.original_name = display_name(upload.name or "", extension=checked.extension)
        talk.extension = f".{checked.extension}"
        talk.content_type = checked.content_type
        talk.size = checked.size
        talk.uploaded_by = by
        talk.uploaded_at = timezone.now()
        talk.file.save(upload.name or "talk", upload, save=False)
        if talk.pk is None:
            set_change_reason(talk, move_reason("", T.SUBMITTED))
            set_history_user(talk, by)
            talk.save()
        elif talk.status == T.RETURNED:
            talk.status_note = ""
            TALKS.move(talk, T.RESUBMITTED, by=by)
        else:
            set_history_user(talk, by)
            talk.save()
        storage = talk.file.storage
        if old and old != talk.file.name:
            transaction.on_commit(lambda: storage.delete(old))
    return talk


def review(talk: ExemplarTalk, to: str, *, by: User, note: str = "") -> ExemplarTalk:
    """The Office returns the talk with a reason or accepts it (one history row per move)."""
    note = (note or "").strip()
    with transaction.atomic():
        locked = ExemplarTalk.objects.select_for_update().get(pk=talk.pk)
        TALKS.ensure_allowed(locked, to)
        if to not in TALK_REVIEW or not is_office(by):
            raise PermissionDenied(_("You may not make this change."))
        if to == T.RETURNED and not note:
            raise TalkError(_("Give the reason, so that the unit knows what to do."), code="note_required")
        locked.status_note = note if to == T.RETURNED else ""
        TALKS.move(locked, to, by=by, note=note, fields=["status_note"])
    talk.refresh_from_db()
    return talk


def accepted_talks(conference) -> dict[int, ExemplarTalk]:
    """Agenda item id → its accepted talk (what the agenda page and the programme name)."""
    talks = ExemplarTalk.objects.filter(agenda_item__conference=conference, status=T.ACCEPTED)
    return {talk.agenda_item_id: talk for talk in talks}
