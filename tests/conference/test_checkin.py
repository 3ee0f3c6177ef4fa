"""Check-in at the door: permissions, search without diacritics, one tap in and out, counts, races, queries.

The race runs real threads on separate PostgreSQL connections; SQLite serialises every writer,
so it is PostgreSQL-only.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from conference.enums import Rsvp
from conference.models import CheckIn, Delegate, DelegateGroup
from conference.services import checkin as services
from conference.services.checkin import GroupCount
from tests import factories as f
from tests.concurrency import at_once, postgresql_only

HTMX = {"HTTP_HX_REQUEST": "true"}
LOGIN = "/accounts/login/?next="


def _group(conference, code, name, target, order):
    return DelegateGroup.objects.create(conference=conference, code=code, name=name, target=target, order=order)


def _delegate(conference, group, name, *, rsvp=Rsvp.INVITED, gender="male", position="", organisation=""):
    number = Delegate.objects.filter(conference=conference).count() + 1
    return Delegate.objects.create(
        conference=conference,
        group=group,
        full_name=name,
        gender=gender,
        position=position,
        organisation=organisation,
        rsvp=rsvp,
        invitation_number=number,
    )


class Day:
    """Three groups (the last one empty) and five delegates of the current conference."""

    def __init__(self, conference):
        self.leaders = _group(conference, "lanh-dao", "Lãnh đạo tỉnh", 5, 1)
        self.units = _group(conference, "don-vi", "Các đơn vị trong Khối thi đua", 10, 2)
        self.others = _group(conference, "khac", "Khách mời khác", 3, 3)
        self.hung = _delegate(conference, self.leaders, "Nguyễn Văn Hùng", rsvp=Rsvp.CONFIRMED, position="Phó Chủ tịch")
        self.huong_tran = _delegate(conference, self.leaders, "Trần Thị Hường", gender="female")
        self.binh = _delegate(
            conference, self.units, "Đặng Quốc Bình", rsvp=Rsvp.CONFIRMED, position="Giám đốc", organisation="Sở Nội vụ"
        )
        self.huong_le = _delegate(conference, self.units, "Lê Thị Hương", rsvp=Rsvp.SUBSTITUTE, gender="female")
        self.lan = _delegate(conference, self.units, "Nguyễn Thị Lan", rsvp=Rsvp.DECLINED, gender="female")


@pytest.fixture
def day(conference):
    return Day(conference)


def _names(delegates) -> list[str]:
    return [d.full_name for d in delegates]


def _rows() -> list[tuple[str, str]]:
    return sorted((c.delegate.full_name, c.by.username) for c in CheckIn.objects.select_related("delegate", "by"))


def _at(hour, minute) -> datetime.datetime:
    return datetime.datetime(2026, 11, 27, hour, minute, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


# --- services ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("huong", ["Lê Thị Hương", "Trần Thị Hường"]),
        ("HUONG tran", ["Trần Thị Hường"]),
        ("nguyen", ["Nguyễn Văn Hùng", "Nguyễn Thị Lan"]),
        ("nguyen hung", ["Nguyễn Văn Hùng"]),
        ("dang", ["Đặng Quốc Bình"]),
        ("đặng", ["Đặng Quốc Bình"]),
        ("noi vu", ["Đặng Quốc Bình"]),
        ("ng hu", ["Nguyễn Văn Hùng", "Lê Thị Hương", "Trần Thị Hường"]),
        ("nguyen binh", []),
        ("xyz", []),
        ("   ", []),
        ("", []),
        ("%", []),
    ],
)
def test_search_ignores_diacritics_and_needs_every_word(day, conference, query, expected):
    assert _names(services.search_delegates(conference, query)) == expected


def test_search_sees_only_the_given_conference(day, conference):
    other = f.ConferenceFactory(is_current=False)
    _delegate(other, _group(other, "lanh-dao", "Lãnh đạo tỉnh", 5, 1), "Nguyễn Văn Hùng")
    assert _names(services.search_delegates(conference, "hung")) == ["Nguyễn Văn Hùng"]
    assert [d.conference_id for d in services.search_delegates(conference, "hung")] == [conference.pk]


def test_search_treats_like_wildcards_as_letters(day, conference):
    """``%``, ``_`` and a backslash in the box are letters to find, not LIKE's wildcards."""
    _delegate(conference, day.others, "Khách 50%_off")
    _delegate(conference, day.others, "Khách 50 phần trăm")
    assert _names(services.search_delegates(conference, "50%")) == ["Khách 50%_off"]
    assert _names(services.search_delegates(conference, "%_")) == ["Khách 50%_off"]
    assert _names(services.search_delegates(conference, "_")) == ["Khách 50%_off"]
    assert _names(services.search_delegates(conference, "\\")) == []


