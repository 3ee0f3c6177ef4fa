"""Council, votes, decisions and certificates, one module per sub-domain."""

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
from awards.models.printing import CertificateLayout, CertificatePrint, PrintedDocument
from awards.models.voting import Ballot, BallotItem, TieDecision, VoteReceipt

__all__ = [
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
    "PrintedDocument",
    "RewardRule",
    "Signer",
    "TieDecision",
    "VoteReceipt",
]
