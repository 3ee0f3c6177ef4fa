"""One write path per model: the form, the import, the admin and the actions all go through the service."""

# ruff: noqa: F811 (the fixtures imported from the delegate and agenda tests are used as arguments)

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from conference.admin import invitations as admin_invitations
from conference.enums import AgendaKind, Rsvp
from conference.models import Delegate, DelegateGroup
from conference.services import agenda as agenda_services
from conference.services import delegates as delegate_services
from nominations import imports
from nominations.enums import NominationStatus
from nominations.models import Nomination, Nominee
from nominations.services import NominationInput
from tests import factories as f
from tests.conference.test_delegates import awarded, groups, workbook  # noqa: F401 (fixtures)
from tests.conference.test_invitations import agenda, day  # noqa: F401 (fixtures)
from tests.nominations.test_excel import individual, post_import, workbook_bytes
from tests.nominations_support import move_rows, moves

pytestmark = pytest.mark.django_db

NOMINEE_FIELDS = ("kind", "full_name", "gender", "birth_date", "birth_year", "position", "unit", "parent_body")
NOMINATION_FIELDS = ("conference", "proposing_unit", "award_form", "achievement_summary", "status")


def _form_post(unit, award_form, movement):
    return {
        "full_name": "Trần Văn Minh",
        "gender": "male",
        "birth_date": "05/01/1980",
        "birth_year": "",
        "position": "Trưởng phòng",
        "unit": str(unit.pk),
        "proposing_unit": str(unit.pk),
        "award_form": str(award_form.pk),
        "movements": [str(movement.pk)],
        "achievement_summary": "Chủ trì 02 đề tài cấp tỉnh.",
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
        "history-MIN_NUM_FORMS": "0",
        "history-MAX_NUM_FORMS": "30",
    }


def _written(nomination: Nomination) -> dict:
    """Everything the write stored about one nomination, without ids and clocks."""
    nominee = nomination.nominee
    return {
        "nominee": model_to_dict(nominee, fields=NOMINEE_FIELDS)
        | {"keys": (nominee.identity_key, nominee.sort_key, nominee.search_text)},
        "nomination": model_to_dict(nomination, fields=NOMINATION_FIELDS)
        | {
            "version": nomination.version,
            "created_by": nomination.created_by_id,
            "movements": [m.pk for m in nomination.movements.all()],
        },
        "moves": move_rows(nomination),
        "nominee_history": [
            (h.history_type, h.history_user_id, h.history_change_reason) for h in nominee.history.all()
        ],
        "nomination_history": [
            (h.history_type, h.history_user_id, h.history_change_reason, h.status) for h in nomination.history.all()
        ],
    }


def test_form_and_import_write_identical_rows_and_history_rows(
    client_a, staff_a, conference, unit_a, giay_khen, movement
):
    response = client_a.post(reverse("nomination_create", args=["individual"]), _form_post(unit_a, giay_khen, movement))
    assert response.status_code == 302
    response = post_import(client_a, workbook_bytes([individual()]))
    assert response.status_code == 302
    by_form, by_import = (_written(n) for n in Nomination.objects.order_by("id"))
    expected = {
        "nominee": {
            "kind": "individual",
            "full_name": "Trần Văn Minh",
            "gender": "male",
            "birth_date": datetime.date(1980, 1, 5),
            "birth_year": 1980,
            "position": "Trưởng phòng",
            "unit": unit_a.pk,
            "parent_body": "",
            "keys": by_form["nominee"]["keys"],
        },
        "nomination": {
            "conference": conference.pk,
            "proposing_unit": unit_a.pk,
            "award_form": giay_khen.pk,
            "achievement_summary": "Chủ trì 02 đề tài cấp tỉnh.",
            "status": "draft",
            "version": 1,
            "created_by": staff_a.pk,
            "movements": [movement.pk],
        },
        "moves": [("", "draft", staff_a.pk, "")],
        "nominee_history": [("+", staff_a.pk, None)],
        "nomination_history": [("+", staff_a.pk, "→ draft", "draft")],
    }
    assert by_form == expected
    # The import differs only in what it says about itself: the row it came from, the change reason.
    assert by_import == expected | {
        "moves": [("", "draft", staff_a.pk, "Nhập từ tệp Excel (dòng 2).")],
        "nominee_history": [("+", staff_a.pk, "Excel import")],
        "nomination_history": [("+", staff_a.pk, "→ draft: Nhập từ tệp Excel (dòng 2).", "draft")],
    }


