"""The permission matrix: every URL of the URL configuration, asked by every role.

The URLs come from walking ``get_resolver()`` (the admin's from ``admin.site._registry`` as
well), never from a hand-made list; the answers each role should get are the declarative
table of ``tests/permission_matrix_table.py``. A URL without an entry fails the build with
its name. One demo world (``seed_demo`` plus a draft with a file in units A and B) serves
the whole module; each test runs in a savepoint inside it.
"""

import os
import time

import pytest
from django.db import transaction

from tests import permission_matrix_support as m
from tests import permission_matrix_table as table

DENIED = {403, 404, 405, m.LOGIN, m.ADMIN_LOGIN}  # 405: a refused method refuses too
LOGS_OUT = {"logout", "admin:logout"}  # a POST there ends the role's session for the rest of the walk


def _blank_pdf() -> bytes:
    """One blank A4 page: a real PDF, for the code that merges or counts pages after rendering."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


STUB_PDF = _blank_pdf()


@pytest.fixture(autouse=True)
def no_pdf_drawing(monkeypatch):
    """Templates still render (a broken context fails), but WeasyPrint does not lay out pages.

    The matrix is about who gets which answer; the documents' own tests check what they draw.
    """
    monkeypatch.setattr("hoinghi.pdf.render_html_to_pdf", lambda html, *, base_url=None: STUB_PDF)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world is built once, inside a transaction rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield m.build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _unclassified() -> list[str]:
    missing = []
    for route in m.all_routes():
        if table.expected_for(route) is None:
            missing.append(f"{route.key}  ({route.route})")
        elif not m.parameters(route.route) <= table.PARAMETERS_KNOWN and route.name not in table.URL_ARGS:
            missing.append(f"{route.key}: no URL_ARGS for {sorted(m.parameters(route.route))}")
    return missing


def test_every_url_is_classified():
    """A URL added anywhere without a row in the table fails here, named."""
    assert _unclassified() == []


def _matrix(world, clients, method: str) -> list[str]:
    """Ask every URL as every role; return the lines that differ from the table."""
    wrong = []
    discovered = []
    for route in m.all_routes():
        expected = table.expected_for(route)
        if expected is None:
            wrong.append(f"{route.key}: not in the table")
            continue
        try:
            url = table.url_for(route, world)
        except KeyError as missing:
            wrong.append(f"{route.key}: no value for {missing} (add it to URL_ARGS)")
            continue
        answers = {}
        started = time.perf_counter()
        before = m.row_counts() if method == "post" else None
        for role in m.ROLES:
            want = (expected.answers if method == "get" else expected.post).get(role)
            if method == "post" and route.key in LOGS_OUT:
                continue
            if method == "post" and want not in DENIED and not os.environ.get("PERMS_DISCOVER"):
                continue  # only refusals are posted: an allowed POST would change the world
            with transaction.atomic():  # a savepoint: even a wrongly allowed POST is undone afterwards
                response = getattr(clients[role], method)(url)
                changed = method == "post" and want in DENIED and m.row_counts() != before
                transaction.set_rollback(True)
            if response.streaming:  # reading to the end closes the file the way the test client means to
                b"".join(response.streaming_content)
            got = m.answer(response, url)
            answers[role] = got
            if got != want:
                wrong.append(f"{method.upper()} {url} [{route.key}] as {role}: expected {want}, got {got}")
            if changed:
                wrong.append(f"POST {url} [{route.key}] as {role} changed rows")
        discovered.append(f"    {route.key!r}: {answers},  # {time.perf_counter() - started:.2f}s")
    if os.environ.get("PERMS_DISCOVER"):  # by hand: write what each role got, to review and copy
        with open(f"{os.environ['PERMS_DISCOVER']}.{method}", "a", encoding="utf-8") as out:
            out.write("\n".join(discovered) + "\n")
    return wrong


@pytest.mark.django_db
def test_get_matrix(world):
    """GET as each role: 200, 403, 404, 405 or the (admin) login redirect, exactly as the table says."""
    assert _matrix(world, m.clients(), "get") == []


@pytest.mark.django_db
def test_denied_post_changes_nothing(world):
    """A POST by a role without rights is refused (403/404/login) and leaves every table as it was."""
    assert _matrix(world, m.clients(), "post") == []


def test_every_api_route_is_in_the_api_table():
    api_routes = {route.key for route in m.all_routes() if route.route.startswith("api/")}

    assert api_routes == set(table.API)


@pytest.mark.django_db
def test_api_matrix(world):
    """Every API route, every method, with each role's token: exactly the answers of ``table.API``."""
    clients = m.api_clients()
    wrong = []
    for route in m.all_routes():
        if route.key not in table.API:
            continue
        url = table.url_for(route, world)
        for method in table.API_METHODS:
            for role in m.ROLES:
                with transaction.atomic():
                    got = getattr(clients[role], method)(url).status_code
                    transaction.set_rollback(True)
                want = table.api_expected(route.key, method, role)
                if got != want:
                    wrong.append(f"{method.upper()} {url} [{route.key}] as {role}: expected {want}, got {got}")
    assert wrong == []
