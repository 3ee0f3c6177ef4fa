"""Nothing lost: optimistic locking, soft delete, decisions never deleted, history read-only and scoped."""

import io

import pytest
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from awards.models import Decision, DecisionEntry, LegalBasis
from nominations import services
from nominations.enums import NominationStatus
from nominations.models import Nomination, Nominee
from nominations.services import delete_nomination
from reference.models import Movement
from tests import awards_fixtures as fixtures
from tests import factories as f
from tests.awards_fixtures import D
from tests.nominations.test_views import individual_post

money_rules = fixtures.money_rules
signer = fixtures.signer
awardees = fixtures.awardees
issued = fixtures.issued

QUERIES_HISTORY_PAGE = 17  # session, the user with the roles, unit, the nomination; per model: rows and related names
QUERIES_CHANGE_LOG = 3  # session, the user with the roles, one per model searched
STALE = (
    "This dossier was changed by someone else after you opened it, so your changes were not saved. "
    "Reload the page to see the current version, then make your changes again."
)


def vi(message: str) -> str:
    with translation.override("vi"):
        return translation.gettext(message)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_post(nomination, movement, unit, **overrides):
    data = individual_post(movement, unit, nomination.award_form, gender="female", **overrides)
    data["history-TOTAL_FORMS"] = "0"
    return data


# --- optimistic locking -----------------------------------------------------------------------


def test_second_of_two_simultaneous_edits_is_refused_and_the_first_is_kept(
    client_a, office_client, nomination_a, unit_a, movement
):
    url = reverse("nomination_edit", args=[nomination_a.public_id])
    first_page = client_a.get(url)
    second_page = office_client.get(url)
    version = first_page.context["form"]["version"].value()
    assert (version, second_page.context["form"]["version"].value()) == (1, 1)
    assert 'name="version" value="1"' in first_page.content.decode()

    first = client_a.post(url, edit_post(nomination_a, movement, unit_a, full_name="Người Sửa Trước", version="1"))
    second = office_client.post(url, edit_post(nomination_a, movement, unit_a, full_name="Người Sửa Sau", version="1"))

    nomination_a.refresh_from_db()
    assert first.status_code == 302
    assert second.status_code == 200
    assert second.context["form"].non_field_errors() == [vi(STALE)]
    assert vi(STALE) in second.content.decode()
    assert second.context["form"]["full_name"].value() == "Người Sửa Sau"  # the user's input is kept
    assert (nomination_a.nominee.full_name, nomination_a.version) == ("Người Sửa Trước", 2)


def test_a_transition_makes_an_open_edit_page_stale(office_client, nomination_a, unit_a, movement, office_user):
    Nomination.objects.filter(pk=nomination_a.pk).update(status=NominationStatus.SUBMITTED)
    url = reverse("nomination_edit", args=[nomination_a.public_id])
    page = office_client.get(url)
    assert page.context["form"]["version"].value() == 1
    services.transition(nomination_a, NominationStatus.RETURNED, by=office_user, note="Bổ sung báo cáo.")
    response = office_client.post(url, edit_post(nomination_a, movement, unit_a, full_name="Sửa Muộn", version="1"))
    assert response.context["form"].non_field_errors() == [vi(STALE)]
    nomination_a.refresh_from_db()
    assert (nomination_a.nominee.full_name, nomination_a.status, nomination_a.version) == (
        "Nguyễn Thị Hường",
        NominationStatus.RETURNED,
        2,
    )


def test_each_save_adds_one_to_the_version(client_a, nomination_a, unit_a, movement):
    url = reverse("nomination_edit", args=[nomination_a.public_id])
    client_a.post(url, edit_post(nomination_a, movement, unit_a, version="1"))
    client_a.post(url, edit_post(nomination_a, movement, unit_a, version="2", full_name="Lần Thứ Hai"))
    nomination_a.refresh_from_db()
    assert (nomination_a.version, nomination_a.nominee.full_name) == (3, "Lần Thứ Hai")
    assert list(nomination_a.history.order_by("history_id").values_list("version", flat=True)) == [1, 2, 3]


# --- soft delete --------------------------------------------------------------------------------


def test_a_draft_nobody_points_to_is_really_deleted(nomination_a, office_user):
    nominee_id = nomination_a.nominee_id
    assert delete_nomination(nomination_a, by=office_user) is False
    assert Nomination.objects.filter(pk=nomination_a.pk).exists() is False
    assert Nominee.objects.filter(pk=nominee_id).exists() is False
    # The history rows stay: the record of who made and deleted it.
    assert list(Nomination.history.filter(id=nomination_a.pk).values_list("history_type", flat=True)) == ["-", "+"]