def test_import_save_refuses_a_row_for_another_unit_as_the_form_does(staff_a, unit_b, giay_khen, movement, conference):
    """The service's unit check guards the import's save too, not only the import's parsing."""
    data = NominationInput(
        nominee={"kind": "collective", "full_name": "Phòng Chuyển đổi số", "parent_body": "Sở KH&CN"},
        proposing_unit=unit_b,
        award_form=giay_khen,
        achievement_summary="Dẫn đầu phong trào.",
        movements=[movement],
    )
    row = imports.ParsedRow(2, data, Nominee(**data.nominee))
    with pytest.raises(PermissionDenied):
        imports.save_nominations(imports.ParsedImport(rows=[row]), conference=conference, by=staff_a)
    assert (Nomination.objects.count(), Nominee.objects.count(), len(moves())) == (0, 0, 0)


# --- delegates: the page, the import, the awardees and the admin all create through the service ---


@pytest.fixture
def super_client(db):
    client = Client()
    client.force_login(f.UserFactory(username="quantri", is_superuser=True, is_staff=True))
    return client


def _admin_add(client, conference, group, name):
    return client.post(
        reverse("admin:conference_delegate_add"),
        {"conference": conference.pk, "group": group.pk, "full_name": name, "rsvp": Rsvp.INVITED},
    )


def test_admin_refuses_a_group_of_another_conference_as_the_service_does(super_client, conference, groups):
    other = DelegateGroup.objects.create(
        conference=f.ConferenceFactory(is_current=False), code="khac", name="Hội nghị khác"
    )
    response = _admin_add(super_client, conference, other, "Trần Văn Nam")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"group": ["Thành phần này thuộc hội nghị khác."]}
    assert Delegate.objects.count() == 0


def test_every_delegate_writer_creates_through_the_service(
    monkeypatch, super_client, office_client, office_user, conference, groups, awarded
):
    created = []
    real = delegate_services._create

    def spy(conference, data, number, by, instance=None):
        delegate = real(conference, data, number, by, instance)
        created.append((delegate.invitation_number, delegate.full_name, by.username))
        return delegate

    monkeypatch.setattr(delegate_services, "_create", spy)
    office_client.post(
        reverse("delegate_create"), {"group": groups[0].pk, "full_name": "Lê Văn Một", "rsvp": "invited"}
    )
    upload = SimpleUploadedFile("dai-bieu.xlsx", workbook([[1, "Lãnh đạo UBND tỉnh", "Ông", "Phan Văn Hai"]]))
    office_client.post(reverse("delegate_import"), {"file": upload})
    office_client.post(reverse("delegate_promote"))
    assert _admin_add(super_client, conference, groups[0], "Đinh Văn Ba").status_code == 302
    assert created == [
        (1, "Lê Văn Một", "vanphong"),
        (2, "Phan Văn Hai", "vanphong"),
        (3, "Vũ Thị Lan", "vanphong"),
        (4, "Đỗ Thị Mai", "vanphong"),
        (5, "Đại diện Phòng Quản lý khoa học", "vanphong"),
        (6, "Đinh Văn Ba", "quantri"),
    ]
    assert list(Delegate.objects.order_by("invitation_number").values_list("invitation_number", "full_name")) == [
        (number, name) for number, name, _user in created
    ]
    history = Delegate.history.filter(full_name="Đinh Văn Ba").get()
    assert (history.history_type, history.history_user.username, history.invitation_number) == ("+", "quantri", 6)


