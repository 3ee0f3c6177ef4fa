"""The dashboard's counters (NominationCount, kept by database triggers) equal a fresh count after any
sequence of writes, on PostgreSQL and SQLite; check_nomination_counts finds and mends a drift.
docs/nominations.md "The dashboard"."""

import io

import pytest
from django.core.management import CommandError, call_command

from nominations import selectors, services
from nominations.enums import NominationStatus as S
from nominations.models import Nomination, NominationCount, Nominee
from reference.enums import NomineeKind
from tests.nominations.test_views import nominate


def _agree():
    assert selectors.stored_counts() == selectors.recounted()
    assert selectors.count_drift() == []


def test_the_counters_follow_every_kind_of_write(
    conference, unit_a, unit_b, giay_khen, bang_khen, staff_a, office_user
):
    rows = [
        nominate(conference, unit_a, f"Lê Văn Số{i}", by=staff_a, award_form=giay_khen, status=S.SUBMITTED)
        for i in range(6)
    ]
    _agree()
    services.transition(rows[0], S.ACCEPTED, by=office_user)
    services.transition(rows[1], S.RETURNED, by=office_user, note="Thiếu báo cáo")
    services.transition(rows[2], S.REJECTED, by=office_user, note="Không đủ điều kiện")
    services.transition(rows[0], S.APPROVED, by=office_user, record=True)
    services.transition(rows[0], S.AWARDED, by=office_user, record=True)
    _agree()
    Nomination.objects.filter(pk=rows[3].pk).update(proposing_unit=unit_b, award_form=bang_khen)  # a raw update
    Nominee.objects.filter(pk=rows[4].nominee_id).update(kind=NomineeKind.COLLECTIVE)  # the nominee's kind
    services.delete_nomination(rows[5], by=office_user)  # removed outright (never before the council)
    Nomination.objects.filter(pk=rows[2].pk).update(deleted_at=rows[2].created_at)  # soft-deleted
    _agree()
    Nomination.objects.filter(pk=rows[2].pk).update(deleted_at=None)  # and back
    _agree()

    counters = selectors.status_counts(selectors.counts_visible_to(office_user).filter(conference=conference))
    assert {k: v for k, v in counters.items() if v} == {
        S.AWARDED: 1,
        S.RETURNED: 1,
        S.REJECTED: 1,
        S.SUBMITTED: 2,
    }


def test_unit_staff_count_only_their_unit(conference, unit_a, unit_b, giay_khen, staff_a, staff_b):
    nominate(conference, unit_a, "Lê Văn Một", by=staff_a, award_form=giay_khen, status=S.SUBMITTED)
    nominate(conference, unit_b, "Lê Văn Hai", by=staff_b, award_form=giay_khen, status=S.SUBMITTED)
    nominate(conference, unit_b, "Lê Văn Ba", by=staff_b, award_form=giay_khen, status=S.DRAFT)

    counted = {
        user.username: selectors.status_counts(selectors.counts_visible_to(user).filter(conference=conference))
        for user in (staff_a, staff_b)
    }

    assert counted == {staff_a.username: {S.SUBMITTED: 1}, staff_b.username: {S.SUBMITTED: 1, S.DRAFT: 1}}


def test_check_nomination_counts_finds_a_drift_and_fix_mends_it(conference, unit_a, giay_khen, staff_a):
    nominate(conference, unit_a, "Lê Văn Một", by=staff_a, award_form=giay_khen, status=S.SUBMITTED)
    out = io.StringIO()
    call_command("check_nomination_counts", stdout=out)
    assert out.getvalue() == "The counters match a fresh count.\n"

    NominationCount.objects.update(n=7)
    with pytest.raises(CommandError, match="1 counter"):
        call_command("check_nomination_counts", stdout=io.StringIO())
    call_command("check_nomination_counts", "--fix", stdout=io.StringIO())

    _agree()
    assert list(NominationCount.objects.values_list("status", "n")) == [(S.SUBMITTED, 1)]