def test_search_rows_carry_group_and_check_in_as_stored(day, conference, office_user, django_assert_num_queries):
    """The one statement's rows: the group's name, the check-in's time (aware, as stored) and recorder."""
    office_user.last_name, office_user.first_name = "Phạm", "Văn Thư"
    office_user.save()
    row, _created = services.check_in(day.binh, by=office_user)
    stored = CheckIn.objects.get(pk=row.pk)
    with django_assert_num_queries(1):
        found = services.search_delegates(conference, "dang")
        (binh,) = found
        shown = (binh.group.name, binh.check_in.pk, binh.check_in.at, binh.check_in.by.username)
        names = (binh.check_in.by.last_name, binh.check_in.by.first_name, binh.honorific, binh.token)
    assert shown == ("Các đơn vị trong Khối thi đua", stored.pk, stored.at, "vanphong")
    assert names == ("Phạm", "Văn Thư", "Ông", day.binh.token)
    assert binh.check_in.at.utcoffset() == datetime.timedelta(0)
    with django_assert_num_queries(1):
        (hung,) = services.search_delegates(conference, "hung")
        assert (hung.group.name, getattr(hung, "check_in", None)) == ("Lãnh đạo tỉnh", None)


def test_search_of_the_current_conference_and_by_token(day, conference):
    """``None`` is the current conference, joined; a token of another conference finds nobody."""
    other = f.ConferenceFactory(is_current=False)
    stranger = _delegate(other, _group(other, "lanh-dao", "Lãnh đạo tỉnh", 5, 1), "Nguyễn Văn Hùng Khác")
    assert [(d.full_name, d.conference_id) for d in services.search_delegates(None, "hung")] == [
        ("Nguyễn Văn Hùng", conference.pk)
    ]
    assert services.delegate_by_token(day.hung.token).pk == day.hung.pk
    assert services.delegate_by_token(stranger.token) is None
    assert services.delegate_by_token("no-such-token") is None


def test_rows_escape_what_users_typed(day, conference, office_client, office_user):
    """The rows are built in Python: every value typed by a user (name, position, who checked in) is escaped."""
    tricky = _delegate(conference, day.others, "<b>Hùng</b> & co", position='"Cố vấn" <i>')
    office_user.last_name = "<script>x</script>"
    office_user.save()
    services.check_in(tricky, by=office_user)
    body = office_client.get(reverse("checkin_search") + "?q=co", **HTMX).content.decode()
    assert "Ông &lt;b&gt;Hùng&lt;/b&gt; &amp; co" in body
    assert "&quot;Cố vấn&quot; &lt;i&gt;" in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body
    assert "<b>" not in body and "<script>" not in body and "<i>" not in body


def test_check_in_then_again_then_undo(day, office_user):
    row, created = services.check_in(day.binh, by=office_user)
    assert created is True and (row.delegate, row.by) == (day.binh, office_user)
    assert _rows() == [("Đặng Quốc Bình", "vanphong")]
    colleague = f.UserFactory(username="vanphong2", roles=["office_staff"])
    again, created = services.check_in(day.binh, by=colleague)
    assert created is False and again.pk == row.pk and again.by == office_user
    assert _rows() == [("Đặng Quốc Bình", "vanphong")]
    assert services.undo_check_in(day.binh, by=colleague) is True
    assert _rows() == []
    assert services.undo_check_in(day.binh, by=colleague) is False


