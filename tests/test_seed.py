"""seed_demo: the plan's demo data, loaded twice without duplicates or spurious changes."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from conference.enums import MovementScope, NomineeKind
from conference.models import AwardForm, Conference, Movement, Organisation, Quota, StaffProfile, Unit
from conference.roles import unit_of
from nominations.enums import AttachmentKind, NominationStatus
from nominations.models import Attachment, CommendationRecord, Nomination, NominationTransition, Nominee

UNIT_CODES = ["vp", "khtc", "qlkh", "qlcn", "tdc", "cds", "bcvt", "quy", "ttud", "ttkt", "ttcds"]
ROLE_MEMBERS = {
    "administrator": 1,
    "office_staff": 1,
    "director": 1,
    "council_secretary": 1,
    "council_member": 8,
    "unit_staff": 11,
}


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, int]:
    """Row counts of everything seed_demo writes, audit history included."""
    counted = [Organisation, Unit, Conference, Movement, AwardForm, Quota, StaffProfile]
    counted += [Nominee, Nomination, CommendationRecord, Attachment, NominationTransition]
    counts = {model.__name__: model.objects.count() for model in counted}
    for model in [Organisation, Unit, Conference, AwardForm, Quota, StaffProfile, Nominee, Nomination]:
        counts[f"history:{model.__name__}"] = model.history.count()
    counts["User"] = User.objects.count()
    counts["memberships"] = User.groups.through.objects.count()
    return counts


@pytest.fixture
def seeded(db):
    return seed()


def test_second_run_creates_and_changes_nothing(seeded):
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert "created" not in output
    assert "updated" not in output
    assert "8 skipped" in output


def test_reference_data_counts(seeded):
    assert Organisation.objects.get().abbreviation == "SKHCN"
    assert Unit.objects.count() == 11
    assert sorted(Unit.objects.values_list("code", flat=True)) == sorted(UNIT_CODES)
    assert Unit.objects.get(code="ttud").name == "Trung tâm Thông tin, thống kê, ứng dụng khoa học và công nghệ"
    assert Movement.objects.count() == 9
    assert Movement.objects.filter(scope=MovementScope.DEPARTMENT).count() == 3
    assert Movement.objects.filter(scope=MovementScope.NATIONAL).count() == 6
    assert AwardForm.objects.count() == 2
    assert Quota.objects.count() == 4
    assert set(Quota.objects.values_list("minimum", "maximum")) == {(5, 10)}
    assert set(Quota.objects.values_list("kind", flat=True)) == {NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL}


def test_exactly_one_current_conference(seeded):
    current = Conference.objects.get(is_current=True)
    assert current.slug == "hoi-nghi-2025"
    assert Conference.objects.current() == current
    assert current.period_label == "Quý II/2025"
    assert current.expected_delegates == 60
    assert "87/KH-SKHCN" in current.plan_reference
    assert current.movements.count() == 9


def test_accounts_and_roles(seeded):
    assert User.objects.count() == 1 + 1 + 1 + 1 + 8 + 11
    for role, members in ROLE_MEMBERS.items():
        assert Group.objects.get(name=role).user_set.count() == members, role
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert User.objects.filter(is_superuser=True).count() == 1
    director = User.objects.get(username="giamdoc")
    assert (director.last_name, director.first_name) == ("Vũ", "Tuấn Anh")
    assert User.objects.filter(username__startswith="uyvien", is_staff=True).count() == 8


def test_unit_accounts_are_bound_to_their_units(seeded):
    for code in UNIT_CODES:
        user = User.objects.get(username=f"donvi-{code}")
        assert not user.is_staff
        assert user.staff_profile.unit.code == code
        assert unit_of(user) == Unit.objects.get(code=code)


def test_demo_password_works(seeded, client):
    assert client.login(username="vanphong", password="hoinghi-demo")


def test_existing_passwords_are_kept_unless_reset(seeded):
    user = User.objects.get(username="vanphong")
    user.set_password("changed-by-the-office")
    user.save()
    seed()
    user.refresh_from_db()
    assert user.check_password("changed-by-the-office")
    seed("--reset-passwords")
    user.refresh_from_db()
    assert user.check_password("hoinghi-demo")


def test_sample_nominations_in_every_state(seeded):
    conference = Conference.objects.get(slug="hoi-nghi-2025")
    nominations = Nomination.objects.filter(conference=conference)
    assert nominations.count() == 8
    statuses = set(nominations.values_list("status", flat=True))
    assert statuses == {
        NominationStatus.DRAFT,
        NominationStatus.SUBMITTED,
        NominationStatus.RETURNED,
        NominationStatus.ACCEPTED,
    }
    assert nominations.values("proposing_unit").distinct().count() >= 5
    assert set(nominations.values_list("nominee__kind", flat=True)) == {NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL}
    returned = nominations.get(status=NominationStatus.RETURNED)
    assert returned.status_note
    for nomination in nominations.exclude(status=NominationStatus.DRAFT):
        assert nomination.attachments.filter(kind=AttachmentKind.ACHIEVEMENT_REPORT).count() == 1
        assert nomination.transitions.filter(to_status=NominationStatus.SUBMITTED).exists()
        assert nomination.created_by.username == f"donvi-{nomination.proposing_unit.code}"
    assert CommendationRecord.objects.count() >= 8
    with Attachment.objects.first().file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_no_samples_option(db):
    output = seed("--no-samples")
    assert Nomination.objects.count() == 0
    assert "sample nominations" not in output
    assert Unit.objects.count() == 11
