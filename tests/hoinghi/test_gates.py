"""One gate per set of roles (hoinghi.gates): what each role gets, and no view with a check of its own.

What every URL answers each role is the permission matrix's (tests/hoinghi/test_permission_matrix.py);
here the gates themselves, and the rule docs/architecture.md states: views refuse through a gate,
never with a ``raise PermissionDenied`` of their own.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from hoinghi.gates import administrator_required, council_manager_required, office_required, proposer_required
from tests import factories as f

APPS = (
    "hoinghi",
    "accounts",
    "jobs",
    "outbox",
    "reference",
    "nominations",
    "movements",
    "registry",
    "awards",
    "conference",
    "api",
)


def _view(request):
    return HttpResponse("opened")


def _answer(gate, user) -> object:
    request = RequestFactory().get("/some/page/")
    request.user = user
    try:
        response = gate(_view)(request)
    except PermissionDenied:
        return 403
    return response.content.decode() if response.status_code == 200 else (response.status_code, response["Location"])


@pytest.fixture
def people(db, staff_a, office_user, council_user):
    return {
        "anon": AnonymousUser(),
        "unit": staff_a,
        "office": office_user,
        "council": council_user,
        "secretary": f.UserFactory(username="thuky", roles=["council_secretary"]),
        "director": f.UserFactory(username="giamdoc", roles=["director"]),
        "administrator": f.UserFactory(username="quantri", roles=["administrator"]),
        "superuser": f.UserFactory(username="root", is_superuser=True),
    }


LOGIN = (302, "/accounts/login/?next=/some/page/")


@pytest.mark.parametrize(
    ("gate", "expected"),
    [
        (
            office_required,
            {"unit": 403, "office": "opened", "council": 403, "secretary": 403, "director": "opened"},
        ),
        (
            proposer_required,
            {"unit": "opened", "office": "opened", "council": 403, "secretary": 403, "director": "opened"},
        ),
        (
            council_manager_required,
            {"unit": 403, "office": "opened", "council": 403, "secretary": "opened", "director": "opened"},
        ),
        (
            administrator_required,
            {"unit": 403, "office": 403, "council": 403, "secretary": 403, "director": 403},
        ),
    ],
    ids=["office", "proposer", "council_manager", "administrator"],
)
def test_each_gate_sends_anonymous_visitors_to_login_and_refuses_other_roles(people, gate, expected):
    expected = {"anon": LOGIN, **expected, "administrator": "opened", "superuser": "opened"}

    assert {name: _answer(gate, user) for name, user in people.items()} == expected


def _view_modules() -> list[Path]:
    base = Path(settings.BASE_DIR)
    found = [base / app / "views.py" for app in APPS] + [p for app in APPS for p in (base / app / "views").glob("*.py")]
    return sorted(p for p in found if p.is_file()) + [base / "reference" / "change_log.py"]


def test_no_view_refuses_with_a_check_of_its_own():
    own_checks = {
        str(path.relative_to(settings.BASE_DIR)): len(re.findall(r"raise PermissionDenied\b", path.read_text()))
        for path in _view_modules()
    }

    assert len(own_checks) == 43  # every views module of every app (with its __init__) was read
    assert {name: n for name, n in own_checks.items() if n} == {}
