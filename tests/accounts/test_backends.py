"""The login backend reads the user's roles with the user, in one query; a removed role stops at once."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.backends import RolesModelBackend
from hoinghi.roles import roles_of
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_get_user_brings_the_roles_in_one_query(django_assert_num_queries):
    user = f.UserFactory(username="vanphong", roles=["office_staff", "director"])
    nobody = f.UserFactory(username="khach")
    with django_assert_num_queries(1):
        loaded = RolesModelBackend().get_user(user.pk)
        assert roles_of(loaded) == frozenset({"office_staff", "director"})
    with django_assert_num_queries(1):
        assert roles_of(RolesModelBackend().get_user(nobody.pk)) == frozenset()
    assert RolesModelBackend().get_user(10**9) is None


def test_an_inactive_user_is_not_loaded():
    user = f.UserFactory(username="nghi", roles=["office_staff"], is_active=False)
    assert RolesModelBackend().get_user(user.pk) is None


@pytest.mark.parametrize("change", ["removed", "renamed", "deleted"])
def test_a_role_taken_away_stops_on_the_next_request(change):
    user = f.UserFactory(username="vanphong", roles=["office_staff"])
    client = Client()
    client.force_login(user)
    assert client.get(reverse("checkin_counts")).status_code == 200
    group = Group.objects.get(name="office_staff")
    if change == "removed":
        user.groups.remove(group)
    elif change == "renamed":
        group.name = "office_staff_old"
        group.save()
    else:
        group.delete()
    assert client.get(reverse("checkin_counts")).status_code == 403
