"""The invitation replies' workflow (RSVP), written down once.

Any reply can be corrected into any other (the delegate changes their mind, the Office records
what the delegate said on the phone), so the map allows every move between two different
replies; ``set_rsvp`` makes each move through ``REPLIES.move`` (hoinghi/transitions.py), which
records it as the delegate's history entry (who, when, "from → to"). The delegate's private page
offers only ``FROM_THE_LINK``: going back to "invited" is the Office's correction. The table is in
docs/conference-invitations.md; tests/conference/test_rsvp_transitions.py pins it.
"""

from django.utils.translation import gettext_lazy as _

from conference.enums import Rsvp as R
from conference.enums import TalkStatus as T
from hoinghi.transitions import Workflow

REPLIES = Workflow(
    field="rsvp",
    states=R,
    moves={
        R.INVITED: frozenset({R.CONFIRMED, R.DECLINED, R.SUBSTITUTE}),
        R.CONFIRMED: frozenset({R.INVITED, R.DECLINED, R.SUBSTITUTE}),
        R.DECLINED: frozenset({R.INVITED, R.CONFIRMED, R.SUBSTITUTE}),
        R.SUBSTITUTE: frozenset({R.INVITED, R.CONFIRMED, R.DECLINED}),
    },
    refused=_("A reply “%(from)s” cannot become “%(to)s”."),
)

# The replies a delegate gives on the private page (the Office may also set "invited" again).
FROM_THE_LINK = frozenset({R.CONFIRMED, R.DECLINED, R.SUBSTITUTE})
PRIVATE_LINK_NOTE = "private link"  # the history entry's note for a reply the delegate gave


# An exemplar's talk (tham luận): uploaded (by the Office or the exemplar's unit), then reviewed by the
# Office: returned with a reason (a new file resubmits it) or accepted (the agenda then names it).
# ``conference.services.talks`` makes every move through ``TALKS.move``; the creation is "→ submitted".
# docs/talks-and-book.md has the table; tests/conference/test_talks.py pins it.
TALKS = Workflow(
    field="status",
    states=T,
    moves={
        T.SUBMITTED: frozenset({T.RETURNED, T.ACCEPTED}),
        T.RETURNED: frozenset({T.RESUBMITTED}),
        T.RESUBMITTED: frozenset({T.RETURNED, T.ACCEPTED}),
        T.ACCEPTED: frozenset(),
    },
    refused=_("A talk that is “%(from)s” cannot become “%(to)s”."),
)
TALK_REVIEW = frozenset({T.RETURNED, T.ACCEPTED})  # the Office only
TALK_REPLACEABLE = frozenset({T.SUBMITTED, T.RETURNED, T.RESUBMITTED})  # a new file may be uploaded
