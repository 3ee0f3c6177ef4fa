"""Reads of decided awards, shared by the ceremony, the report, the carry-over and the statistics.

An award is *decided* when its list entry is on an issued Quyết định, or on an issued Tờ trình
whose province decision is recorded (the same rule as certificate printing).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from awards.enums import DecisionStatus, DocumentType
from awards.models import CarriedAward
from hoinghi.roles import is_office


def decided_q(prefix: str = "decision__") -> Q:
    """Entries (or decisions, with prefix "") whose award is decided."""
    issued = Q(**{f"{prefix}status": DecisionStatus.ISSUED})
    decision = Q(**{f"{prefix}document_type": DocumentType.DECISION})
    proposal = Q(**{f"{prefix}document_type": DocumentType.PROPOSAL}) & ~Q(**{f"{prefix}province_decision_number": ""})
    return issued & (decision | proposal)


def decision_label(decision) -> str:
    """The number the certificate carries: the Quyết định's, or the province's for a Tờ trình."""
    if decision.document_type == DocumentType.PROPOSAL:
        return decision.province_decision_number
    return decision.number_label


def decision_date(decision):
    return decision.province_decision_date if decision.document_type == DocumentType.PROPOSAL else decision.date


def carried_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    """The awards carried into the commendation history (docs/next-round.md): the Office's, no one else's."""
    base = (queryset if queryset is not None else CarriedAward.objects.all()).select_related(
        "entry__decision__conference", "entry__decision__award_form", "record__nominee"
    )
    return base if is_office(user) else base.none()
