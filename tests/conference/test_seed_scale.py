"""seed_scale: exact counts, stored keys equal to what the models compute, determinism, refusals."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from conference.models import Delegate
from hoinghi.text import collation_key
from nominations.enums import NominationStatus
from nominations.models import CommendationRecord, Nomination, Nominee
from reference.models import Conference, Quota, StaffProfile, Unit
from tests import factories as f

pytestmark = pytest.mark.django_db

SMALL = ["--units", "5", "--nominations", "50", "--history", "200", "--delegates", "7", "--seed", "7"]


def _seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


def test_counts_are_exact():
    output = _seed(*SMALL)
    conference = Conference.objects.get(slug="scale")
    assert conference.is_current
    assert Unit.objects.filter(code__startswith="scale-").count() == 5
    assert StaffProfile.objects.filter(unit__code__startswith="scale-").count() == 5
    assert Nominee.objects.count() == 50
    assert Nomination.objects.filter(conference=conference).count() == 50
    assert Nomination.movements.through.objects.count() == 50
    assert CommendationRecord.objects.count() == 200
    assert Delegate.objects.filter(conference=conference).count() == 7
    assert Quota.objects.filter(conference=conference).count() == 8
    assert "5 units, 5 users, 50 nominees, 50 nominations, 200 commendation records, 7 delegates." in output


def test_stored_keys_equal_what_the_models_compute():
    _seed(*SMALL)
    for nominee in Nominee.objects.all():
        stored = (nominee.sort_key, nominee.search_text, nominee.identity_key)
        nominee.compute_keys()
        assert stored == (nominee.sort_key, nominee.search_text, nominee.identity_key)
        assert nominee.sort_key and nominee.search_text
    for delegate in Delegate.objects.all():
        stored = (delegate.sort_key, delegate.search_text)
        delegate.compute_keys()
        assert stored == (delegate.sort_key, delegate.search_text)
    for unit in Unit.objects.all():
        assert unit.sort_key == collation_key(unit.name)


def test_nominations_are_spread_over_the_workflow_and_their_nominees_units():
    _seed("--units", "5", "--nominations", "400", "--history", "0", "--delegates", "0")
    statuses = set(Nomination.objects.values_list("status", flat=True))
    assert statuses == set(NominationStatus.values)
    assert not Nomination.objects.filter(status=NominationStatus.DRAFT, submitted_at__isnull=False).exists()
    assert not Nomination.objects.exclude(status=NominationStatus.DRAFT).filter(submitted_at__isnull=True).exists()
    for nomination in Nomination.objects.select_related("nominee", "created_by__staff_profile"):
        assert nomination.proposing_unit_id == nomination.nominee.unit_id
        assert nomination.created_by.staff_profile.unit_id == nomination.proposing_unit_id


def _rows() -> list[tuple]:
    return list(
        Nomination.objects.order_by("id").values_list(
            "nominee__full_name", "nominee__birth_year", "proposing_unit__code", "award_form__code", "status"
        )
    )


def _delete_scale_data() -> None:
    """Everything seed_scale made, children first (the foreign keys are PROTECT)."""
    CommendationRecord.objects.all().delete()
    Delegate.objects.all().delete()
    Nomination.objects.all().delete()
    Nominee.objects.all().delete()
    Conference.objects.filter(slug="scale").delete()
    User.objects.filter(username__startswith="scale-").delete()
    Unit.objects.filter(code__startswith="scale-").delete()


def test_the_same_seed_gives_the_same_rows():
    _seed(*SMALL)
    first = _rows()
    history = list(CommendationRecord.objects.order_by("id").values_list("nominee__full_name", "year", "title"))
    _delete_scale_data()
    _seed(*SMALL)
    assert _rows() == first
    assert list(CommendationRecord.objects.order_by("id").values_list("nominee__full_name", "year", "title")) == history
    _delete_scale_data()
    _seed(*SMALL[:-1], "8")
    assert _rows() != first


def test_refuses_a_database_with_another_conference_unless_forced():
    f.ConferenceFactory(slug="hoi-nghi-2025")
    with pytest.raises(CommandError, match="already holds conferences \\(hoi-nghi-2025\\)"):
        _seed(*SMALL)
    assert not Nominee.objects.exists()
    _seed(*SMALL, "--force")
    assert Nominee.objects.count() == 50


def test_refuses_to_run_twice():
    _seed(*SMALL)
    with pytest.raises(CommandError, match="runs once"):
        _seed(*SMALL, "--force")
    assert Nominee.objects.count() == 50


def test_history_needs_nominations():
    with pytest.raises(CommandError, match="--history needs at least one nomination"):
        _seed("--units", "2", "--nominations", "0", "--history", "5")
    assert not Unit.objects.exists()
