"""Reads of decided awards, shared by the ceremony, the report, the carry-over and the statistics.

An award is *decided* when its list entry is on an issued Quyết định, or on an issued Tờ trình
whose province decision is recorded (the same rule as certificate printing).
"""

from django.db.models import Q

from awards.enums import DecisionStatus, DocumentType


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
