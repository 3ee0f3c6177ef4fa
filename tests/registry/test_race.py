"""Two clerks issuing at once get consecutive numbers, never the same (PostgreSQL row locks)."""

import time
from datetime import date as D

from registry import services
from registry.enums import DocumentKind
from registry.models import OutgoingDocument, SeriesCounter
from tests import factories as f
from tests.concurrency import at_once, postgresql_only, race
from tests.registry.support import DIRECTOR

pytestmark = [postgresql_only, race]


def slow_pdf(document) -> bytes:
    time.sleep(0.3)  # widen the window between taking the number and committing
    return f"%PDF {document.number_label}".encode()


def test_two_clerks_issuing_at_once_get_consecutive_numbers(migrated_rows):
    clerks = [f.UserFactory(username=f"vanthu{i}", roles=["office_staff"]) for i in (1, 2)]
    drafts = [
        services.open_draft(
            kind=DocumentKind.DECISION, issuer_code="SKHCN", source=f"race:{i}", summary=f"Văn bản {i}", by=clerk,
            conference=None,
        )
        for i, clerk in enumerate(clerks)
    ]  # fmt: skip
    # The series' first use in the year creates its counter: both threads race for that too.

    results = at_once(
        *(
            lambda d=d, c=c: (
                services.issue(
                    d, on=D(2026, 3, 2), signer=DIRECTOR, recipients=[], render=slow_pdf, filename="x.pdf", by=c
                ).number
            )
            for d, c in zip(drafts, clerks, strict=True)
        )
    )

    assert sorted(results) == [("ok", 1), ("ok", 2)], results
    assert sorted(OutgoingDocument.objects.values_list("number", flat=True)) == [1, 2]
    assert SeriesCounter.objects.get(issuer_code="SKHCN", series="QĐ", year=2026).last_number == 2
