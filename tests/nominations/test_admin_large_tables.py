"""Admin changelists of the big tables (province scale): the commendation history's year filter."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nominations.models import CommendationRecord
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("admin:nominations_commendationrecord_changelist")


@pytest.fixture
def super_client(db):
    client = Client()
    client.force_login(User.objects.create_superuser("quantri-lon", "quantri@example.com", "x"))
    return client


@pytest.fixture
def records():
    nominee = f.NomineeFactory(unit=f.UnitFactory())
    this_year = timezone.localdate().year
    return [
        CommendationRecord.objects.create(nominee=nominee, year=year, title="Lao động tiên tiến")
        for year in (this_year, this_year - 1, this_year - 1, this_year - 20)
    ]


def test_year_filter_offers_the_last_fifteen_years(records, super_client):
    response = super_client.get(URL)
    this_year = timezone.localdate().year
    (year_filter,) = response.context["cl"].filter_specs
    choices = [choice["display"] for choice in year_filter.choices(response.context["cl"])]
    assert choices[1:] == [str(year) for year in range(this_year, this_year - 15, -1)]


def test_year_filter_selects_that_year(records, super_client):
    last_year = timezone.localdate().year - 1
    response = super_client.get(URL, {"year": str(last_year)})
    assert sorted(r.pk for r in response.context["cl"].result_list) == [records[1].pk, records[2].pk]


def test_year_filter_ignores_a_value_that_is_not_a_year(records, super_client):
    response = super_client.get(URL, {"year": "abc"})
    assert response.status_code == 200
    assert sorted(r.pk for r in response.context["cl"].result_list) == sorted(r.pk for r in records)


def test_big_tables_count_once_and_show_fifty_rows(super_client):
    nominee = f.NomineeFactory(unit=f.UnitFactory())
    CommendationRecord.objects.bulk_create(
        CommendationRecord(nominee=nominee, year=2000 + i % 20, title="Lao động tiên tiến") for i in range(60)
    )
    cl = super_client.get(URL).context["cl"]
    assert (len(cl.result_list), cl.result_count, cl.full_result_count) == (50, 60, None)


def test_the_changelist_counts_up_to_the_limit_and_says_more_than_beyond(records, super_client, settings):
    settings.LIST_COUNT_LIMIT = 3

    response = super_client.get(URL)

    cl = response.context["cl"]
    assert (cl.result_count, cl.paginator.count_label, len(cl.result_list)) == (4, "hơn 3", 4)
    assert '<span data-testid="bounded-count">hơn 3</span>' in response.content.decode()
    settings.LIST_COUNT_LIMIT = 4
    assert '<span data-testid="bounded-count">4</span>' in super_client.get(URL).content.decode()


def test_the_office_unit_filter_lists_the_units_without_scanning_the_nominations(db, client):
    from django.contrib.auth.models import Group

    office = User.objects.create_user("vanphong-lon", is_staff=True)
    office.groups.add(Group.objects.get(name="office_staff"))
    idle, other = f.UnitFactory(name="Đơn vị chưa đề nghị"), f.UnitFactory(name="Đơn vị khác")
    client.force_login(office)

    response = client.get(reverse("admin:nominations_nomination_changelist"))

    unit_filter = next(spec for spec in response.context["cl"].filter_specs if spec.field_path == "proposing_unit")
    assert {(idle.pk, idle.name), (other.pk, other.name)} <= set(unit_filter.lookup_choices)
