"""Council, votes, decisions and certificates, one module per sub-domain."""

from awards.models.audit import AuditAction, AuditEntry
from awards.models.council import CouncilMeeting, CouncilMember, MeetingAttendance
from awards.models.decisions import (
    BaseSalary,
    CarriedAward,
    Decision,
    DecisionEntry,
    LegalBasis,
    NumberSeries,
    RewardRule,
    Signer,
)
from awards.models.printing import CertificateLayout, CertificatePrint
from awards.models.voting import Ballot, BallotItem, TieDecision, VoteReceipt

__all__ = [
    "AuditAction",
    "AuditEntry",
    "Ballot",
    "BallotItem",
    "BaseSalary",
    "CarriedAward",
    "CertificateLayout",
    "CertificatePrint",
    "CouncilMeeting",
    "CouncilMember",
    "Decision",
    "DecisionEntry",
    "LegalBasis",
    "MeetingAttendance",
    "NumberSeries",
    "RewardRule",
    "Signer",
    "TieDecision",
    "VoteReceipt",
]
