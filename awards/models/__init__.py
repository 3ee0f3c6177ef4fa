"""Council, votes, decisions and certificates, one module per sub-domain."""

from awards.models.audit import AuditAction, AuditEntry
from awards.models.council import CouncilMeeting, CouncilMember, MeetingAttendance
from awards.models.decisions import (
    BaseSalary,
    Decision,
    DecisionEntry,
    LegalBasis,
    NumberSeries,
    RewardRule,
    Signer,
)
from awards.models.eligibility import EligibilityRule
from awards.models.printing import CertificateLayout, CertificatePrint
from awards.models.secrecy import BallotKey, SealedVote
from awards.models.voting import Ballot, BallotItem, Recusal, TieDecision, VoteReceipt

__all__ = [
    "AuditAction",
    "AuditEntry",
    "Ballot",
    "BallotItem",
    "BallotKey",
    "BaseSalary",
    "CertificateLayout",
    "CertificatePrint",
    "CouncilMeeting",
    "CouncilMember",
    "Decision",
    "DecisionEntry",
    "EligibilityRule",
    "LegalBasis",
    "MeetingAttendance",
    "NumberSeries",
    "Recusal",
    "RewardRule",
    "SealedVote",
    "Signer",
    "TieDecision",
    "VoteReceipt",
]
