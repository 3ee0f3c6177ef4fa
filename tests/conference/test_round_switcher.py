"""The round switcher (docs/next-round.md): the Office reads a past round's lists, writes stay on the current one."""

from django.urls import reverse

from awards.models import Decision
from conference.services.next_round import NextRoundInput, start_next_round
from nominations.models import Nomination
from reference.models import Conference
from reference.selectors import VIEWED_ROUND
from tests import awards_fixtures as fixtures
from tests.awards_fixtures import vi
from tests.conference.next_round_support import MINH, finished_round

money_rules, signer = fixtures.money_rules, fixtures.signer
__all__ = ["finished_round", "money_rules", "signer"]


def _start_2026(office_user) -> Conference:
    return start_next_round(NextRoundInput(year=2026, name="Hội nghị năm 2026"), by=office_user).conference


def test_the_rounds_page_marks_the_current_and_the_viewed_round(finished_round, office_user, office_client):
    new = _start_2026(office_user)
    page = office_client.get(reverse("next_round"))
    assert page.context["viewed"] == new
    html = page.content.decode()
    assert vi("viewing") in html and vi("Read this round") in html
    old = finished_round.conference
    done = office_client.post(reverse("round_view"), {"round": str(old.pk)})
    assert (done.status_code, done["Location"]) == (302, reverse("next_round"))
    assert office_client.session[VIEWED_ROUND] == old.pk
    page = office_client.get(reverse("next_round"))
    assert page.context["viewed"] == old
    assert page.context["conference"] == new  # the next round still starts from the current one
    assert vi("Work on the current round") in page.content.decode()


def test_a_past_round_is_read_and_the_writes_stay_current(finished_round, office_user, office_client):
    old = finished_round.conference
    new = _start_2026(office_user)
    # The current round first: no nominations, no decisions, no banner.
    listed = office_client.get(reverse("nomination_list"))
    assert (listed.context["conference"], listed.context["page"].count) == (new, 0)
    assert 'data-testid="viewed-round"' not in listed.content.decode()

    office_client.post(reverse("round_view"), {"round": str(old.pk), "next": reverse("nomination_list")})
    listed = office_client.get(reverse("nomination_list"))
    assert listed.context["conference"] == old
    assert [n.nominee.full_name for n in listed.context["page"].object_list] == [MINH]
    html = listed.content.decode()
    assert 'data-testid="viewed-round"' in html
    assert vi("You are reading the round of %(year)s, which has ended: nothing can be changed here.", year=2025) in html

    decisions = office_client.get(reverse("decision_list"))
    assert [d.number_label for d in decisions.context["decisions"]] == ["01/QĐ-SKHCN"]
    detail = office_client.get(reverse("decision_detail", args=[finished_round.pk]))
    assert (detail.status_code, detail.context["decision"]) == (200, finished_round)
    reports = office_client.get(reverse("movement_report_list"))
    assert reports.context["conference"] == old

    # Writes go to the current round whatever is viewed: a decision of the past round is not issued again.
    refused = office_client.post(reverse("decision_issue", args=[finished_round.pk]), {})
    assert refused.status_code == 404
    assert Decision.objects.filter(conference=new).count() == 0
    assert Nomination.objects.filter(conference=new).count() == 0

    back = office_client.post(reverse("round_view"), {"round": "", "next": reverse("nomination_list")})
    assert (back.status_code, back["Location"]) == (302, reverse("nomination_list"))
    assert VIEWED_ROUND not in office_client.session
    assert office_client.get(reverse("nomination_list")).context["conference"] == new


def test_choosing_the_current_round_clears_the_choice(finished_round, office_user, office_client):
    new = _start_2026(office_user)
    office_client.post(reverse("round_view"), {"round": str(finished_round.conference_id)})
    office_client.post(reverse("round_view"), {"round": str(new.pk)})
    assert VIEWED_ROUND not in office_client.session


def test_an_outside_next_or_unknown_round(finished_round, office_user, office_client):
    _start_2026(office_user)
    outside = office_client.post(reverse("round_view"), {"round": "", "next": "https://example.com/"})
    assert outside["Location"] == reverse("next_round")
    assert office_client.post(reverse("round_view"), {"round": "999999"}).status_code == 404


def test_unit_staff_always_work_on_the_current_round(finished_round, office_user, client_a):
    new = _start_2026(office_user)
    assert client_a.post(reverse("round_view"), {"round": str(finished_round.conference_id)}).status_code == 403
    session = client_a.session
    session[VIEWED_ROUND] = finished_round.conference_id  # a stale choice, e.g. a role taken away
    session.save()
    assert client_a.get(reverse("nomination_list")).context["conference"] == new


def test_a_deleted_round_falls_back_to_the_current_one(finished_round, office_user, office_client):
    new = _start_2026(office_user)
    session = office_client.session
    session[VIEWED_ROUND] = 999999
    session.save()
    assert office_client.get(reverse("nomination_list")).context["conference"] == new
