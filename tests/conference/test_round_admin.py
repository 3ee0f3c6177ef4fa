"""The admin of the links across rounds (NomineeMatch) and of the awards carried over (CarriedAward)."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from awards.models import CarriedAward
from awards.selectors import carried_visible_to
from conference.services.next_round import NextRoundInput, start_next_round
from nominations.enums import MatchStatus
from nominations.models import NomineeMatch
from nominations.selectors import matches_visible_to
from tests import awards_fixtures as fixtures
from tests import factories as f
from tests.awards_fixtures import vi
from tests.conference.next_round_support import MINH, finished_round, nominate

money_rules, signer = fixtures.money_rules, fixtures.signer
__all__ = ["finished_round", "money_rules", "signer"]


@pytest.fixture
def two_rounds(finished_round, unit_b, giay_khen, office_user):
    """2026 started (Minh's Giấy khen carried over), and Minh proposed again by another unit: a near match."""
    new = start_next_round(NextRoundInput(year=2026, name="Hội nghị năm 2026"), by=office_user).conference
    nominate(new, unit_b, giay_khen, office_user)
    return new


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(f.UserFactory(username="quantri", is_superuser=True, is_staff=True))
    return client


def test_matches_list_search_filter_and_review(two_rounds, admin_client):
    url = reverse("admin:nominations_nomineematch_changelist")
    page = admin_client.get(url)
    match = NomineeMatch.objects.get()
    assert list(page.context["cl"].result_list) == [match]
    assert vi("nominee matches").capitalize() in page.content.decode()
    assert list(admin_client.get(url, {"q": "tran van minh"}).context["cl"].result_list) == [match]
    assert list(admin_client.get(url, {"q": "nguyen"}).context["cl"].result_list) == []
    assert list(admin_client.get(url, {"status": MatchStatus.PENDING}).context["cl"].result_list) == [match]
    assert list(admin_client.get(url, {"status": MatchStatus.SAME}).context["cl"].result_list) == []
    # Read-mostly: no add, no change form save, no delete; the review is an action through matching.decide.
    assert admin_client.get(reverse("admin:nominations_nomineematch_add")).status_code == 403
    done = admin_client.post(url, {"action": "confirm", "_selected_action": [match.pk]})
    assert done.status_code == 302
    match.refresh_from_db()
    assert (match.status, match.decided_by.username) == (MatchStatus.CONFIRMED, "quantri")
    assert [str(m) for m in get_messages(done.wsgi_request)] == [vi("Matches reviewed: %(count)d.", count=1)]
    admin_client.post(url, {"action": "reject", "_selected_action": [match.pk]})
    match.refresh_from_db()
    assert match.status == MatchStatus.REJECTED


def test_carried_awards_list_search_and_filter(two_rounds, finished_round, admin_client):
    url = reverse("admin:awards_carriedaward_changelist")
    carried = CarriedAward.objects.get()
    page = admin_client.get(url)
    assert list(page.context["cl"].result_list) == [carried]
    html = page.content.decode()
    assert MINH in html and "01/QĐ-SKHCN" in html
    assert list(admin_client.get(url, {"q": "minh"}).context["cl"].result_list) == [carried]
    assert list(admin_client.get(url, {"q": "zzz"}).context["cl"].result_list) == []
    assert list(admin_client.get(url, {"entry__kind": "individual"}).context["cl"].result_list) == [carried]
    assert list(admin_client.get(url, {"entry__kind": "collective"}).context["cl"].result_list) == []
    assert admin_client.get(reverse("admin:awards_carriedaward_add")).status_code == 403
    change = admin_client.post(reverse("admin:awards_carriedaward_change", args=[carried.pk]), {})
    assert change.status_code == 403
    assert CarriedAward.objects.count() == 1


def test_only_the_office_sees_them(two_rounds, office_user, staff_a):
    assert (matches_visible_to(office_user).count(), carried_visible_to(office_user).count()) == (1, 1)
    assert (matches_visible_to(staff_a).count(), carried_visible_to(staff_a).count()) == (0, 0)