def test_admin_change_goes_through_the_service_and_keeps_the_number(super_client, conference, groups, office_user):
    delegate = delegate_services.add_delegate(
        conference, {"group": groups[0], "full_name": "Lê Văn Một"}, by=office_user
    )
    url = reverse("admin:conference_delegate_change", args=[delegate.pk])
    other = DelegateGroup.objects.create(
        conference=f.ConferenceFactory(is_current=False), code="khac", name="Hội nghị khác"
    )
    data = {"conference": conference.pk, "group": other.pk, "full_name": "Lê Văn Một", "rsvp": Rsvp.INVITED}
    response = super_client.post(url, data)
    assert response.context["adminform"].form.errors == {"group": ["Thành phần này thuộc hội nghị khác."]}
    response = super_client.post(url, data | {"group": groups[1].pk, "full_name": "Lê  Văn Mốt "})
    assert response.status_code == 302
    delegate.refresh_from_db()
    assert (delegate.group, delegate.full_name, delegate.invitation_number, delegate.version) == (
        groups[1],
        "Lê Văn Mốt",
        1,
        2,
    )


# --- the agenda page gives an exemplar talk through the service ---


def test_agenda_page_gives_the_talk_through_set_exemplar(monkeypatch, office_client, day, agenda, nomination_a):
    calls = []
    real = agenda_services.set_exemplar

    def spy(item, nomination, **kwargs):
        calls.append((item.pk, nomination.pk, kwargs))
        return real(item, nomination, **kwargs)

    monkeypatch.setattr(agenda_services, "set_exemplar", spy)
    nomination_a.status = NominationStatus.APPROVED
    nomination_a.save()
    talk = next(item for item in agenda if item.kind == AgendaKind.EXEMPLAR_TALK)
    data = {
        "kind": AgendaKind.EXEMPLAR_TALK,
        "title": talk.title,
        "duration_minutes": 25,
        "nomination": nomination_a.pk,
    }
    assert office_client.post(reverse("agenda_edit", args=[talk.pk]), data).status_code == 302
    assert (
        office_client.post(reverse("agenda_edit", args=[talk.pk]), data | {"presenter": "Bà Hường"}).status_code == 302
    )
    assert calls == [
        (talk.pk, nomination_a.pk, {"presenter": ""}),
        (talk.pk, nomination_a.pk, {"presenter": "Bà Hường"}),
    ]
    talk.refresh_from_db()
    assert (talk.duration_minutes, talk.nomination_id, talk.presenter) == (25, nomination_a.pk, "Bà Hường")


def test_agenda_admin_refuses_what_set_exemplar_refuses_and_saves_through_it(
    monkeypatch, super_client, day, agenda, nomination_a
):
    calls = []
    real = agenda_services.set_exemplar

    def spy(item, nomination, **kwargs):
        calls.append((item.pk, nomination.pk if nomination else None, kwargs))
        return real(item, nomination, **kwargs)

    monkeypatch.setattr(admin_invitations, "set_exemplar", spy)
    nomination_a.status = NominationStatus.APPROVED
    nomination_a.save()
    opening, talk = agenda[0], next(item for item in agenda if item.kind == AgendaKind.EXEMPLAR_TALK)

    def post(item, **values):
        data = {"conference": day.pk, "order": item.order, "kind": item.kind, "title": item.title}
        data |= {"duration_minutes": item.duration_minutes, "presenter": "", "nomination": nomination_a.pk}
        return super_client.post(reverse("admin:conference_agendaitem_change", args=[item.pk]), data | values)

    refused = post(opening)
    assert refused.context["adminform"].form.errors == {
        "nomination": ["Chỉ mục tham luận điển hình mới do một điển hình trình bày."]
    }
    assert post(talk).status_code == 302
    assert calls == [(talk.pk, nomination_a.pk, {"presenter": ""})]
    talk.refresh_from_db()
    opening.refresh_from_db()
    assert (talk.nomination_id, talk.presenter, opening.nomination_id) == (
        nomination_a.pk,
        "Nguyễn Thị Hường, Chuyên viên, Phòng Quản lý khoa học",
        None,
    )