def test_only_office_staff_check_in(day, staff_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.check_in(day.binh, by=staff_a)
    services.check_in(day.binh, by=f.UserFactory(username="vanphong", roles=["office_staff"]))
    with pytest.raises(PermissionDenied):
        services.undo_check_in(day.binh, by=staff_a)
    assert _rows() == [("Đặng Quốc Bình", "vanphong")]


def test_arrival_counts_per_group(day, conference, office_user):
    for delegate in (day.hung, day.binh, day.lan):
        services.check_in(delegate, by=office_user)
    counts = services.arrival_counts(conference)
    assert counts == [
        GroupCount(day.leaders.pk, "Lãnh đạo tỉnh", 5, 2, 1, 1),
        GroupCount(day.units.pk, "Các đơn vị trong Khối thi đua", 10, 3, 2, 2),
        GroupCount(day.others.pk, "Khách mời khác", 3, 0, 0, 0),
    ]
    assert services.totals(counts) == GroupCount(0, "", 18, 5, 3, 3)


def test_arrival_counts_is_one_query(day, conference, django_assert_num_queries):
    with django_assert_num_queries(1):
        services.arrival_counts(conference)


# --- pages: permissions --------------------------------------------------------------------------


def _pages(day):
    token = day.binh.token
    return [
        ("get", reverse("checkin")),
        ("get", reverse("checkin_search") + "?q=binh"),
        ("get", reverse("checkin_counts")),
        ("get", reverse("checkin_delegate", args=[token])),
        ("post", reverse("checkin_do", args=[token])),
        ("post", reverse("checkin_undo", args=[token])),
    ]


def test_urls():
    assert reverse("checkin") == "/conference/checkin/"
    assert reverse("checkin_delegate", args=["abc-_9"]) == "/conference/checkin/abc-_9/"


def test_anonymous_is_sent_to_login(day, anon_client):
    for method, url in _pages(day):
        response = getattr(anon_client, method)(url)
        assert (response.status_code, response["Location"]) == (
            302,
            LOGIN + url.replace("?", "%3F").replace("=", "%3D"),
        )
    assert _rows() == []


def test_unit_staff_are_refused(day, client_a):
    for method, url in _pages(day):
        assert getattr(client_a, method)(url).status_code == 403, url
    assert _rows() == []


def test_office_page_shows_search_results_and_counts(day, office_client, office_user, testid_texts):
    services.check_in(day.hung, by=office_user)
    CheckIn.objects.update(at=_at(8, 12))
    response = office_client.get(reverse("checkin") + "?q=huong")
    assert response.status_code == 200
    assert testid_texts(response, "delegate-name") == ["Bà Lê Thị Hương", "Bà Trần Thị Hường"]
    assert testid_texts(response, "check-in") == ["Điểm danh", "Điểm danh"]
    assert testid_texts(response, "total") == ["Có mặt: 1 / 5 đại biểu được mời"]
    assert testid_texts(response, "count-row") == [
        "Lãnh đạo tỉnh 1 1 2 5",
        "Các đơn vị trong Khối thi đua 0 2 3 10",
        "Khách mời khác 0 0 0 3",
    ]
    search = office_client.get(reverse("checkin_search") + "?q=hung", **HTMX)
    assert testid_texts(search, "delegate-name") == ["Ông Nguyễn Văn Hùng"]
    assert testid_texts(search, "checked-in") == ["✓ Có mặt từ 08:12 (vanphong)"]
    assert testid_texts(search, "undo") == ["Hủy"]
    assert "<html" not in search.content.decode()
    nobody = office_client.get(reverse("checkin_search") + "?q=zzz", **HTMX)
    assert testid_texts(nobody, "no-results") == ["Không có đại biểu nào khớp với “zzz”."]


def test_delegate_page_from_the_qr_code(day, office_client, testid_texts):
    response = office_client.get(reverse("checkin_delegate", args=[day.binh.token]))
    assert response.status_code == 200
    assert testid_texts(response, "delegate-name") == ["Ông Đặng Quốc Bình"]
    assert testid_texts(response, "delegate-row") == [
        "Ông Đặng Quốc Bình Giám đốc, Sở Nội vụ Các đơn vị trong Khối thi đua Điểm danh"
    ]


def test_unknown_token_and_other_conference_are_404(day, office_client):
    other = f.ConferenceFactory(is_current=False)
    stranger = _delegate(other, _group(other, "khac", "Khác", 1, 1), "Phạm Văn Khách")
    for token in ("nope", stranger.token):
        assert office_client.get(reverse("checkin_delegate", args=[token])).status_code == 404
        assert office_client.post(reverse("checkin_do", args=[token]), **HTMX).status_code == 404
    assert _rows() == []


# --- pages: one tap ------------------------------------------------------------------------------


def test_one_tap_checks_in_and_a_second_tap_says_who_did(day, office_client, office_user, testid_texts):
    response = office_client.post(reverse("checkin_do", args=[day.binh.token]), **HTMX)
    assert response.status_code == 200
    assert _rows() == [("Đặng Quốc Bình", "vanphong")]
    CheckIn.objects.update(at=_at(8, 12))
    assert testid_texts(response, "undo") == ["Hủy"]
    assert testid_texts(response, "notice") == []  # the green "present since" line is the news
    assert len(testid_texts(response, "checked-in")) == 1
    assert testid_texts(response, "total") == []  # no counts on a tap: the page's poll refreshes them
    assert "hx-swap-oob" not in response.content.decode()
    counts = office_client.get(reverse("checkin_counts"), **HTMX)
    assert testid_texts(counts, "total") == ["Có mặt: 1 / 5 đại biểu được mời"]

    colleague = Client()
    colleague.force_login(f.UserFactory(username="vanphong2", roles=["office_staff"]))
    again = colleague.post(reverse("checkin_do", args=[day.binh.token]), **HTMX)
    assert testid_texts(again, "notice") == ["Đã điểm danh lúc 08:12 bởi vanphong."]
    assert testid_texts(again, "checked-in") == ["✓ Có mặt từ 08:12 (vanphong)"]
    assert _rows() == [("Đặng Quốc Bình", "vanphong")]


def test_one_tap_undoes(day, office_client, testid_texts):
    services.check_in(day.binh, by=f.UserFactory(username="vanphong"))
    response = office_client.post(reverse("checkin_undo", args=[day.binh.token]), **HTMX)
    assert response.status_code == 200
    assert _rows() == []
    assert testid_texts(response, "notice") == ["Đã hủy điểm danh Đặng Quốc Bình."]
    assert testid_texts(response, "check-in") == ["Điểm danh"]
    assert testid_texts(response, "total") == []
    counts = office_client.get(reverse("checkin_counts"), **HTMX)
    assert testid_texts(counts, "total") == ["Có mặt: 0 / 5 đại biểu được mời"]


def test_without_htmx_the_tap_redirects_to_the_delegate(day, office_client):
    url = reverse("checkin_delegate", args=[day.binh.token])
    response = office_client.post(reverse("checkin_do", args=[day.binh.token]))
    assert (response.status_code, response["Location"]) == (302, url)
    assert _rows() == [("Đặng Quốc Bình", "vanphong")]
    assert office_client.get(reverse("checkin_do", args=[day.binh.token])).status_code == 405


# --- constant queries ------------------------------------------------------------------------------

SEARCH_QUERIES = 3  # session, the user with the roles, the delegates (the current conference joined)
COUNTS_QUERIES = 3  # session, the user with the roles, the counts (the current conference joined)
PAGE_QUERIES = 5  # session, the user with the roles, the conference, the delegates, the counts
DELEGATE_QUERIES = 4  # session, the user with the roles, the delegate (with the conference joined), the counts
TAP_QUERIES = 4  # session, the user with the roles, the delegate with its check-in, INSERT … ON CONFLICT


def _more_hungs(conference, group, count):
    for i in range(count):
        _delegate(conference, group, f"Phan Văn Hùng {i}")


@pytest.mark.parametrize("extra", [0, 2])
def test_search_queries_do_not_grow_with_results(day, conference, office_client, django_assert_num_queries, extra):
    _more_hungs(conference, day.others, extra)
    services.check_in(day.hung, by=f.UserFactory(username="vanphong"))
    with django_assert_num_queries(SEARCH_QUERIES):
        response = office_client.get(reverse("checkin_search") + "?q=hung", **HTMX)
    assert response.content.decode().count('data-testid="delegate-row"') == 1 + extra


@pytest.mark.parametrize("extra", [0, 2])
def test_page_and_counts_queries_do_not_grow(day, conference, office_client, django_assert_num_queries, extra):
    _more_hungs(conference, day.others, extra)
    with django_assert_num_queries(PAGE_QUERIES):
        response = office_client.get(reverse("checkin") + "?q=hung")
    assert response.content.decode().count('data-testid="delegate-row"') == 1 + extra
    with django_assert_num_queries(COUNTS_QUERIES):
        office_client.get(reverse("checkin_counts"), **HTMX)
    with django_assert_num_queries(DELEGATE_QUERIES):
        office_client.get(reverse("checkin_delegate", args=[day.hung.token]))


def test_tap_queries(day, office_client, django_assert_num_queries):
    with django_assert_num_queries(TAP_QUERIES):
        office_client.post(reverse("checkin_do", args=[day.hung.token]), **HTMX)
    with django_assert_num_queries(TAP_QUERIES - 1):  # the delegate's row shows the check-in: no write
        office_client.post(reverse("checkin_do", args=[day.hung.token]), **HTMX)
    with django_assert_num_queries(TAP_QUERIES):  # one DELETE
        office_client.post(reverse("checkin_undo", args=[day.hung.token]), **HTMX)
    assert CheckIn.objects.count() == 0


def test_a_tap_that_loses_the_insert_reads_the_winner(day, office_user, django_assert_num_queries):
    """The delegate loaded before a colleague's tap: the tap is given the winner's row, untouched."""
    stale = Delegate.objects.get(pk=day.hung.pk)  # no check-in loaded
    first, created = services.check_in(day.hung, by=f.UserFactory(username="vanphong2", roles=["office_staff"]))
    services.ensure_can_check_in(office_user)  # the roles read once (with the user, in a request)
    # PostgreSQL: the insert that returns the existing row, then who recorded it;
    # SQLite: the insert that does nothing, then the look.
    with django_assert_num_queries(2):
        row, created_again = services.check_in(stale, by=office_user)
    assert (created, created_again, row.pk, row.by.username) == (True, False, first.pk, "vanphong2")
    assert row.at == first.at == CheckIn.objects.get().at
    assert _rows() == [("Nguyễn Văn Hùng", "vanphong2")]


# --- two staff tapping at the same instant (PostgreSQL: separate connections) ------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_tapping_at_once_record_one_check_in(migrated_rows, conference):
    day = Day(conference)
    first = f.UserFactory(username="vanphong", roles=["office_staff"])
    second = f.UserFactory(username="vanphong2", roles=["office_staff"])
    for delegate in (day.hung, day.huong_tran, day.binh, day.huong_le, day.lan):
        results = at_once(  # each thread loads its own delegate (no check-in known): both insert
            lambda d=delegate: services.check_in(Delegate.objects.get(pk=d.pk), by=first),
            lambda d=delegate: services.check_in(Delegate.objects.get(pk=d.pk), by=second),
        )
        assert [outcome for outcome, _value in results] == ["ok", "ok"], results
        (row_1, created_1), (row_2, created_2) = (value for _outcome, value in results)
        assert sorted([created_1, created_2]) == [False, True]
        assert row_1.pk == row_2.pk and row_1.by_id == row_2.by_id
        assert CheckIn.objects.filter(delegate=delegate).count() == 1
    assert CheckIn.objects.count() == 5


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_phones_tapping_at_once_over_http_both_show_the_delegate_present(migrated_rows, conference):
    """Two taps on one delegate at the same instant: one row; both answers show the delegate present,
    the loser's with "Đã điểm danh lúc … bởi …" (the INSERT … ON CONFLICT settles it, no lock)."""
    day = Day(conference)
    clients = []
    for name in ("cua1", "cua2"):
        client = Client()
        client.force_login(f.UserFactory(username=name, roles=["office_staff"]))
        clients.append(client)
    url = reverse("checkin_do", args=[day.binh.token])
    for _attempt in range(5):  # five delegates' worth of races on one: undo between rounds
        results = at_once(*(lambda c=c: c.post(url, **HTMX) for c in clients))
        assert [outcome for outcome, _value in results] == ["ok", "ok"], results
        responses = [value for _outcome, value in results]
        assert [r.status_code for r in responses] == [200, 200]
        assert all('data-testid="checked-in"' in r.content.decode() for r in responses)
        notices = sorted(n for r in responses for n in _notices(r))
        assert len(notices) == 1 and notices[0].startswith("Đã điểm danh lúc "), notices
        row = CheckIn.objects.select_related("by").get(delegate=day.binh)
        assert notices[0].endswith(f"bởi {row.by.username}.")
        assert CheckIn.objects.count() == 1
        CheckIn.objects.all().delete()


def _notices(response) -> list[str]:
    import re

    return re.findall(r'data-testid="notice">([^<]*)<', response.content.decode())


RACERS = 6  # three staff tapping "check in", three tapping "undo", on one delegate
TAPS_EACH = 25  # 150 taps in all, as in the report of issue 9


def _tapper(client: Client, url: str):
    def run():
        return [(r.status_code, r.content.decode()) for r in (client.post(url, **HTMX) for _ in range(TAPS_EACH))]

    return run


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_taps_racing_undos_always_answer_200_and_end_consistent(migrated_rows, conference):
    """Issue 9: a check-in racing an undo answered 500 (the winner's row was gone when read back)."""
    day = Day(conference)
    clients = []
    for i in range(RACERS):
        client = Client()
        client.force_login(f.UserFactory(username=f"cua{i}", roles=["office_staff"]))
        clients.append(client)
    check_in_url = reverse("checkin_do", args=[day.binh.token])
    undo_url = reverse("checkin_undo", args=[day.binh.token])
    results = at_once(*(_tapper(c, check_in_url if i % 2 == 0 else undo_url) for i, c in enumerate(clients)))

    assert [outcome for outcome, _value in results] == ["ok"] * RACERS, results
    for i, (_outcome, responses) in enumerate(results):
        assert [status for status, _body in responses] == [200] * TAPS_EACH
        shown = 'data-testid="checked-in"' if i % 2 == 0 else 'data-testid="check-in"'
        assert all(shown in body for _status, body in responses)  # a tap shows what it did
    # Consistent: one row at most, and the counts the staff see agree with it.
    rows = CheckIn.objects.filter(delegate=day.binh).count()
    assert rows in (0, 1) and CheckIn.objects.count() == rows
    counts = services.totals(services.arrival_counts(conference))
    assert counts.present == rows
    # And it goes on working: one more tap in, one more undo.
    assert clients[0].post(check_in_url, **HTMX).status_code == 200
    assert CheckIn.objects.filter(delegate=day.binh).count() == 1
    assert clients[1].post(undo_url, **HTMX).status_code == 200
    assert CheckIn.objects.count() == 0


def test_admin_lists_check_ins_read_only(day, office_user):
    services.check_in(day.binh, by=office_user)
    admin = Client()
    admin.force_login(f.UserFactory(username="quantri", is_staff=True, is_superuser=True))
    response = admin.get(reverse("admin:conference_checkin_changelist"))
    assert response.status_code == 200
    assert [str(row.delegate) for row in response.context["cl"].result_list] == ["Đặng Quốc Bình"]
    assert admin.get(reverse("admin:conference_checkin_add")).status_code == 403
    row = CheckIn.objects.get()
    assert admin.post(reverse("admin:conference_checkin_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    assert _rows() == [("Đặng Quốc Bình", "vanphong")]
