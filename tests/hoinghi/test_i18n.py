"""The interface speaks Vietnamese by default, from a complete catalog (docs/i18n.md).

The catalog checks read the .po files, so they hold before compilemessages has run; the page
checks render through Django and so use the compiled .mo (built by `make setup`).
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

LOCALE = Path(settings.BASE_DIR) / "locale"
VI_PO = LOCALE / "vi" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"

# A printf-style conversion as Python's % operator reads it; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")


def placeholders(text: str) -> set[str]:
    return {p for p in PLACEHOLDER.findall(text) if p != "%%"}


@pytest.fixture(scope="module")
def vi_catalog() -> polib.POFile:
    return polib.pofile(str(VI_PO))


@pytest.fixture(scope="module")
def en_catalog() -> polib.POFile:
    return polib.pofile(str(EN_PO))


def live(catalog: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalog if not entry.obsolete]


def test_vi_header_declares_one_plural_form(vi_catalog):
    assert vi_catalog.metadata["Language"] == "vi"
    assert vi_catalog.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert not vi_catalog.metadata_is_fuzzy


def test_vi_catalog_is_complete(vi_catalog):
    entries = live(vi_catalog)
    assert entries, "the vi catalog is empty"
    untranslated = [entry.msgid for entry in vi_catalog.untranslated_entries()]
    assert untranslated == [], f"untranslated: {untranslated}"
    fuzzy = [entry.msgid for entry in vi_catalog.fuzzy_entries()]
    assert fuzzy == [], f"fuzzy (Django ignores them): {fuzzy}"
    for entry in entries:
        if entry.msgid_plural:
            assert set(entry.msgstr_plural) == {0}, f"one plural form only: {entry.msgid!r}"


def test_vi_translations_keep_the_placeholders(vi_catalog):
    wrong = []
    for entry in live(vi_catalog):
        if entry.msgid_plural:
            expected = placeholders(entry.msgid_plural) | placeholders(entry.msgid)
            translations = list(entry.msgstr_plural.values())
        else:
            expected = placeholders(entry.msgid)
            translations = [entry.msgstr]
        for text in translations:
            if placeholders(text) != expected:
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_en_catalog_has_the_same_msgids_and_no_translations(vi_catalog, en_catalog):
    assert {e.msgid for e in live(en_catalog)} == {e.msgid for e in live(vi_catalog)}
    filled = [e.msgid for e in live(en_catalog) if e.msgstr or any(e.msgstr_plural.values())]
    assert filled == [], "the English source strings are their own translation"


@pytest.mark.django_db
def test_login_page_is_vietnamese_by_default():
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<title>Đăng nhập · Hội nghị thi đua, khen thưởng</title>" in html
    assert '<button type="submit" class="btn btn-primary w-100">Đăng nhập</button>' in html
    assert "Log in" not in html


@pytest.mark.django_db
def test_language_cookie_switches_to_english():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<title>Log in · Commendation conference</title>" in html
    assert '<button type="submit" class="btn btn-primary w-100">Log in</button>' in html
    assert "Đăng nhập" not in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese():
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<title>Đăng nhập · Hội nghị thi đua, khen thưởng</title>" in html
