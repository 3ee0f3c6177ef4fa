"""What the API reads. Public reads show the decided awards only (the honour roll's rule);
token reads go through the pages' own scoping functions, so a token sees what its user sees.

- Public: conferences and their agenda, the honour roll of a year, decided decisions and their
  lists (``conference.services.ceremony.decided_q``: an issued Quyết định, or an issued Tờ trình
  once the province's decision is recorded).
- Token: nominations (``nominations.selectors.nominations_visible_to``: unit staff their unit's,
  the council the dossiers put to it, the Office all); awards and attendance for the Office
  only, as their pages are (``hoinghi.roles.is_office``, ``conference.selectors.delegates_visible_to``).
"""

from django.db.models import Count, QuerySet

from awards.enums import DecisionStatus
from awards.models import Decision, DecisionEntry
from awards.selectors import decided_q
from conference.models import AgendaItem, Delegate
from conference.selectors import delegates_visible_to
from conference.services.ceremony import decided_entries
from hoinghi.roles import is_office
from nominations.selectors import nominations_visible_to
from reference.models import Conference

ENTRY_UNITS = ("nomination__proposing_unit", "nomination__nominee__unit")


def conferences() -> QuerySet:
    return Conference.objects.all()


def agenda_of(conference) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(conference=conference).order_by("order", "id"))


def honour_roll(year: int) -> QuerySet:
    return decided_entries().filter(decision__conference__year=year).select_related("decision__conference")


def public_decisions() -> QuerySet:
    return (
        Decision.objects.filter(decided_q(prefix=""))
        .select_related("award_form", "conference")
        .annotate(entry_count=Count("entries"))
    )


def public_entries(decision: Decision) -> QuerySet:
    return DecisionEntry.objects.filter(decision=decision).select_related(*ENTRY_UNITS)


def nominations_for(user) -> QuerySet:
    return nominations_visible_to(user)


def awards_for(user) -> QuerySet:
    """Entries of issued decisions and proposals: the Office's, as the decision pages are."""
    if not is_office(user):
        return DecisionEntry.objects.none()
    return DecisionEntry.objects.filter(decision__status=DecisionStatus.ISSUED).select_related(
        "decision__award_form", "decision__conference", "nomination", *ENTRY_UNITS
    )


def attendance_for(user) -> QuerySet:
    return delegates_visible_to(user, Delegate.objects.select_related("conference", "group", "check_in"))
