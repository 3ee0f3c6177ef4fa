import pytest
from django.core.cache import cache

from tests import api_support


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttle counts live in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(org, unit_a, unit_b, giay_khen, bang_khen, office_user):
    return api_support.build(org, unit_a, unit_b, giay_khen, bang_khen, office_user)
