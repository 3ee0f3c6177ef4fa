"""The copy of the nominee's sort key on each nomination, kept by database triggers (migration 0005).

It makes the list "by status" one index walk; these tests read the column from the database after
every way a nomination or a nominee changes: ORM insert and save, bulk insert, a move to another
nominee (one row, or an ``UPDATE`` of many), a rename of the nominee.
"""

import pytest

from nominations.enums import NominationStatus as S
from nominations.filters import SORTS
from nominations.models import Nomination, Nominee
from tests import factories as f

pytestmark = pytest.mark.django_db


def _stored(nomination: Nomination) -> str:
    return Nomination.objects.values_list("nominee_sort_key", flat=True).get(pk=nomination.pk)


def _key(nominee: Nominee) -> str:
    return Nominee.objects.values_list("sort_key", flat=True).get(pk=nominee.pk)


def test_insert_and_full_save_copy_the_nominees_key():
    nomination = f.NominationFactory(nominee=f.NomineeFactory(full_name="Trần Thị Bích"))
    assert nomination.nominee_sort_key == ""  # the instance does not know: read the database
    assert _stored(nomination) == _key(nomination.nominee) != ""
    nomination.save()  # a full save writes the instance's "" and the nominee: the trigger sets it again
    assert _stored(nomination) == _key(nomination.nominee)


def test_bulk_insert_copies_the_key():
    template = f.NominationFactory()
    nominee = f.NomineeFactory(full_name="Lê Văn Ánh")
    (made,) = Nomination.objects.bulk_create(
        [
            Nomination(
                conference=template.conference,
                nominee=nominee,
                proposing_unit=template.proposing_unit,
                award_form=template.award_form,
                created_by=template.created_by,
            )
        ]
    )
    assert _stored(made) == _key(nominee) != ""


def test_a_rename_and_a_move_carry_the_key_along():
    first = f.NomineeFactory(full_name="Phạm Văn An")
    second = f.NomineeFactory(full_name="Đỗ Thị Yến")
    conference = f.ConferenceFactory()
    one = f.NominationFactory(nominee=first, conference=conference)
    two = f.NominationFactory(nominee=first, conference=conference)
    first.full_name = "Vũ Văn Bình"
    first.save()
    assert _key(first) != "" and [_stored(one), _stored(two)] == [_key(first), _key(first)]
    Nomination.objects.filter(pk=one.pk).update(nominee=second)  # the way a merge of duplicates moves them
    assert [_stored(one), _stored(two)] == [_key(second), _key(first)]


def test_the_status_order_is_status_then_the_nominees_name():
    conference = f.ConferenceFactory()
    for name, status in [
        ("Trần Văn Chung", S.ACCEPTED),
        ("Âu Thị Hà", S.SUBMITTED),
        ("Bùi Văn An", S.ACCEPTED),
        ("Đặng Thị Mai", S.SUBMITTED),
        ("An Văn Quý", S.ACCEPTED),
    ]:
        f.NominationFactory(conference=conference, nominee=f.NomineeFactory(full_name=name), status=status)
    by_copy = list(Nomination.objects.order_by(*SORTS["status"]).values_list("nominee__full_name", flat=True))
    by_join = list(
        Nomination.objects.order_by("status", "nominee__sort_key", "id").values_list("nominee__full_name", flat=True)
    )
    assert by_copy == by_join
    # Statuses in their stored order, and within one the Vietnamese order of names (given name first).
    assert by_copy == ["Bùi Văn An", "Trần Văn Chung", "An Văn Quý", "Âu Thị Hà", "Đặng Thị Mai"]
