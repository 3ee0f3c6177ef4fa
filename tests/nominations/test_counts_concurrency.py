"""The dashboard's counters under real concurrency (PostgreSQL): opposite moves at once lose no count
and do not deadlock. In its own module: transactional tests flush the tables (tests/concurrency.py)."""

from nominations import selectors, services
from nominations.enums import NominationStatus as S
from nominations.models import Nomination
from tests.concurrency import at_once, postgresql_only, race
from tests.nominations.test_views import nominate


@postgresql_only
@race
def test_concurrent_transitions_keep_the_counters_exact(
    restore_migrated_rows, conference, unit_a, giay_khen, staff_a, office_user
):
    submitted = [
        nominate(conference, unit_a, f"Lê Văn Số{i}", by=staff_a, award_form=giay_khen, status=S.SUBMITTED)
        for i in range(6)
    ]
    returned = [
        nominate(conference, unit_a, f"Trần Văn Số{i}", by=staff_a, award_form=giay_khen, status=S.RETURNED)
        for i in range(6)
    ]

    def accept(pk):
        return services.transition(Nomination.objects.get(pk=pk), S.ACCEPTED, by=office_user).status

    def withdraw(pk):  # out of "returned" while others move into it: the same counter row both ways
        return services.transition(Nomination.objects.get(pk=pk), S.WITHDRAWN, by=office_user).status

    def send_back(pk):
        return services.transition(Nomination.objects.get(pk=pk), S.RETURNED, by=office_user, note="Bổ sung").status

    calls = [lambda pk=n.pk: accept(pk) for n in submitted[:3]]
    calls += [lambda pk=n.pk: send_back(pk) for n in submitted[3:]]
    calls += [lambda pk=n.pk: withdraw(pk) for n in returned]
    results = at_once(*calls)

    assert [outcome for outcome, _ in results] == ["ok"] * 12, results
    assert selectors.stored_counts() == selectors.recounted()
    counts = selectors.status_counts(selectors.counts_visible_to(office_user).filter(conference=conference))
    assert {k: v for k, v in counts.items() if v} == {S.ACCEPTED: 3, S.RETURNED: 3, S.WITHDRAWN: 6}
