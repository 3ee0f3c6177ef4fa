"""The movement reports' workflow, written down once.

docs/movement-reports.md has the table; tests/movements/test_workflow.py pins it.

``movements.services.transition`` is the only code that moves a report, through ``REPORTS.move``
(hoinghi/transitions.py): the move is the report's simple-history row, reason "from → to[: note]".
Who may make each move is ``OFFICE_MOVES``: the unit (or the Office for it) submits, the Office
returns or accepts.
"""

from django.utils.translation import gettext_lazy as _

from hoinghi.transitions import Workflow
from movements.enums import RegistrationStatus as R
from movements.enums import ReportStatus as S

REPORTS = Workflow(
    field="status",
    states=S,
    moves={
        S.DRAFT: frozenset({S.SUBMITTED}),
        S.SUBMITTED: frozenset({S.RETURNED, S.ACCEPTED}),
        S.RETURNED: frozenset({S.RESUBMITTED}),
        S.RESUBMITTED: frozenset({S.RETURNED, S.ACCEPTED}),
        S.ACCEPTED: frozenset(),
    },
    refused=_("A movement report that is “%(from)s” cannot become “%(to)s”."),
)

OFFICE_MOVES = frozenset({S.RETURNED, S.ACCEPTED})  # the review: the Office only
NOTE_REQUIRED = frozenset({S.RETURNED})
SUBMIT_TARGETS = frozenset({S.SUBMITTED, S.RESUBMITTED})
EDITABLE = frozenset({S.DRAFT, S.RETURNED})
REVIEW = frozenset({S.SUBMITTED, S.RESUBMITTED})

REGISTRATIONS = Workflow(
    field="status",
    states=R,
    moves={R.DRAFT: frozenset({R.SUBMITTED}), R.SUBMITTED: frozenset()},
    refused=_("A registration that is “%(from)s” cannot become “%(to)s”."),
)
