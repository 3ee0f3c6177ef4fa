"""The next round's pages: the start form, the review list, the statistics, the public page by year."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Signer
from awards.services.decisions import draft_decision, issue_decision
from awards.services.publishing import set_published
from conference.services.next_round import NextRoundInput, start_next_round
from nominations.enums import MatchStatus
from nominations.models import NomineeMatch
from reference.models import Conference
from tests import awards_fixtures as fixtures
from tests.awards_fixtures import vi
from tests.concurrency import at_once, postgresql_only, race
from tests.conference.next_round_support import MINH, finished_round, nominate

money_rules, signer = fixtures.money_rules, fixtures.signer
__all__ = ["finished_round", "money_rules", "signer"]
D = datetime.date
FORM = {"year": "2026", "name": "Hội nghị năm 2026", "date": "27/12/2026", "confirm": "on"}


def test_the_office_starts_the_round_from_the_page(finished_round, office_client):
    page = office_client.get(reverse("next_round"))
    assert page.status_code == 200
    assert page.context["form"].initial == {"year": 2026, "name": "Hội nghị tổng kết phong trào thi đua năm 2026"}
    assert [m.name for m in page.context["preview"]["movements"]] == ["Thi đua 2025–2030", "Thi đua thường xuyên"]
    assert page.context["preview"]["awards"] == 1
    done = office_client.post(reverse("next_round"), FORM)
    assert done.status_code == 302
    assert Conference.objects.current().name == "Hội nghị năm 2026"
    again = office_client.post(reverse("next_round"), FORM)
    assert again.status_code == 400
    assert again.context["form"].non_field_errors() == [
        vi("The round of %(year)s has already been started.", year=2026)
    ]
    assert Conference.objects.count() == 2


def test_without_confirmation_nothing_starts(finished_round, office_client):
    refused = office_client.post(reverse("next_round"), {**FORM, "confirm": ""})
    assert refused.status_code == 400
    assert Conference.objects.count() == 1


@pytest.mark.parametrize("name", ["next_round", "round_matches", "round_statistics"])
def test_unit_staff_get_403(finished_round, client_a, name):
    assert client_a.get(reverse(name)).status_code == 403


def test_the_review_list_and_a_decision(finished_round, unit_a, unit_b, giay_khen, office_user, office_client):
    new = start_next_round(NextRoundInput(year=2026, name="Hội nghị năm 2026"), by=office_user).conference
    nominate(new, unit_b, giay_khen, office_user)  # same person, another unit: to review
    match = NomineeMatch.objects.get()
    page = office_client.get(reverse("round_matches"))
    assert [row.pk for row in page.context["rows"]] == [match.pk]
    office_client.post(reverse("round_match_decide", args=[match.pk]), {"same": "1"})
    match.refresh_from_db()
    assert (match.status, match.decided_by) == (MatchStatus.CONFIRMED, office_user)
    # A match of an earlier round is not on this round's list: 404.
    assert office_client.post(reverse("round_match_decide", args=[match.pk + 1000]), {"same": "1"}).status_code == 404


def test_statistics_across_years_in_constant_queries(finished_round, unit_a, giay_khen, office_user, office_client):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            page = office_client.get(reverse("round_statistics"))
        return len(queries), page

    one_year, page = count_queries()
    assert [(r.year, r.award_form, r.unit, r.count) for r in page.context["counts"]] == [
        (2025, "Giấy khen của Giám đốc Sở", unit_a.name, 1)
    ]
    new = start_next_round(NextRoundInput(year=2026, name="Hội nghị năm 2026"), by=office_user).conference
    fixtures.approved(new, giay_khen, "Lê Thị Mới", unit_a)
    again = nominate(new, unit_a, giay_khen, office_user)
    again.status = "approved"
    again.save()
    issue_decision(
        draft_decision(new, giay_khen, by=office_user),
        date=D(2026, 12, 20), signer=Signer.objects.get(), by=office_user,
    )  # fmt: skip
    two_years, page = count_queries()
    assert two_years == one_year
    assert page.context["totals"] == [(2026, 2), (2025, 1)]
    minh = [p for p in page.context["people"] if p.name == MINH]
    assert [(p.years, [a[2] for a in p.awards]) for p in minh] == [([2025, 2026], ["01/QĐ-SKHCN", "01/QĐ-SKHCN"])]


def test_the_public_page_by_year(finished_round, conference, office_user, anon_client, monkeypatch):
    monkeypatch.setattr("hoinghi.pdf.render_html_to_pdf", lambda html, *, base_url=None: b"%PDF-1.4")
    page = anon_client.get(reverse("conference_honour_roll_year", args=[2025]))
    assert [r["name"] for r in page.context["rows"]] == [f"Ông {MINH}"]
    assert list(page.context["documents"]) == []
    pdf = reverse("published_document_pdf", args=[finished_round.pk])
    assert anon_client.get(pdf).status_code == 404
    set_published(finished_round, published=True, by=office_user)
    assert list(anon_client.get(reverse("conference_honour_roll_year", args=[2025])).context["documents"]) == [
        finished_round
    ]
    assert anon_client.get(pdf).status_code == 200
    assert anon_client.get(reverse("conference_honour_roll_year", args=[1999])).status_code == 404
    start_next_round(NextRoundInput(year=2026, name="Hội nghị năm 2026"), by=office_user)
    current = anon_client.get(reverse("conference_honour_roll"))
    assert (current.context["conference"].year, current.context["rows"]) == (2026, [])
    assert list(current.context["years"]) == [2026, 2025]


@postgresql_only
@race
def test_pressed_twice_at_once_starts_one_round(migrated_rows, finished_round, office_user):
    call = lambda: start_next_round(NextRoundInput(year=2026, name="Hội nghị năm 2026"), by=office_user)  # noqa: E731
    results = at_once(call, call, expected=(ValidationError,))
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["ok", "refused"], results
    refused = [value for kind, value in results if kind == "refused"][0]
    assert refused == [vi("The round of %(year)s has already been started.", year=2026)]
    assert list(Conference.objects.order_by("year").values_list("year", "is_current")) == [(2025, False), (2026, True)]
