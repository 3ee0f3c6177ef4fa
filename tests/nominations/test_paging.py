"""Keyset pages and the bounded count of the nominations list and the review queue (hoinghi.paging;
docs/nominations.md "The list's pages", docs/performance.md "Over HTTP through gunicorn")."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hoinghi.paging import LAST
from nominations.enums import NominationStatus as S
from nominations.filters import SORTS
from nominations.models import Nomination
from tests.nominations.test_views import names, nominate, tr

STATUSES = [S.DRAFT, S.SUBMITTED, S.ACCEPTED]


def _thirty(conference, unit_a, unit_b, giay_khen, staff_a):
    for i in range(30):
        nominate(
            conference,
            unit_a if i % 3 else unit_b,
            f"Lê Văn Số{(i * 7) % 30:02d}",
            by=staff_a,
            award_form=giay_khen,
            status=STATUSES[i % 3],
            submitted_at=timezone.now() - datetime.timedelta(minutes=i),
        )


def _walk(client, url, params, *, step: str):
    """Every page from the first (``after``) or the last (``before``), following the page's own cursor."""
    first = {**params, **({"before": LAST} if step == "before" else {})}
    pages = [client.get(url, first).context["page"]]
    while pages[-1].has_next if step == "after" else pages[-1].has_previous:
        cursor = pages[-1].next_cursor if step == "after" else pages[-1].previous_cursor
        pages.append(client.get(url, {**params, step: cursor}).context["page"])
    return pages if step == "after" else pages[::-1]


@pytest.mark.parametrize("sort", list(SORTS))
def test_cursor_pages_walk_the_whole_list_forwards_and_backwards_in_each_order(
    office_client, settings, conference, unit_a, unit_b, giay_khen, staff_a, sort
):
    settings.LIST_COUNT_LIMIT = 1000
    _thirty(conference, unit_a, unit_b, giay_khen, staff_a)
    expected = [n.nominee.full_name for n in Nomination.objects.order_by(*SORTS[sort]).select_related("nominee")]
    url = reverse("nomination_list")

    forwards = _walk(office_client, url, {"sort": sort}, step="after")
    backwards = _walk(office_client, url, {"sort": sort}, step="before")

    assert [len(p) for p in forwards] == [25, 5]
    assert [name for p in forwards for name in names(p)] == expected
    # From the last page back, pages are aligned on the end: the first one is the short one.
    assert [len(p) for p in backwards] == [5, 25]
    assert [name for p in backwards for name in names(p)] == expected
    assert [p.start_index for p in forwards] == [1, 26]
    assert [p.start_index for p in backwards] == [1, 6]
    assert [(p.has_previous, p.has_next) for p in forwards] == [(False, True), (True, False)]


def test_the_count_is_exact_up_to_the_limit_and_more_than_the_limit_beyond(
    office_client, settings, conference, unit_a, giay_khen, staff_a
):
    settings.LIST_COUNT_LIMIT = 3
    for i in range(3):
        nominate(conference, unit_a, f"Lê Văn Số{i}", by=staff_a, award_form=giay_khen)
    exact = office_client.get(reverse("nomination_list")).content.decode()
    nominate(conference, unit_a, "Lê Văn Số3", by=staff_a, award_form=giay_khen)
    bounded = office_client.get(reverse("nomination_list"))

    assert '<small class="text-muted">(3)</small>' in exact
    assert f'<small class="text-muted">({tr("more than %(limit)s", limit=3)})</small>' in bounded.content.decode()
    assert tr("more than %(limit)s", limit=3) == "hơn 3"
    assert bounded.context["page"].count == 4  # limit + 1: "more than"
    assert len(bounded.context["page"]) == 4  # the rows themselves are all there


def test_the_count_groups_thousands_the_vietnamese_way(settings):
    from django.utils import translation

    from hoinghi.paging import count_label

    settings.LIST_COUNT_LIMIT = 1000
    with translation.override("vi"):
        assert (count_label(1000), count_label(1001)) == ("1.000", "hơn 1.000")


