"""The invitation replies' workflow (conference/transitions.py): the map pinned, each move recorded, refusals.

Every page that changes a reply (the Office's list, the delegate's private page, the delegate's
edit page) moves it through ``REPLIES``; each move is the delegate's history row "from → to".
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conference.enums import Rsvp as R
from conference.models import Delegate, DelegateGroup
from conference.services.delegates import update_delegate
from conference.services.invitations import set_rsvp
from conference.transitions import FROM_THE_LINK, REPLIES
from tests.awards_fixtures import vi


@pytest.fixture
def delegate(conference):
    group = DelegateGroup.objects.create(conference=conference, code="lanh-dao", name="Lãnh đạo", target=10)
    return Delegate.objects.create(
        conference=conference, group=group, invitation_number=1, full_name="Nguyễn Văn An", gender="male"
    )


def _history(delegate) -> list[tuple[str, str, str | None, int | None]]:
    rows = Delegate.history.filter(id=delegate.pk).order_by("history_id")
    return [(h.rsvp, h.substitute_name, h.history_change_reason, h.history_user_id) for h in rows]


def test_the_reply_map_lets_any_reply_become_any_other_and_the_link_never_sets_invited():
    states = set(R.values)
    assert REPLIES.pairs() == {(frm, to) for frm in states for to in states if frm != to}
    assert set(REPLIES.moves) == states
    assert {R.CONFIRMED, R.DECLINED, R.SUBSTITUTE} == FROM_THE_LINK


@pytest.mark.parametrize("state", R.values)
def test_the_same_reply_is_no_move_and_is_refused_by_the_map(delegate, office_user, state):
    Delegate.objects.filter(pk=delegate.pk).update(rsvp=state)
    delegate.refresh_from_db()
    before = _history(delegate)

    with pytest.raises(ValidationError) as raised:
        REPLIES.move(delegate, state, by=office_user, fields=[])

    label = R(state).label
    assert raised.value.messages == [vi("A reply “%(from)s” cannot become “%(to)s”.", **{"from": label, "to": label})]
    assert _history(delegate) == before


def test_office_and_delegate_replies_each_write_one_history_row(office_client, anon_client, office_user, delegate):
    office_client.post(reverse("delegate_rsvp", args=[delegate.pk]), {"rsvp": R.CONFIRMED, "substitute_name": ""})
    link = reverse("rsvp", args=[delegate.token])
    anon_client.post(link, {"rsvp": R.SUBSTITUTE, "substitute_name": "Đỗ Minh Tuấn"})
    anon_client.post(link, {"rsvp": R.SUBSTITUTE, "substitute_name": "Đỗ Minh Khôi"})  # the same reply, a new name
    anon_client.post(link, {"rsvp": R.INVITED})  # not offered on the private page: refused, nothing saved

    assert _history(delegate) == [
        (R.INVITED, "", None, None),
        (R.CONFIRMED, "", "invited → confirmed", office_user.pk),
        (R.SUBSTITUTE, "Đỗ Minh Tuấn", "confirmed → substitute: private link", None),
        (R.SUBSTITUTE, "Đỗ Minh Khôi", None, None),
    ]


def test_the_link_may_not_set_invited_again(delegate, office_user):
    set_rsvp(delegate, R.DECLINED, by=office_user)

    with pytest.raises(ValidationError) as raised:
        set_rsvp(delegate, R.INVITED, from_link=True)

    delegate.refresh_from_db()
    assert (raised.value.messages, delegate.rsvp, len(_history(delegate))) == ([vi("Unknown reply.")], R.DECLINED, 2)


def test_the_edit_page_moves_a_changed_reply_through_the_map(office_user, delegate):
    update_delegate(delegate, {"rsvp": R.DECLINED, "note": "Gọi điện ngày 10/12"}, by=office_user)
    update_delegate(delegate, {"note": "Gọi lại ngày 11/12"}, by=office_user)

    delegate.refresh_from_db()
    assert (delegate.rsvp, delegate.note) == (R.DECLINED, "Gọi lại ngày 11/12")
    assert [row[2:] for row in _history(delegate)] == [
        (None, None),
        ("invited → declined", office_user.pk),
        (None, office_user.pk),
    ]


def test_substitute_without_a_name_is_refused_and_changes_nothing(delegate, office_user):
    with pytest.raises(ValidationError) as raised:
        set_rsvp(delegate, R.SUBSTITUTE, "  ", by=office_user)

    delegate.refresh_from_db()
    assert raised.value.messages == [vi("Give the name of the person who comes instead.")]
    assert (delegate.rsvp, len(_history(delegate))) == (R.INVITED, 1)


def test_the_delegates_history_page_reads_each_move_in_vietnamese(office_client, anon_client, delegate, testid_texts):
    office_client.post(reverse("delegate_rsvp", args=[delegate.pk]), {"rsvp": R.CONFIRMED, "substitute_name": ""})
    anon_client.post(reverse("rsvp", args=[delegate.token]), {"rsvp": R.SUBSTITUTE, "substitute_name": "Đỗ Minh Tuấn"})

    response = office_client.get(reverse("admin:conference_delegate_history", args=[delegate.pk]))

    assert testid_texts(response, "history-reason") == [
        "Xác nhận dự → Cử người dự thay: qua trang riêng của đại biểu",
        "Được mời → Xác nhận dự",
        "",
    ]
