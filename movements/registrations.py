"""Bản đăng ký thi đua: the launch plans' titles, the units' registrations and pledges (reads and every write).

A movement is open for registration when the Office has written its ``LaunchPlan``. Unit staff
register their own unit only (another unit's registration is not found: 404); the Office any unit.
Nothing else assigns ``Registration.status``: ``submit`` moves it through ``REGISTRATIONS.move``.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction as db_transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.models import set_history_user
from hoinghi.roles import is_office, unit_of
from hoinghi.text import fold
from movements.enums import RegistrationStatus
from movements.models import LaunchPlan, Pledge, Registration
from movements.transitions import REGISTRATIONS
from reference.models import AwardForm, Conference, Movement, Unit


class RegistrationError(ValidationError):
    """A refused change, with the reason in Vietnamese."""


# --------------------------------------------------------------------------- reads


def open_movements(conference: Conference) -> QuerySet[Movement]:
    """The conference's movements with a launch plan (their plan and its titles loaded)."""
    return (
        Movement.objects.filter(conference=conference, launch_plan__isnull=False)
        .select_related("launch_plan")
        .prefetch_related("launch_plan__award_forms")
    )


def titles_of(plan: LaunchPlan) -> tuple[list[AwardForm], list[str]]:
    """The award forms, then the free titles, units may register for under ``plan``."""
    return list(plan.award_forms.order_by("order", "id")), plan.other_title_list()


def registrations_visible_to(user: User | AnonymousUser) -> QuerySet[Registration]:
    """THE scoping function: the Office every registration, unit staff their own unit's, others none."""
    base = Registration.objects.select_related("movement", "unit")
    if is_office(user):
        return base
    unit = unit_of(user)
    return base.filter(unit=unit) if unit is not None else base.none()


def pledges_of(registration: Registration) -> list[Pledge]:
    return list(registration.pledges.select_related("award_form").order_by("id"))


@dataclass(frozen=True)
class CompiledRow:
    """One line of the Office's compiled registrations: a unit's pledge (or a unit with none)."""

    unit: str
    status: str
    person: str
    title: str
    pledge: str


def compiled_rows(movement: Movement) -> list[CompiledRow]:
    """Every registration of ``movement`` by unit (the units' order), one row per pledge; three queries."""
    registrations = (
        Registration.objects.filter(movement=movement)
        .select_related("unit")
        .prefetch_related(Prefetch("pledges", queryset=Pledge.objects.select_related("award_form").order_by("id")))
        .order_by("unit__order", "unit__sort_key", "id")
    )
    rows = []
    for registration in registrations:
        status = registration.get_status_display()
        pledges = list(registration.pledges.all())
        if not pledges:
            rows.append(CompiledRow(registration.unit.name, status, "", "", ""))
        for pledge in pledges:
            person = pledge.person or _("(the unit)")
            rows.append(CompiledRow(registration.unit.name, status, person, pledge.title, pledge.text))
    return rows


# --------------------------------------------------------------------------- writes


def acts_for_unit(user: User, unit_id: int) -> bool:
    if is_office(user):
        return True
    own = unit_of(user)
    return own is not None and own.pk == unit_id


def can_edit(user: User, registration: Registration) -> bool:
    return registration.status == RegistrationStatus.DRAFT and acts_for_unit(user, registration.unit_id)


def ensure_can_edit(user: User, registration: Registration) -> None:
    if not can_edit(user, registration):
        raise PermissionDenied(_("This registration cannot be changed in its current status."))


def save_plan(movement: Movement, *, goals: str, deadline, award_forms, other_titles: str, by: User) -> LaunchPlan:
    if not is_office(by):
        raise PermissionDenied(_("You may not make this change."))
    with db_transaction.atomic():
        plan = LaunchPlan.objects.filter(movement=movement).first() or LaunchPlan(movement=movement)
        plan.goals, plan.registration_deadline, plan.other_titles = goals, deadline, other_titles
        set_history_user(plan, by)
        plan.save()
        plan.award_forms.set(award_forms)
    return plan


def start_registration(movement: Movement, unit: Unit, *, by: User) -> Registration:
    """The unit's registration for ``movement`` (a new draft the first time)."""
    if not acts_for_unit(by, unit.pk):
        raise PermissionDenied(_("You may only register for your own unit."))
    with db_transaction.atomic():
        registration = Registration.objects.filter(movement=movement, unit=unit).first()
        if registration is None:
            registration = Registration(movement=movement, unit=unit, created_by=by)
            set_history_user(registration, by)
            registration.save()
    return registration


def resolve_title(plan: LaunchPlan, title: str) -> tuple[AwardForm | None, str]:
    """(award form, "") or (None, free title) for a title the plan offers; RegistrationError otherwise."""
    forms, others = titles_of(plan)
    key = fold(title)
    for form in forms:
        if fold(form.name) == key:
            return form, ""
    for other in others:
        if fold(other) == key:
            return None, other
    raise RegistrationError(_("“%(name)s” is not a title of this movement.") % {"name": title}, code="unknown_title")


def add_pledge(registration: Registration, *, person: str, title: str, text: str, by: User) -> Pledge:
    with db_transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        ensure_can_edit(by, locked)
        award_form, other = resolve_title(locked.movement.launch_plan, title)
        pledge = Pledge(registration=locked, person=person, award_form=award_form, other_title=other, text=text)
        set_history_user(pledge, by)
        pledge.save()
    return pledge


def delete_pledge(pledge: Pledge, *, by: User) -> None:
    with db_transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=pledge.registration_id)
        ensure_can_edit(by, locked)
        set_history_user(pledge, by)
        pledge.delete()


def submit(registration: Registration, *, by: User) -> Registration:
    """Draft → submitted (the only move): needs at least one pledge."""
    with db_transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        REGISTRATIONS.ensure_allowed(locked, RegistrationStatus.SUBMITTED)
        if not acts_for_unit(by, locked.unit_id):
            raise PermissionDenied(_("You may not make this change."))
        if not locked.pledges.exists():
            raise RegistrationError(_("Register at least one title before sending."), code="empty")
        locked.submitted_at = timezone.now()
        REGISTRATIONS.move(locked, RegistrationStatus.SUBMITTED, by=by, fields=["submitted_at"])
    registration.refresh_from_db()
    return registration
