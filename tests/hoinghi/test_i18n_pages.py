"""Every page a person can open reads in Vietnamese: no English word left on it (issue 9, item 10).

The pages are found the permission matrix's way (``tests/permission_matrix_support.py``): every
URL of the URL configuration, filled with objects of the demo world, asked with a GET by each role
the table lets in (200), the admin's pages (index, every changelist, add, change, history and
delete page) included. Each HTML answer's visible text is searched for the English words of
``tests/visible_text.py``; a failure names the page, the role and the word in its sentence.
"""

import pytest
from django.db import transaction

from tests import permission_matrix_support as m
from tests import permission_matrix_table as table
from tests.visible_text import english_words, visible_text


@pytest.fixture(autouse=True)
def no_pdf_drawing(monkeypatch):
    """PDF answers are skipped anyway; WeasyPrint need not lay their pages out."""
    monkeypatch.setattr("hoinghi.pdf.render_html_to_pdf", lambda html, *, base_url=None: b"%PDF-1.4")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The permission matrix's world plus one row for the admin pages that would otherwise be empty."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = m.build_world()
            _third_party_rows()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _third_party_rows() -> None:
    """A lock-out, a failure log line and a finished task: their change pages are shown too."""
    from axes.models import AccessAttempt, AccessFailureLog

    AccessAttempt.objects.create(
        username="donvi-qlkh", ip_address="10.0.0.7", user_agent="Firefox", failures_since_start=3
    )
    AccessFailureLog.objects.create(username="donvi-qlkh", ip_address="10.0.0.7", user_agent="Firefox")


def _pages(world) -> list[tuple[str, str]]:
    """(URL, role) for every GET the table answers with 200 (unit B sees what unit A sees)."""
    pages = []
    for route in m.all_routes():
        expected = table.expected_for(route)
        if expected is None:
            continue
        url = table.url_for(route, world)
        for role in m.ROLES:
            if role != "unit_b" and expected.answers.get(role) == 200:
                pages.append((url, role))
    return pages


def _english_on(client, url: str) -> list[str] | None:
    """The English words on the page at ``url``; None when the answer is not an HTML page."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
        return None
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return None
    return english_words(response.content.decode())


@pytest.mark.django_db
def test_every_page_reads_in_vietnamese(world):
    clients = m.clients()
    found, walked = [], 0
    for url, role in _pages(world):
        with transaction.atomic():
            words = _english_on(clients[role], url)
            transaction.set_rollback(True)
        if words is None:
            continue
        walked += 1
        found.extend(f"{url} as {role}: {word}" for word in words)
    assert walked > 150, f"only {walked} HTML pages were read"
    assert found == [], f"{len(found)} English words:\n" + "\n".join(found[:300])


def test_the_reader_sees_text_and_attributes_but_not_scripts():
    html = (
        "<html><head><title>Trang</title><style>.x{}</style></head><body><script>var Save = 1;</script>"
        '<input type="search" placeholder="Search"><a title="Home" aria-label="Log out">Đăng xuất</a>'
        '<input type="submit" value="Go"><input type="hidden" value="Delete"><p>Show  counts</p></body></html>'
    )
    assert visible_text(html) == ["Trang", "Search", "Home", "Log out", "Đăng xuất", "Go", "Show counts"]
    assert english_words(html) == [
        "'Search' in «Search»",
        "'Home' in «Home»",
        "'Log out' in «Log out»",
        "'Go' in «Go»",
        "'Show counts' in «Show counts»",
    ]


def test_vietnamese_words_holding_the_letters_of_english_ones_pass():
    assert english_words("<p>Gõ tên, Nhà, Lưu, Tất cả, Không, Có</p>") == []
