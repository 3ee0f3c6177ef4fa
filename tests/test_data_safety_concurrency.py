"""Optimistic locking under real concurrency: two threads save the same version, one wins (PostgreSQL).

In its own module: a transactional test flushes the tables, and ``restore_migrated_rows`` puts the
migrations' rows (role groups) back only when the module ends.
"""

import threading

import pytest
from django.db import connection

from nominations import services
from nominations.models import Nomination
from nominations.services import StaleEdit


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only (SQLite has one writer)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_threads_saving_the_same_version_one_wins(restore_migrated_rows, nomination_a, unit_a, office_user):
    barrier = threading.Barrier(2)
    results = []

    def save(name):
        try:
            barrier.wait()
            data = services.NominationInput(
                nominee={"full_name": name}, proposing_unit=unit_a, award_form=nomination_a.award_form,
                achievement_summary=name,
            )  # fmt: skip
            services.update_nomination(
                Nomination.objects.get(pk=nomination_a.pk), data, by=office_user, expected_version=1
            )
            results.append(("saved", name))
        except StaleEdit:
            results.append(("stale", name))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("Luồng Một", "Luồng Hai")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    nomination_a.refresh_from_db()
    assert sorted(outcome for outcome, _name in results) == ["saved", "stale"]
    winner = next(name for outcome, name in results if outcome == "saved")
    assert (nomination_a.nominee.full_name, nomination_a.achievement_summary, nomination_a.version) == (
        winner,
        winner,
        2,
    )
