"""The demo's conference documents issued through the register with their real dates (seed_demo).

After the conference day's demo (``conference.demo.run_story``): the Giấy mời dated ten days
before the conference, signed by the Director; the summary report of the movements three days
before it; the report to Sở Nội vụ a week after it, signed by a Deputy Director when there is
one. Idempotent: a document already issued is left alone, so a second run issues nothing new.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from conference.demo import _office
from conference.models import SummarySection
from conference.services import issuing, summary
from reference.models import Conference
from registry.forms import signature_of

INVITATION_DAYS_BEFORE = 10
SUMMARY_DAYS_BEFORE = 3
REPORT_DAYS_AFTER = 7


@dataclass
class RegisterStory:
    issued: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"register: {len(self.issued)} conference document(s) issued" + (
            f" ({', '.join(self.issued)})" if self.issued else ""
        )


def issue_demo_documents(conference: Conference) -> RegisterStory:
    story = RegisterStory()
    if conference.date is None:
        return story
    office = _office()
    signers = issuing.signers_for(conference.organisation)
    if not signers:
        return story
    director, deputy = signers[0], signers[1] if len(signers) > 1 else signers[0]
    plan = [
        ("invitation", conference.date - datetime.timedelta(days=INVITATION_DAYS_BEFORE), director),
        ("summary", conference.date - datetime.timedelta(days=SUMMARY_DAYS_BEFORE), director),
        ("report", conference.date + datetime.timedelta(days=REPORT_DAYS_AFTER), deputy),
    ]
    for code, on, signer in plan:
        dtype = issuing.TYPES[code]
        if issuing.issued_document(dtype, conference) is not None:
            continue
        if code == "invitation" and not issuing.pending_delegates(conference).exists():
            continue
        if code == "summary" and not SummarySection.objects.filter(conference=conference).exists():
            summary.generate(conference, by=office)  # the sections drafted from the units' accepted reports
        with transaction.atomic():
            record = issuing.issue(
                dtype,
                conference,
                on=on,
                signer=signature_of(signer),
                recipients=dtype.recipients(conference),
                by=office,
            )
        story.issued.append(record.number_label)
    return story
