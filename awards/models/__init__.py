"""Council, votes, decisions and certificates, one module per sub-domain."""

from awards.models.council import CouncilMeeting, CouncilMember, MeetingAttendance
from awards.models.decisions import (
    BaseSalary,
    CarriedAward,
    Decision,
    DecisionEntry,
    LegalBasis,
    RewardRule,
    Signer,
)
from awards.models.printing import CertificateLayout, CertificatePrint, PrintedDocument
from awards.models.secrecy import BallotKey, SealedVote
from awards.models.voting import Ballot, BallotItem, Recusal, TieDecision, VoteReceipt

__all__ = [
    "Ballot",
    "BallotItem",
    "BallotKey",
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
    "PrintedDocument",
    "Recusal",
    "RewardRule",
    "SealedVote",
    "Signer",
    "TieDecision",
    "VoteReceipt",
]
