"""The awards' state workflows, written down once: council meetings, ballots, decisions.

Each map reads from-state → the states it may move to; ``Workflow.move`` (hoinghi/transitions.py)
is the only code that assigns these states, and the services call it. The tables are also in
docs/council-voting.md and docs/decisions.md; tests/awards/test_transitions.py pins them.
"""

from django.utils.translation import gettext_lazy as _

from awards.enums import BallotStatus as B
from awards.enums import DecisionStatus as D
from awards.enums import MeetingStatus as M
from awards.errors import CouncilError, DecisionError, TallyError
from hoinghi.transitions import Refusal, Workflow

MEETINGS = Workflow(
    field="status",
    states=M,
    moves={
        M.PLANNED: frozenset({M.OPEN}),
        M.OPEN: frozenset({M.CLOSED}),
        M.CLOSED: frozenset(),
    },
    refused=_("A meeting that is “%(from)s” cannot become “%(to)s”."),
    refusals={
        M.OPEN: Refusal(
            _("Only a planned meeting can be opened; this one is “%(status)s”."), "meeting_not_planned", CouncilError
        ),
        M.CLOSED: Refusal(
            _("Only a meeting in session can be closed; this one is “%(status)s”."), "meeting_not_open", CouncilError
        ),
    },
    error=CouncilError,
)

BALLOTS = Workflow(
    field="status",
    states=B,
    moves={
        B.DRAFT: frozenset({B.OPEN}),
        # A secret ballot closes sealed (voting.close_ballot), then is counted with the board's
        # passphrase (voting.count_ballot); a paper ballot or a show of hands closes counted.
        B.OPEN: frozenset({B.SEALED, B.CLOSED}),
        B.SEALED: frozenset({B.CLOSED}),
        B.CLOSED: frozenset({B.APPLIED}),  # awards.services.tally.apply_tally
        B.APPLIED: frozenset(),
    },
    refused=_("A ballot that is “%(from)s” cannot become “%(to)s”."),
    refusals={
        B.OPEN: Refusal(
            _("Only a ballot being prepared can be opened; this one is “%(status)s”."), "ballot_not_draft", CouncilError
        ),
        B.SEALED: Refusal(
            _("Only an open ballot can be closed; this one is “%(status)s”."), "ballot_not_open", CouncilError
        ),
        B.CLOSED: Refusal(
            _("Only an open ballot can be closed; this one is “%(status)s”."), "ballot_not_open", CouncilError
        ),
        B.APPLIED: Refusal(_("Only a closed ballot that is not applied yet can be applied."), "not_closed", TallyError),
    },
    error=CouncilError,
)

DECISIONS = Workflow(
    field="status",
    states=D,
    moves={
        D.DRAFT: frozenset({D.ISSUED}),
        D.ISSUED: frozenset({D.REPLACED}),  # when the correction that replaces it is issued
        D.REPLACED: frozenset(),
    },
    refused=_("A decision that is “%(from)s” cannot become “%(to)s”."),
    refusals={
        D.ISSUED: Refusal(
            _("An issued decision is never changed; draft a correction instead."), "issued", DecisionError
        ),
        D.REPLACED: Refusal(_("The decision being corrected is no longer in force."), "replaced", DecisionError),
    },
    error=DecisionError,
)
