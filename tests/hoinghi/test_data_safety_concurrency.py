"""Optimistic locking under real concurrency: two threads save the same version, one wins (PostgreSQL).

In its own module: a transactional test flushes the tables, and ``restore_migrated_rows`` puts the
migrations' rows (role groups) back only when the module ends.
"""

from nominations import services
from nominations.models import Nomination
from nominations.services import StaleEdit
from tests.concurrency import at_once, postgresql_only, race


@postgresql_only
@race
def test_two_threads_saving_the_same_version_one_wins(restore_migrated_rows, nomination_a, unit_a, office_user):
    def save(name):
        data = services.NominationInput(
            nominee={"full_name": name}, proposing_unit=unit_a, award_form=nomination_a.award_form,
            achievement_summary=name,
        )  # fmt: skip
        services.update_nomination(Nomination.objects.get(pk=nomination_a.pk), data, by=office_user, expected_version=1)
        return name

    names = ("Luồng Một", "Luồng Hai")
    results = at_once(*(lambda name=name: save(name) for name in names), expected=(StaleEdit,))
    assert sorted(outcome for outcome, _value in results) == ["ok", "refused"], results
    winner = next(value for outcome, value in results if outcome == "ok")
    nomination_a.refresh_from_db()
    assert (nomination_a.nominee.full_name, nomination_a.achievement_summary, nomination_a.version) == (
        winner,
        winner,
        2,
    )