def test_the_last_page_above_the_limit_has_no_row_numbers(
    office_client, settings, conference, unit_a, giay_khen, staff_a
):
    settings.LIST_COUNT_LIMIT = 2
    for i in range(30):
        nominate(conference, unit_a, f"Lê Văn Số{i:02d}", by=staff_a, award_form=giay_khen)

    last = office_client.get(reverse("nomination_list"), {"before": LAST})
    previous = office_client.get(reverse("nomination_list"), {"before": last.context["page"].previous_cursor})

    assert names(last.context["page"]) == [f"Lê Văn Số{i:02d}" for i in range(5, 30)]
    assert last.context["page"].start_index is None
    assert tr("Of %(total)s", total=tr("more than %(limit)s", limit=2)) in last.content.decode()
    assert names(previous.context["page"]) == [f"Lê Văn Số{i:02d}" for i in range(5)]
    assert previous.context["page"].start_index == 1


@pytest.mark.parametrize("cursor", ["garbage", "WzEsIFsxXV0", "W251bGwsIFsiYSIsICJiIl1d", ""])
def test_a_malformed_cursor_gives_the_first_page(office_client, conference, unit_a, giay_khen, staff_a, cursor):
    nominate(conference, unit_a, "Lê Văn Một", by=staff_a, award_form=giay_khen)

    response = office_client.get(reverse("nomination_list"), {"after": cursor})

    assert names(response.context["page"]) == ["Lê Văn Một"]
    assert response.context["page"].start_index == 1


def test_a_cursor_never_widens_the_scope(client, conference, unit_a, unit_b, giay_khen, staff_a, staff_b):
    for i in range(30):
        nominate(conference, unit_a if i < 27 else unit_b, f"Lê Văn Số{i:02d}", by=staff_a, award_form=giay_khen)
    client.force_login(staff_a)
    first = client.get(reverse("nomination_list")).context["page"]

    second = client.get(reverse("nomination_list"), {"after": first.next_cursor}).context["page"]

    assert names(second) == ["Lê Văn Số25", "Lê Văn Số26"]
    assert first.count == 27


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("sort", ["name", "-name", "unit", "status", "-updated"])
@pytest.mark.parametrize("step", ["after", "before"])
def test_a_deep_cursor_page_makes_the_same_queries_as_the_first(
    office_client, django_assert_num_queries, conference, unit_a, giay_khen, movement, staff_a, rows, sort, step
):
    nominations = [
        nominate(conference, unit_a, f"Nguyễn Văn Số{i}", by=staff_a, award_form=giay_khen, movements=[movement])
        for i in range(rows + 2)
    ]
    first = office_client.get(reverse("nomination_list"), {"sort": sort}).context["page"]
    # A cursor on a row beyond which (or before which) lie ``rows`` rows of this order.
    ordered = list(first)
    cursor_page = first
    cursor_page.object_list = [ordered[1]] if step == "after" else [ordered[-2]]
    cursor_page.start_index = 2
    cursor = cursor_page.next_cursor if step == "after" else cursor_page.previous_cursor
    assert len(nominations) == rows + 2

    with django_assert_num_queries(10):
        response = office_client.get(reverse("nomination_list"), {"sort": sort, step: cursor})

    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_the_review_queue_pages_by_cursor_with_the_same_queries(
    office_client, django_assert_num_queries, conference, unit_a, giay_khen, staff_a, rows
):
    for i in range(rows + 25):
        nominate(
            conference,
            unit_a,
            f"Lê Văn Số{i:02d}",
            by=staff_a,
            award_form=giay_khen,
            status=S.SUBMITTED,
            submitted_at=timezone.now() - datetime.timedelta(minutes=100 - i),
        )
    first = office_client.get(reverse("review_queue")).context["page"]

    with django_assert_num_queries(10):
        response = office_client.get(reverse("review_queue"), {"after": first.next_cursor})

    assert names(response.context["page"]) == [f"Lê Văn Số{i:02d}" for i in range(25, 25 + rows)]
    assert response.context["page"].start_index == 26