def test_a_nomination_on_a_decision_is_only_marked_deleted_and_leaves_the_lists(
    issued, office_user, office_client, awardees
):
    nomination = awardees[0]
    assert delete_nomination(nomination, by=office_user) is True
    kept = Nomination.objects.get(pk=nomination.pk)
    assert (kept.deleted_by, kept.deleted_at is not None, kept.version) == (office_user, True, 3)
    assert Nomination.objects.alive().filter(pk=nomination.pk).exists() is False
    assert office_client.get(reverse("nomination_detail", args=[nomination.public_id])).status_code == 404
    listed = office_client.get(reverse("nomination_list")).context["page"].object_list
    assert nomination.pk not in [n.pk for n in listed]
    assert len(listed) == 4
    entry = DecisionEntry.objects.get(decision=issued, nomination_id=nomination.pk)
    assert entry.nomination == kept  # the decision's list still points at it


def test_only_the_office_deletes(nomination_a, staff_a):
    with pytest.raises(Exception) as refused:
        delete_nomination(nomination_a, by=staff_a)
    assert refused.type.__name__ == "PermissionDenied"
    assert Nomination.objects.filter(pk=nomination_a.pk).exists() is True


def test_admin_delete_of_a_decided_nomination_is_a_soft_delete(issued, awardees, super_client):
    nomination = awardees[1]
    url = reverse("admin:nominations_nomination_delete", args=[nomination.pk])
    response = super_client.post(url, {"post": "yes"}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    with translation.override("vi"):
        expected = translation.gettext(
            "“%(nomination)s” has been before the council or on a decision, so it is kept and marked deleted."
        ) % {"nomination": nomination}
    assert expected in shown
    assert Nomination.objects.get(pk=nomination.pk).deleted_at is not None
    assert DecisionEntry.objects.filter(nomination_id=nomination.pk).count() == 1


def test_admin_delete_of_a_draft_removes_it(nomination_a, super_client):
    url = reverse("admin:nominations_nomination_delete", args=[nomination_a.pk])
    response = super_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert Nomination.objects.filter(pk=nomination_a.pk).count() == 0


# --- decisions are never deleted ----------------------------------------------------------------


def test_a_decision_and_its_list_are_never_deleted(issued):
    entries = issued.entries.count()
    for attempt in (issued.delete, Decision.objects.filter(pk=issued.pk).delete, issued.entries.first().delete):
        with pytest.raises(ProtectedError) as refused:
            attempt()
        assert str(refused.value.args[0]) == vi(
            "A decision or proposal and its list are never deleted; replace it with a correction instead."
        )
    with pytest.raises(ProtectedError):
        DecisionEntry.objects.filter(decision=issued).delete()
    assert (Decision.objects.filter(pk=issued.pk).count(), issued.entries.count()) == (1, entries)


def test_admin_offers_no_delete_for_a_draft_decision(conference, giay_khen, awardees, office_user, super_client):
    from awards.services.decisions import draft_decision

    draft = draft_decision(conference, giay_khen, by=office_user)
    url = reverse("admin:awards_decision_delete", args=[draft.pk])
    assert super_client.post(url, {"post": "yes"}).status_code == 403
    assert Decision.objects.filter(pk=draft.pk).count() == 1


# --- history ------------------------------------------------------------------------------------


@pytest.fixture
def super_client(db):
    user = f.UserFactory(username="quantri", is_superuser=True, is_staff=True)
    return client_for(user)


def test_history_revert_post_is_refused_everywhere(super_client, db):
    basis = f.LegalBasisFactory(text="Căn cứ Luật Thi đua, khen thưởng năm 2022;", effective_from=D(2024, 1, 1))
    old = basis.history.get()
    basis.text = "Căn cứ đã sửa;"
    basis.save()
    url = reverse("admin:awards_legalbasis_simple_history", args=[basis.pk, old.history_id])
    page = super_client.get(url)
    assert page.status_code == 200
    assert "_revert" not in page.content.decode() and 'name="_save"' not in page.content.decode()
    response = super_client.post(url, {"text": "Căn cứ Luật Thi đua, khen thưởng năm 2022;", "order": 0})
    assert response.status_code == 403
    assert LegalBasis.objects.get(pk=basis.pk).text == "Căn cứ đã sửa;"


def test_nomination_history_page_shows_who_changed_what(client_a, nomination_a, unit_a, movement, testid_texts):
    url = reverse("nomination_edit", args=[nomination_a.public_id])
    client_a.post(url, edit_post(nomination_a, movement, unit_a, full_name="Nguyễn Thị Hương", version="1"))
    response = client_a.get(reverse("nomination_history", args=[nomination_a.public_id]))
    changes = testid_texts(response, "history-change")
    assert f"{vi('full name / collective name')}: Nguyễn Thị Hường → Nguyễn Thị Hương" in changes
    assert f"{vi('version')}: 1 → 2" not in changes
    assert (
        len(testid_texts(response, "history-row")) == 4
    )  # nominee created and changed, nomination created and changed


@pytest.mark.parametrize(
    ("persona", "status"), [("office_client", 200), ("client_a", 200), ("client_b", 404), ("council_client", 404)]
)
def test_nomination_history_is_scoped_like_the_nomination(request, nomination_a, persona, status):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("nomination_history", args=[nomination_a.public_id])).status_code == status


