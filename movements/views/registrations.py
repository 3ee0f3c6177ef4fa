"""Bản đăng ký thi đua in the browser: a unit's registrations and pledges, the Office's compiled view and plans.

Unit staff see and edit their own unit's registration only (another unit's answers 404); the
Office any unit's, the compiled view by unit, and each movement's launch plan.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hoinghi.gates import office_required, proposer_required
from hoinghi.roles import is_office, unit_of
from movements import registrations as services
from movements.forms import LaunchPlanForm, PledgeForm, StartForm
from movements.models import LaunchPlan, Pledge
from reference.models import Movement, Unit
from reference.selectors import current_conference


def _movement_choice(request, movements: list[Movement]) -> Movement | None:
    chosen = request.GET.get("movement", "")
    for movement in movements:
        if str(movement.pk) == chosen:
            return movement
    return movements[0] if movements else None


@require_GET
@proposer_required
def registration_list(request):
    conference = current_conference()
    open_movements = list(services.open_movements(conference))
    context = {"conference": conference, "open_movements": open_movements}
    if is_office(request.user):
        movement = _movement_choice(request, open_movements)
        context |= {
            "movement": movement,
            "rows": services.compiled_rows(movement) if movement else [],
            "all_movements": Movement.objects.filter(conference=conference).select_related("launch_plan"),
            "units": Unit.objects.filter(is_active=True),
        }
    else:
        mine = {r.movement_id: r for r in services.registrations_visible_to(request.user)}
        context["unit_rows"] = [(m, mine.get(m.pk)) for m in open_movements]
    return render(request, "movements/registrations/list.html", context)


@require_POST
@proposer_required
def registration_start(request):
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a movement."))
        return redirect("registration_list")
    movement = get_object_or_404(services.open_movements(current_conference()), pk=form.cleaned_data["movement"])
    own = unit_of(request.user)
    if own is None or is_office(request.user):
        unit = get_object_or_404(Unit, pk=form.cleaned_data["unit"] or 0, is_active=True)
    else:
        unit = own
    registration = services.start_registration(movement, unit, by=request.user)
    return redirect("registration_detail", public_id=registration.public_id)


@proposer_required
def registration_detail(request, public_id):
    registration = get_object_or_404(services.registrations_visible_to(request.user), public_id=public_id)
    plan = get_object_or_404(LaunchPlan, movement_id=registration.movement_id)
    forms_, others = services.titles_of(plan)
    form = PledgeForm(request.POST or None, titles=[f.name for f in forms_] + others)
    if request.method == "POST":
        services.ensure_can_edit(request.user, registration)
        if form.is_valid():
            data = form.cleaned_data
            services.add_pledge(
                registration, person=data["person"], title=data["title"], text=data["text"], by=request.user
            )
            messages.success(request, _("The title was registered."))
            return redirect("registration_detail", public_id=public_id)
    context = {
        "registration": registration,
        "plan": plan,
        "pledges": services.pledges_of(registration),
        "can_edit": services.can_edit(request.user, registration),
        "form": form,
    }
    return render(request, "movements/registrations/detail.html", context)


@require_POST
@proposer_required
def registration_submit(request, public_id):
    registration = get_object_or_404(services.registrations_visible_to(request.user), public_id=public_id)
    try:
        services.submit(registration, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The registration was sent to the Office."))
    return redirect("registration_detail", public_id=public_id)


@require_POST
@proposer_required
def pledge_delete(request, pk):
    visible = services.registrations_visible_to(request.user)
    pledge = get_object_or_404(Pledge.objects.filter(registration__in=visible), pk=pk)
    services.delete_pledge(pledge, by=request.user)
    messages.success(request, _("The title was removed."))
    return redirect("registration_detail", public_id=pledge.registration.public_id)


@office_required
def launch_plan_edit(request, movement_id):
    movement = get_object_or_404(Movement, pk=movement_id, conference=current_conference())
    plan = LaunchPlan.objects.filter(movement=movement).first()
    form = LaunchPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_plan(
            movement,
            goals=data["goals"],
            deadline=data["registration_deadline"],
            award_forms=data["award_forms"],
            other_titles=data["other_titles"],
            by=request.user,
        )
        messages.success(request, _("The launch plan was saved."))
        return redirect(f"{_list_url()}?movement={movement.pk}")
    return render(request, "movements/registrations/plan.html", {"movement": movement, "form": form})


def _list_url() -> str:
    from django.urls import reverse

    return reverse("registration_list")
