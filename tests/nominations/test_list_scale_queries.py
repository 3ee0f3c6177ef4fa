"""The nominations list keeps a constant number of queries when searched, sorted, filtered or deep in
its pages (the unfiltered first page is asserted in test_views.py; timings: docs/performance.md)."""

import pytest
from django.urls import reverse

from tests.nominations.test_views import nominate

NAMES = ["Nguyễn Thị Hường", "Nguyễn Thị Hương", "Nguyễn Văn Hướng"]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(
    "params",
    [
        {"q": "nguyen huong", "sort": "-name"},
        {"q": "NGUYỄN", "sort": "unit"},
        {"status": "draft", "sort": "status"},
        {"sort": "-updated", "page": "1"},
    ],
)
def test_searched_and_sorted_list_makes_the_same_queries(
    office_client, django_assert_num_queries, conference, unit_a, giay_khen, movement, staff_a, rows, params
):
    for name in NAMES[:rows]:
        nominate(conference, unit_a, name, by=staff_a, award_form=giay_khen, movements=[movement])

    with django_assert_num_queries(10):
        response = office_client.get(reverse("nomination_list"), params)

    assert sorted(n.nominee.full_name for n in response.context["page"]) == sorted(NAMES[:rows])


@pytest.mark.parametrize("rows", [1, 3])
def test_list_filtered_by_unit_makes_the_same_queries(
    office_client, django_assert_num_queries, conference, unit_a, giay_khen, movement, staff_a, rows
):
    for name in NAMES[:rows]:
        nominate(conference, unit_a, name, by=staff_a, award_form=giay_khen, movements=[movement])

    with django_assert_num_queries(11):
        response = office_client.get(reverse("nomination_list"), {"proposing_unit": unit_a.pk, "q": "huong"})

    assert len(response.context["page"]) == rows
