"""The Django admin: constant queries on every changelist, the same scoping as the web pages,
the folded search, and the one workflow action (through services.transition)."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import capfirst

from hoinghi.roles import Role
from hoinghi.templatetags.hoinghi_tags import person_name
from nominations import services
from nominations.enums import AttachmentKind, NominationStatus
from nominations.models import Attachment, CommendationRecord, Nomination
from tests import factories as f
from tests.nominations_support import moves

S = NominationStatus


@pytest.fixture
def superuser(db):
    return f.UserFactory(username="quantri", is_superuser=True, is_staff=True)


@pytest.fixture
def super_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def _vi(message: str, **params) -> str:
    """A message as the admin renders it for the default language (vi)."""
    with translation.override("vi"):
        return translation.gettext(message) % params


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def _names(response) -> set[str]:
    return {n.nominee.full_name for n in response.context["cl"].result_list}


# --- one maker per changelist: n rows, each with its own related objects, so an N+1 shows -------


def _conference():
    return f.ConferenceFactory(is_current=False)


def _nomination(**kwargs):
    kwargs.setdefault("conference", _conference())
    kwargs.setdefault("proposing_unit", f.UnitFactory())
    kwargs.setdefault("nominee", f.NomineeFactory(unit=kwargs["proposing_unit"]))
    kwargs.setdefault("movements", [f.MovementFactory(conference=kwargs["conference"])])
    return f.NominationFactory(**kwargs)


def _attachment(i):
    return Attachment.objects.create(
        nomination=_nomination(),
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
        file=f"attachments/00/{i:032x}.pdf",
        original_name=f"bao-cao-{i}.pdf",
        extension=".pdf",
        content_type="application/pdf",
        size=1024,
        uploaded_by=f.UserFactory(),
    )


MAKERS = {
    "reference_organisation": lambda i: f.OrganisationFactory(),
    "reference_unit": lambda i: f.UnitFactory(),
    "reference_conference": lambda i: _conference(),
    "reference_movement": lambda i: f.MovementFactory(conference=_conference()),
    "reference_awardform": lambda i: f.AwardFormFactory(code=f"hinh-thuc-{i}"),
    "reference_quota": lambda i: f.QuotaFactory(
        conference=_conference(), award_form=f.AwardFormFactory(code=f"hinh-thuc-{i}")
    ),
    "reference_staffprofile": lambda i: f.make_unit_staff(f.UnitFactory(), f"donvi{i}"),
    "auth_user": lambda i: f.make_unit_staff(f.UnitFactory(), f"donvi{i}"),
    "auth_group": lambda i: Group.objects.create(name=f"nhom-{i}"),
    "nominations_nominee": lambda i: f.NomineeFactory(unit=f.UnitFactory()),
    "nominations_nomination": lambda i: _nomination(),
    "nominations_commendationrecord": lambda i: CommendationRecord.objects.create(
        nominee=f.NomineeFactory(unit=f.UnitFactory()), year=2020 + i, title="Chiến sĩ thi đua cơ sở"
    ),
    "nominations_attachment": _attachment,
}
# Rows already there besides the n made: the superuser, and the six role groups (migration 0002).
EXISTING_ROWS = {"auth_user": 1, "auth_group": 6}
# Session, user, the role groups (context processor), two counts, the rows, then per page:
# the list filters' choices, Nomination's prefetched movements, User's prefetched groups.
# Nomination, Nominee and CommendationRecord make one count only (LargeTableMixin), and the
# history's year filter has fixed choices (RecentYearFilter): docs/performance.md.
QUERIES = {
    "reference_organisation": 5,
    "reference_unit": 5,
    "reference_conference": 6,
    "reference_movement": 6,
    "reference_awardform": 5,
    "reference_quota": 7,
    "reference_staffprofile": 6,
    "auth_user": 7,
    "auth_group": 5,
    "nominations_nominee": 4,
    "nominations_nomination": 8,
    "nominations_commendationrecord": 4,
    "nominations_attachment": 5,
}


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("changelist", sorted(MAKERS))
def test_changelist_queries_are_constant(changelist, rows, super_client, django_assert_num_queries):
    for i in range(rows):
        MAKERS[changelist](i)
    url = reverse(f"admin:{changelist}_changelist")
    with django_assert_num_queries(QUERIES[changelist]):
        response = super_client.get(url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows + EXISTING_ROWS.get(changelist, 0)


# --- scoping: the same selectors as the web pages --------------------------------------------

NOMINATIONS_URL = "/admin/nominations/nomination/"


@pytest.fixture
def accepted(conference, unit_b, bang_khen, movement, staff_b):
    nominee = f.NomineeFactory(full_name="Trần Minh Khoa", unit=unit_b)
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit_b,
        award_form=bang_khen,
        created_by=staff_b,
        movements=[movement],
        status=S.ACCEPTED,
    )


@pytest.fixture
def submitted(conference, unit_a, giay_khen, movement, staff_a):
    nominee = f.NomineeFactory(full_name="Lê Thu Trang", gender="female", unit=unit_a)
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit_a,
        award_form=giay_khen,
        created_by=staff_a,
        movements=[movement],
        status=S.SUBMITTED,
    )


@pytest.fixture
def dossiers(nomination_a, nomination_b, accepted, submitted):
    return [nomination_a, nomination_b, accepted, submitted]


def test_council_member_lists_only_accepted_nominations(council_client, dossiers):
    response = council_client.get(NOMINATIONS_URL)
    assert response.status_code == 200
    assert _names(response) == {"Trần Minh Khoa"}
    assert response.context["cl"].result_count == 1


def test_council_member_sees_accepted_dossier_but_draft_is_missing(council_client, dossiers, nomination_a, accepted):
    response = council_client.get(f"{NOMINATIONS_URL}{accepted.pk}/change/")
    assert response.status_code == 200
    assert response.context["original"] == accepted
    assert response.context["has_change_permission"] is False

    response = council_client.get(f"{NOMINATIONS_URL}{nomination_a.pk}/change/")
    # Django 5.2 answers an object outside the queryset with a redirect to the admin index and
    # a warning (the same as for an id that does not exist), never with the object.
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    missing = _vi(
        "%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?",
        name=Nomination._meta.verbose_name,
        key=str(nomination_a.pk),
    )
    assert _messages(response) == [("warning", missing)]


def test_council_member_cannot_read_a_draft_through_its_history(council_client, dossiers, nomination_a, accepted):
    # django-simple-history would fall back to the historical rows; the admin does not.
    response = council_client.get(f"{NOMINATIONS_URL}{nomination_a.pk}/history/")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    history_id = nomination_a.history.latest().history_id
    response = council_client.get(f"{NOMINATIONS_URL}{nomination_a.pk}/history/{history_id}/")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")

    response = council_client.get(f"{NOMINATIONS_URL}{accepted.pk}/history/")
    assert response.status_code == 200
    assert response.context["object"] == accepted


def test_council_member_sees_only_accepted_dossiers_in_other_lists(council_client, dossiers, accepted):
    response = council_client.get("/admin/nominations/nominee/")
    assert {n.full_name for n in response.context["cl"].result_list} == {"Trần Minh Khoa"}


def test_council_member_list_filter_offers_only_visible_units(council_client, dossiers, unit_a, unit_b, org):
    unit_c = f.UnitFactory(organisation=org, code="phong-c", name="Văn phòng Sở", order=3)
    _nomination(proposing_unit=unit_c)  # a draft: its unit must not be offered
    _nomination(proposing_unit=unit_a, status=S.ACCEPTED)
    response = council_client.get(NOMINATIONS_URL)
    unit_filter = next(spec for spec in response.context["cl"].filter_specs if spec.field_path == "proposing_unit")
    assert unit_filter.lookup_choices == [(unit_a.pk, unit_a.name), (unit_b.pk, unit_b.name)]


def test_office_staff_see_every_nomination(office_client, dossiers):
    response = office_client.get(NOMINATIONS_URL)
    assert response.status_code == 200
    assert _names(response) == {"Nguyễn Thị Hường", "Đặng Văn Bình", "Trần Minh Khoa", "Lê Thu Trang"}


def test_unit_staff_are_sent_to_the_admin_login(client_a, dossiers):
    response = client_a.get(NOMINATIONS_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={NOMINATIONS_URL}"


def test_nomination_cannot_be_added_or_edited_in_the_admin(office_client, nomination_a):
    response = office_client.get(f"{NOMINATIONS_URL}add/")
    assert response.status_code == 403
    response = office_client.post(f"{NOMINATIONS_URL}{nomination_a.pk}/change/", {"status": S.ACCEPTED})
    assert response.status_code == 403
    nomination_a.refresh_from_db()
    assert nomination_a.status == S.DRAFT


def test_nomination_page_links_to_the_web_page_and_scoped_downloads(office_client, nomination_a, staff_a):
    attachment = Attachment.objects.create(
        nomination=nomination_a,
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
        file="attachments/ab/abc.pdf",
        original_name="bao-cao-thanh-tich.pdf",
        extension=".pdf",
        content_type="application/pdf",
        size=1024,
        uploaded_by=staff_a,
    )
    response = office_client.get(f"{NOMINATIONS_URL}{nomination_a.pk}/change/")
    content = response.content.decode()
    download = reverse("attachment_download", kwargs={"public_id": attachment.public_id})
    detail = reverse("nomination_detail", kwargs={"public_id": nomination_a.public_id})
    assert f'<a href="{download}">bao-cao-thanh-tich.pdf</a>' in content
    assert f'<a href="{detail}">' in content
    assert "/media/attachments/" not in content


def test_an_old_version_cannot_be_restored_over_the_status(super_client, submitted, superuser):
    """Reverting a historical version would set the status behind transition()'s back."""
    draft_version = submitted.history.earliest()
    services.transition(submitted, S.ACCEPTED, by=superuser)
    url = f"{NOMINATIONS_URL}{submitted.pk}/history/{draft_version.history_id}/"
    response = super_client.get(url)
    assert response.status_code == 200
    assert response.context["revert_disabled"] is True
    assert super_client.post(url, {}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == S.ACCEPTED


# --- folded search ----------------------------------------------------------------------------


def test_search_without_diacritics_finds_the_nominee(office_client, nomination_a, nomination_b):
    response = office_client.get(NOMINATIONS_URL, {"q": "nguyen thi huong"})
    assert list(response.context["cl"].result_list) == [nomination_a]


def test_search_with_diacritics_finds_the_nominee(office_client, nomination_a, nomination_b):
    response = office_client.get(NOMINATIONS_URL, {"q": "Đặng Văn"})
    assert list(response.context["cl"].result_list) == [nomination_b]


def test_nominee_search_is_folded_too(office_client, nomination_a, nomination_b):
    response = office_client.get("/admin/nominations/nominee/", {"q": "HUONG"})
    assert list(response.context["cl"].result_list) == [nomination_a.nominee]


# --- the workflow action goes through services.transition -------------------------------------


def _accept(client, *nominations):
    return client.post(
        NOMINATIONS_URL,
        {"action": "accept_for_council", "_selected_action": [n.pk for n in nominations], "index": 0},
    )


def test_accept_action_accepts_a_submitted_nomination(office_client, office_user, submitted):
    response = _accept(office_client, submitted)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == S.ACCEPTED
    assert [(m.nomination_id, m.from_status, m.to_status, m.by) for m in moves()] == [
        (submitted.pk, S.SUBMITTED, S.ACCEPTED, office_user)
    ]
    assert _messages(response) == [("success", _vi("Nominations accepted for the council: %(count)d.", count=1))]


def test_accept_action_refuses_a_draft_and_changes_nothing(office_client, nomination_a, submitted):
    response = _accept(office_client, nomination_a, submitted)
    assert response.status_code == 302
    nomination_a.refresh_from_db()
    submitted.refresh_from_db()
    assert (nomination_a.status, submitted.status) == (S.DRAFT, S.ACCEPTED)
    assert [(m.nomination_id, m.to_status) for m in moves()] == [(submitted.pk, S.ACCEPTED)]
    with translation.override("vi"):
        refusal = translation.gettext("A nomination that is “%(from)s” cannot become “%(to)s”.") % {
            "from": S.DRAFT.label,
            "to": S.ACCEPTED.label,
        }
    assert _messages(response) == [
        ("error", f"{nomination_a}: {refusal}"),
        ("success", _vi("Nominations accepted for the council: %(count)d.", count=1)),
    ]


def test_council_member_is_not_offered_the_action(council_client, accepted):
    response = council_client.get(NOMINATIONS_URL)
    assert "accept_for_council" not in dict(response.context["cl"].model_admin.get_actions(response.wsgi_request))
    response = _accept(council_client, accepted)
    accepted.refresh_from_db()
    assert accepted.status == S.ACCEPTED
    assert moves() == []


def test_the_nomination_page_lists_its_status_changes_from_its_history(
    super_client, office_user, submitted, testid_texts
):
    services.transition(submitted, S.RETURNED, by=office_user, note="Bổ sung báo cáo thành tích.")
    (move,) = moves(submitted)
    with translation.override("vi"):
        at = formats.date_format(timezone.localtime(move.at), "SHORT_DATETIME_FORMAT")
        header = " ".join(capfirst(translation.gettext(word)) for word in ("at", "from", "to", "by", "note"))
        frm, to = str(S.SUBMITTED.label), str(S.RETURNED.label)

    response = super_client.get(reverse("admin:nominations_nomination_change", args=[submitted.pk]))

    assert response.context["has_change_permission"] is False
    assert testid_texts(response, "status-changes") == [
        f"{header} {at} {frm} {to} {person_name(office_user)} Bổ sung báo cáo thành tích."
    ]


# --- every page of every model renders, and the administrator binds a user to a unit -----------


@pytest.mark.parametrize("changelist", sorted(MAKERS))
def test_change_and_add_pages_render(changelist, super_client):
    obj = MAKERS[changelist](0)
    if changelist == "auth_user":
        obj = obj.staff_profile.user
    elif changelist == "reference_staffprofile":
        obj = obj.staff_profile
    response = super_client.get(reverse(f"admin:{changelist}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert response.context["original"] == obj
    read_only = changelist in {"nominations_nomination", "nominations_attachment"}
    assert response.context["has_change_permission"] is not read_only
    add = super_client.get(reverse(f"admin:{changelist}_add"))
    no_add = read_only or changelist == "nominations_nominee"
    assert add.status_code == (403 if no_add else 200)


def test_administrator_binds_a_user_to_a_unit(super_client, unit_a):
    user = f.UserFactory(username="canbo-moi")
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = {
        "username": "canbo-moi",
        "first_name": "Hoàng",
        "last_name": "An",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2025-01-02",
        "date_joined_1": "08:00:00",
        "groups": [Group.objects.get(name="unit_staff").pk],
        "staff_profile-TOTAL_FORMS": "1",
        "staff_profile-INITIAL_FORMS": "0",
        "staff_profile-MIN_NUM_FORMS": "0",
        "staff_profile-MAX_NUM_FORMS": "1",
        "staff_profile-0-unit": str(unit_a.pk),
        "staff_profile-0-position": "Chuyên viên",
        "staff_profile-0-user": str(user.pk),
    }
    response = super_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert (user.staff_profile.unit, user.staff_profile.position) == (unit_a, "Chuyên viên")
    assert list(user.groups.values_list("name", flat=True)) == ["unit_staff"]

    response = super_client.get(reverse("admin:auth_user_changelist"), {"q": "canbo-moi"})
    row = response.context["cl"].result_list[0]
    admin_ = response.context["cl"].model_admin
    assert (admin_.unit(row), admin_.roles(row)) == ("Phòng Quản lý khoa học", str(Role.UNIT_STAFF.label))


# --- invisible characters typed into the admin (issue 9 item 15) ---


def test_a_signer_added_in_the_admin_loses_invisible_characters(super_client, org):
    from awards.models import Signer

    data = {
        "organisation": org.pk,
        "full_name": "\u202eTrần Văn\u200b Phó",
        "position": "PHÓ\u00ad GIÁM ĐỐC",
        "authority_prefix": "KT.\u2066 GIÁM ĐỐC\u2069",
        "is_active": "on",
        "order": "1",
    }
    response = super_client.post(reverse("admin:awards_signer_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(Signer.objects.values_list("full_name", "position", "authority_prefix")) == [
        ("Trần Văn Phó", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC")
    ]


# --- free-text limits in the admin (issue 9 item 19) ---


def _legal_basis_data(text: str) -> dict:
    return {"text": text, "for_decisions": "on", "effective_from": "2025-01-01", "effective_to": "", "order": "1"}


def test_a_legal_basis_over_its_limit_is_refused_in_the_admin(super_client):
    from awards.models import LegalBasis

    response = super_client.post(reverse("admin:awards_legalbasis_add"), _legal_basis_data("Căn cứ " * 200))

    assert response.status_code == 200
    with translation.override("vi"):
        expected = translation.ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            1000,
        ) % {"limit_value": 1000, "show_value": 1399}
    assert response.context["adminform"].form.errors == {"text": [expected]}
    assert LegalBasis.objects.count() == 0


def test_the_admin_form_shows_the_limit(super_client):
    response = super_client.get(reverse("admin:awards_legalbasis_add"))

    html = response.content.decode()
    assert 'maxlength="1000"' in html
    assert "Tối đa 1.000 ký tự." in html
