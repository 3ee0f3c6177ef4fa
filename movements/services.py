"""Every write to a movement report: start, edit, figures, files, and the one transition.

Nothing else assigns ``MovementReport.status``; the move itself is ``movements.transitions.REPORTS.move``.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction as db_transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.models import set_history_user
from hoinghi.roles import is_office, unit_of
from hoinghi.uploads import DOSSIER_TYPES, check_upload, display_name
from movements.models import TEXT_FIELDS, Figure, Indicator, MovementReport, ReportAttachment
from movements.transitions import EDITABLE, NOTE_REQUIRED, OFFICE_MOVES, REPORTS, SUBMIT_TARGETS
from reference.models import Movement, Unit


class ReportError(ValidationError):
    """A refused change, with the reason in Vietnamese."""


def acts_for_unit(user: User, unit_id: int) -> bool:
    """The Office, or staff of the report's own unit."""
    if is_office(user):
        return True
    own = unit_of(user)
    return own is not None and own.pk == unit_id


def can_edit(user: User, report: MovementReport) -> bool:
    return report.status in EDITABLE and acts_for_unit(user, report.unit_id)


def ensure_can_edit(user: User, report: MovementReport) -> None:
    if not can_edit(user, report):
        raise PermissionDenied(_("This report cannot be changed in its current status."))


def allowed_targets(user: User, report: MovementReport) -> list[str]:
    """The statuses this user may move the report to now (for buttons)."""
    targets = sorted(REPORTS.moves.get(report.status, frozenset()))
    if is_office(user):
        return targets
    if acts_for_unit(user, report.unit_id):
        return [to for to in targets if to not in OFFICE_MOVES]
    return []


def start_report(movement: Movement, unit: Unit, *, by: User) -> MovementReport:
    """The unit's report on ``movement`` (a new draft the first time)."""
    if not acts_for_unit(by, unit.pk):
        raise PermissionDenied(_("You may only report for your own unit."))
    with db_transaction.atomic():
        report = MovementReport.objects.filter(movement=movement, unit=unit).first()
        if report is None:
            report = MovementReport(movement=movement, unit=unit, created_by=by)
            set_history_user(report, by)
            report.save()
    return report


def submission_problems(report: MovementReport) -> list[str]:
    """What is missing before a report may go to the Office (empty: complete)."""
    problems = []
    if not report.results.strip():
        problems.append(_("Write the results achieved."))
    missing = Indicator.objects.filter(movement_id=report.movement_id).exclude(figures__report=report)
    names = [i.name for i in missing.order_by("order", "id")]
    if names:
        problems.append(_("Enter a figure for every indicator: %(names)s.") % {"names": "; ".join(names)})
    return problems


def transition(report: MovementReport, to: str, *, by: User, note: str = "") -> MovementReport:
    """Move a report to ``to``: the only place that changes its status (a history row "from → to[: note]")."""
    note = (note or "").strip()
    with db_transaction.atomic():
        locked = MovementReport.objects.select_for_update().get(pk=report.pk)
        REPORTS.ensure_allowed(locked, to)
        if not acts_for_unit(by, locked.unit_id) or (to in OFFICE_MOVES and not is_office(by)):
            raise PermissionDenied(_("You may not make this change."))
        if to in NOTE_REQUIRED and not note:
            raise ReportError(_("Give the reason, so that the unit knows what to do."), code="note_required")
        if to in SUBMIT_TARGETS:
            problems = submission_problems(locked)
            if problems:
                raise ReportError([ValidationError(problem, code="incomplete") for problem in problems])
            locked.submitted_at = timezone.now()
        locked.status_note = note if to in NOTE_REQUIRED else ""
        REPORTS.move(locked, to, by=by, note=note, fields=["status_note", "submitted_at", "updated_at"])
    report.refresh_from_db()
    return report


def update_report(report: MovementReport, texts: dict[str, str], figures: dict[int, Decimal | None], *, by: User):
    """Save the five texts and the figures (indicator id -> value; None removes the figure)."""
    with db_transaction.atomic():
        locked = MovementReport.objects.select_for_update().get(pk=report.pk)
        ensure_can_edit(by, locked)
        for name in TEXT_FIELDS:
            setattr(locked, name, texts.get(name, getattr(locked, name)))
        set_history_user(locked, by)
        locked.save()
        set_figures(locked, figures, by=by)
    report.refresh_from_db()
    return report


def set_figures(report: MovementReport, figures: dict[int, Decimal | None], *, by: User) -> None:
    """Write the report's figures (the caller holds the report's lock and checked it may be edited)."""
    valid = set(Indicator.objects.filter(movement_id=report.movement_id).values_list("pk", flat=True))
    existing = {f.indicator_id: f for f in report.figures.all()}
    for indicator_id, value in figures.items():
        if indicator_id not in valid:
            raise ReportError(_("This indicator belongs to another movement."), code="wrong_indicator")
        figure = existing.get(indicator_id)
        if value is None:
            if figure is not None:
                set_history_user(figure, by)
                figure.delete()
            continue
        if figure is None:
            figure = Figure(report=report, indicator_id=indicator_id, value=value)
        elif figure.value == value:
            continue
        figure.value = value
        set_history_user(figure, by)
        figure.save()


def add_attachment(report: MovementReport, upload: UploadedFile, *, by: User) -> ReportAttachment:
    """Store a file after checking its content and size (ValidationError otherwise)."""
    ensure_can_edit(by, report)
    checked = check_upload(upload, allowed=DOSSIER_TYPES, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    attachment = ReportAttachment(
        report=report,
        original_name=display_name(upload.name or "", extension=checked.extension),
        extension=f".{checked.extension}",
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


def delete_attachment(attachment: ReportAttachment, *, by: User) -> None:
    ensure_can_edit(by, attachment.report)
    stored = attachment.file
    with db_transaction.atomic():
        attachment.delete()
        db_transaction.on_commit(lambda: stored.delete(save=False))


def add_indicator(movement: Movement, *, name: str, unit_of_measure: str, target, by: User) -> Indicator:
    if not is_office(by):
        raise PermissionDenied(_("You may not make this change."))
    if Indicator.objects.filter(movement=movement, name=name).exists():
        raise ReportError(_("This movement already has this indicator."), code="duplicate")
    order = Indicator.objects.filter(movement=movement).count() + 1
    indicator = Indicator(movement=movement, name=name, unit_of_measure=unit_of_measure, target=target, order=order)
    set_history_user(indicator, by)
    indicator.save()
    return indicator


def delete_indicator(indicator: Indicator, *, by: User) -> None:
    if not is_office(by):
        raise PermissionDenied(_("You may not make this change."))
    if indicator.figures.exists():
        raise ReportError(_("Units have already reported figures for this indicator; it cannot be removed."))
    set_history_user(indicator, by)
    indicator.delete()