def test_decision_history_lists_the_decision_and_its_entries(issued, office_client, client_a, testid_texts):
    response = office_client.get(reverse("decision_history", args=[issued.pk]))
    rows = testid_texts(response, "history-row")
    # decision: created + issued; 5 entries: created + numbered at issue.
    assert len(rows) == 2 + 5 * 2
    assert client_a.get(reverse("decision_history", args=[issued.pk])).status_code in (403, 404)
    detail = office_client.get(reverse("decision_detail", args=[issued.pk]))
    assert reverse("decision_history", args=[issued.pk]) in detail.content.decode()


def test_movements_are_tracked(conference):
    movement = f.MovementFactory(conference=conference, name="Phong trào A")
    movement.name = "Phong trào B"
    movement.save()
    assert list(Movement.history.filter(id=movement.pk).values_list("name", flat=True)) == [
        "Phong trào B",
        "Phong trào A",
    ]


# --- the administrator's change log -------------------------------------------------------------


def test_change_log_lists_and_searches_every_tracked_model(super_client, nomination_a, conference, office_user):
    office_user.last_name, office_user.first_name = "Nguyễn Thị", "Thu Hà"
    office_user.save()
    services.transition(nomination_a, NominationStatus.WITHDRAWN, by=office_user)
    f.MovementFactory(conference=conference, name="Phong trào C")
    url = reverse("admin_change_log")
    everything = super_client.get(url)
    assert everything.status_code == 200
    rows = everything.context["rows"]
    assert {row["model"] for row in rows} >= {
        str(Nomination._meta.verbose_name).capitalize(),
        str(Movement._meta.verbose_name).capitalize(),
    }
    found = super_client.get(url, {"user": "vanphong", "model": "nominations.nomination"}).context["rows"]
    # The person and the status labels are shown; the stored reason is what the search matches.
    assert [(row["object_id"], row["who"], row["reason_label"], row["reason"]) for row in found] == [
        (nomination_a.pk, "Nguyễn Thị Thu Hà", "Nháp → Đã rút", "draft → withdrawn")
    ]
    assert found[0]["url"] == reverse("admin:nominations_nomination_history", args=[nomination_a.pk])
    assert super_client.get(url, {"text": "withdrawn", "date_from": "2000-01-01"}).context["rows"] == found


@pytest.mark.parametrize("persona", ["office_client", "client_a", "council_client"])
def test_change_log_is_for_administrators_only(db, request, persona):
    response = request.getfixturevalue(persona).get(reverse("admin_change_log"))
    assert response.status_code in (302, 403)
    assert "rows" not in (response.context or {})


@pytest.mark.parametrize("edits", [1, 3])
def test_nomination_history_queries_do_not_grow_with_the_edits(
    client_a, nomination_a, unit_a, movement, django_assert_num_queries, edits
):
    url = reverse("nomination_edit", args=[nomination_a.public_id])
    for version, name in enumerate(["Trần Thị Một", "Trần Thị Hai", "Trần Thị Ba"][:edits], start=1):
        response = client_a.post(url, edit_post(nomination_a, movement, unit_a, full_name=name, version=version))
        assert response.status_code == 302
    with django_assert_num_queries(QUERIES_HISTORY_PAGE):
        response = client_a.get(reverse("nomination_history", args=[nomination_a.public_id]))
    assert len(response.context["rows"]) == 2 + 2 * edits


@pytest.mark.parametrize("rows", [1, 3])
def test_change_log_queries_do_not_grow_with_the_rows(super_client, conference, django_assert_num_queries, rows):
    for number in range(rows):
        f.MovementFactory(conference=conference, name=f"Phong trào {number}")
    with django_assert_num_queries(QUERIES_CHANGE_LOG):
        response = super_client.get(reverse("admin_change_log"), {"model": "reference.movement"})
    assert len(response.context["rows"]) == rows


# --- delegates: the same optimistic locking -----------------------------------------------------


def test_second_of_two_delegate_edits_is_refused(conference, office_user, office_client):
    from conference.models import Delegate, DelegateGroup
    from conference.services.delegates import add_delegate
    from conference.services.invitations import set_rsvp

    group = DelegateGroup.objects.create(conference=conference, code="lanh-dao", name="Lãnh đạo", target=3)
    delegate = add_delegate(conference, {"group": group, "full_name": "Nguyễn Thị Hoa"}, by=office_user)
    url = reverse("delegate_edit", args=[delegate.pk])
    page = office_client.get(url)
    assert page.context["form"]["version"].value() == 1
    data = {"group": group.pk, "gender": "female", "full_name": "Nguyễn Thị Hoa", "rsvp": "invited", "version": 1}
    first = office_client.post(url, {**data, "position": "Phó Chủ tịch"})
    second = office_client.post(url, {**data, "position": "Chủ tịch"})
    assert first.status_code == 302
    message = (
        "This delegate was changed by someone else after you opened the page, so your changes were not saved. "
        "Reload the page to see the current version, then make your changes again."
    )
    assert second.context["form"].non_field_errors() == [vi(message)]
    delegate = Delegate.objects.get(pk=delegate.pk)
    assert (delegate.position, delegate.version) == ("Phó Chủ tịch", 2)
    set_rsvp(delegate, "confirmed")  # the reply page also makes an open edit page stale
    assert Delegate.objects.get(pk=delegate.pk).version == 3


# --- deleted rows stay visible to the code that asks for them (issue 10) ---------------------------


def test_a_soft_deleted_nomination_is_found_by_the_manager_and_left_out_where_it_was_before(
    office_user, office_client, conference, unit_a, unit_b, giay_khen, movement
):
    """``Nomination.objects`` hides nothing; every list, count, export, duplicate check and choice says ``.alive()``."""
    from awards.services.ballots import accepted_nominations
    from awards.services.decisions import awaiting_decision
    from conference.services.agenda import exemplar_nominations
    from conference.services.report import report_figures
    from nominations import imports, selectors

    def nomination(name, unit, status):
        nominee = f.NomineeFactory(full_name=name, birth_year=1980, unit=unit)
        return f.NominationFactory(
            conference=conference, nominee=nominee, proposing_unit=unit, award_form=giay_khen, status=status
        )

    deleted = nomination("Trần Văn Xóa", unit_b, NominationStatus.ACCEPTED)
    kept = nomination("Lê Thị Còn", unit_a, NominationStatus.ACCEPTED)
    approved_deleted = nomination("Phạm Văn Duyệt", unit_b, NominationStatus.APPROVED)
    Nomination.objects.filter(pk__in=[deleted.pk, approved_deleted.pk]).update(deleted_at=timezone.now())
    same_person = nomination("Trần Văn Xóa", unit_b, NominationStatus.DRAFT)

    assert Nomination.objects.filter(pk=deleted.pk).exists() is True
    assert Nomination.objects.count() == 4 and Nomination.objects.alive().count() == 2
    # Lists, the dashboard's counts and the Excel export.
    listed = office_client.get(reverse("nomination_list")).context["page"].object_list
    assert sorted(n.nominee.full_name for n in listed) == ["Lê Thị Còn", "Trần Văn Xóa"]
    assert office_client.get(reverse("dashboard")).context["total"] == 2
    sheet = load_workbook(io.BytesIO(office_client.get(reverse("nomination_export")).content)).worksheets[0]
    cells = [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value]
    names = [cell for cell in cells if cell.endswith(("Trần Văn Xóa", "Lê Thị Còn", "Phạm Văn Duyệt"))]
    assert sorted(name.split(" ", 1)[-1] for name in names) == ["Lê Thị Còn", "Trần Văn Xóa"]
    # Duplicate warnings: the deleted dossier of the same person is no duplicate.
    assert list(selectors.duplicates_of(same_person)) == []
    assert selectors.mark_duplicates([same_person])[0].has_duplicate is False
    assert imports._existing_units(conference, [same_person.nominee.identity_key]) == {
        same_person.nominee.identity_key: {unit_b.name}
    }
    # The council's candidates, the decisions' candidates, the talks, the report.
    assert list(accepted_nominations(conference.pk, giay_khen, "individual")) == [kept]
    assert list(awaiting_decision(conference)) == []
    assert list(exemplar_nominations(conference)) == []
    assert report_figures(conference).nominations_total == 2
