"""The nomination workflow: services.TRANSITIONS, services.transition() and the transition view."""

import itertools

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from nominations import services
from nominations.enums import Actor
from nominations.enums import NominationStatus as S
from nominations.models import Nomination
from tests import factories as f
from tests.nominations_support import move_rows, moves

REASON = "Thiếu bản sao Quyết định khen thưởng năm 2023."


def tr(msgid, **params):
    """The message as the site shows it: gettext under the site language, then formatted."""
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext(msgid)
        return text % {k: str(v) for k, v in params.items()} if params else text


def label(status):
    with translation.override(settings.LANGUAGE_CODE):
        return str(S(status).label)


def not_allowed(frm, to):
    return tr("A nomination that is “%(from)s” cannot become “%(to)s”.", **{"from": label(frm), "to": label(to)})


def rows(nomination):
    return move_rows(nomination)


def set_status(nomination, status, note=""):
    """Put a nomination in a state for the test (the application itself only uses transition())."""
    Nomination.objects.filter(pk=nomination.pk).update(status=status, status_note=note)
    nomination.refresh_from_db()


def history_entry(transition):
    """How the detail page writes one move (a history row with a move's reason)."""
    with translation.override(settings.LANGUAGE_CODE):
        at = formats.date_format(timezone.localtime(transition.at), "SHORT_DATETIME_FORMAT")
    moved = f"{label(transition.from_status)} → " if transition.from_status else ""
    note = f" {transition.note}" if transition.note else ""
    return f"{at} · {transition.by.username} {moved}{label(transition.to_status)}{note}"


@pytest.fixture
def complete_a(nomination_a, staff_a, media_root):
    """nomination_a with everything a submission needs: summary, a movement, the achievement report."""
    f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)
    return nomination_a


ALLOWED = [(frm, to, actor) for (frm, to), who in services.TRANSITIONS.items() for actor in sorted(who)]


@pytest.mark.parametrize(("frm", "to", "actor"), ALLOWED, ids=[f"{a}:{f}->{t}" for f, t, a in ALLOWED])
def test_transition_allowed_move_by_allowed_actor(
    request, complete_a, staff_a, office_user, testid_texts, frm, to, actor
):
    user, client = (staff_a, "client_a") if actor == Actor.UNIT else (office_user, "office_client")
    previous_note = "Lý do lần trước." if frm == S.RETURNED else ""
    set_status(complete_a, frm, note=previous_note)

    # Council outcomes and awards are recorded by the awards services, which pass record=True.
    result = services.transition(complete_a, to, by=user, note=f"  {REASON} ", record=actor == Actor.RECORD)

    complete_a.refresh_from_db()
    assert result is complete_a
    assert complete_a.status == to
    assert rows(complete_a) == [(frm, to, user.pk, REASON)]
    if to in services.NOTE_REQUIRED:
        expected_note = REASON
    elif to in services.SUBMIT_TARGETS or to == S.ACCEPTED:
        expected_note = ""
    else:  # withdrawing keeps whatever reason was there
        expected_note = previous_note
    assert complete_a.status_note == expected_note
    assert (complete_a.submitted_at is not None) == (to in services.SUBMIT_TARGETS)
    assert complete_a.history.first().history_change_reason == f"{frm} → {to}: {REASON}"
    response = request.getfixturevalue(client).get(reverse("nomination_detail", args=[complete_a.public_id]))
    (move,) = moves(complete_a)
    assert testid_texts(response, "history") == [history_entry(move)]


def test_transitions_map_covers_the_documented_workflow():
    assert {(str(frm), str(to)): sorted(who) for (frm, to), who in services.TRANSITIONS.items()} == {
        ("draft", "submitted"): ["office", "unit"],
        ("draft", "withdrawn"): ["office", "unit"],
        ("submitted", "returned"): ["office"],
        ("submitted", "accepted"): ["office"],
        ("submitted", "rejected"): ["office"],
        ("submitted", "withdrawn"): ["office", "unit"],
        ("returned", "resubmitted"): ["office", "unit"],
        ("returned", "withdrawn"): ["office", "unit"],
        ("resubmitted", "returned"): ["office"],
        ("resubmitted", "accepted"): ["office"],
        ("resubmitted", "rejected"): ["office"],
        ("resubmitted", "withdrawn"): ["office", "unit"],
        ("accepted", "approved"): ["record"],
        ("accepted", "not_approved"): ["record"],
        ("approved", "awarded"): ["record"],
    }


REFUSED = [(frm, to) for frm, to in itertools.product(S, S) if (frm, to) not in services.TRANSITIONS]


@pytest.mark.parametrize(("frm", "to"), REFUSED, ids=[f"{f}->{t}" for f, t in REFUSED])
def test_transition_not_in_map_is_refused(complete_a, office_user, frm, to):
    set_status(complete_a, frm)

    with pytest.raises(services.WorkflowError) as caught:
        services.transition(complete_a, to, by=office_user, note=REASON)

    complete_a.refresh_from_db()
    assert caught.value.code == "not_allowed"
    assert caught.value.messages == [not_allowed(frm, to)]
    assert complete_a.status == frm
    assert rows(complete_a) == []


@pytest.mark.parametrize(
    ("frm", "to"),
    [(S.DRAFT, S.ACCEPTED), (S.ACCEPTED, S.DRAFT), (S.REJECTED, S.SUBMITTED), (S.ACCEPTED, S.WITHDRAWN)],
)
def test_transition_named_refusals_are_in_the_refused_list(frm, to):
    assert (frm, to) in REFUSED


@pytest.mark.parametrize("user", ["staff_a", "office_user"])
def test_transition_withdraw_after_acceptance_is_refused(request, complete_a, user):
    set_status(complete_a, S.ACCEPTED)

    with pytest.raises(services.WorkflowError) as caught:
        services.transition(complete_a, S.WITHDRAWN, by=request.getfixturevalue(user))

    assert caught.value.messages == [not_allowed(S.ACCEPTED, S.WITHDRAWN)]
    assert Nomination.objects.get(pk=complete_a.pk).status == S.ACCEPTED


OFFICE_ONLY = [pair for pair, who in services.TRANSITIONS.items() if who == services.OFFICE_ONLY]


@pytest.mark.parametrize(("frm", "to"), OFFICE_ONLY, ids=[f"{f}->{t}" for f, t in OFFICE_ONLY])
def test_transition_office_only_move_by_unit_staff_is_denied(complete_a, staff_a, frm, to):
    set_status(complete_a, frm)

    with pytest.raises(PermissionDenied) as caught:
        services.transition(complete_a, to, by=staff_a, note=REASON)

    assert str(caught.value) == tr("You may not make this change.")
    assert Nomination.objects.get(pk=complete_a.pk).status == frm
    assert rows(complete_a) == []


RECORD_ONLY = [pair for pair, who in services.TRANSITIONS.items() if who == services.RECORD_ONLY]


def test_record_only_moves_are_the_council_outcomes_and_the_award():
    assert RECORD_ONLY == [(S.ACCEPTED, S.APPROVED), (S.ACCEPTED, S.NOT_APPROVED), (S.APPROVED, S.AWARDED)]


@pytest.mark.parametrize("user", ["staff_a", "office_user", "council_user"])
@pytest.mark.parametrize(("frm", "to"), RECORD_ONLY, ids=[f"{f}->{t}" for f, t in RECORD_ONLY])
def test_transition_record_only_move_without_record_is_denied(request, complete_a, user, frm, to):
    set_status(complete_a, frm)

    with pytest.raises(PermissionDenied) as caught:
        services.transition(complete_a, to, by=request.getfixturevalue(user), note=REASON)

    assert str(caught.value) == tr("You may not make this change.")
    assert Nomination.objects.get(pk=complete_a.pk).status == frm
    assert rows(complete_a) == []


@pytest.mark.parametrize("user", ["staff_a", "council_user"])
@pytest.mark.parametrize(("frm", "to"), RECORD_ONLY, ids=[f"{f}->{t}" for f, t in RECORD_ONLY])
def test_transition_record_only_move_by_non_office_is_denied_even_as_record(request, complete_a, user, frm, to):
    set_status(complete_a, frm)

    with pytest.raises(PermissionDenied):
        services.transition(complete_a, to, by=request.getfixturevalue(user), note=REASON, record=True)

    assert Nomination.objects.get(pk=complete_a.pk).status == frm
    assert rows(complete_a) == []


@pytest.mark.parametrize("user", ["staff_a", "office_user", "council_user"])
@pytest.mark.parametrize("status", [S.ACCEPTED, S.APPROVED, S.NOT_APPROVED, S.AWARDED])
def test_allowed_targets_never_offers_record_only_moves(request, nomination_a, user, status):
    set_status(nomination_a, status)

    assert services.allowed_targets(request.getfixturevalue(user), nomination_a) == []


def test_transition_view_office_cannot_record_council_outcome(office_client, complete_a):
    set_status(complete_a, S.ACCEPTED)

    response = office_client.post(reverse("nomination_transition", args=[complete_a.public_id]), {"to": S.APPROVED})

    assert response.status_code == 403
    assert Nomination.objects.get(pk=complete_a.pk).status == S.ACCEPTED
    assert rows(complete_a) == []


@pytest.mark.parametrize("user", ["staff_b", "council_user"])
@pytest.mark.parametrize(("frm", "to"), [(S.DRAFT, S.SUBMITTED), (S.DRAFT, S.WITHDRAWN), (S.SUBMITTED, S.ACCEPTED)])
def test_transition_by_other_unit_or_council_is_denied(request, complete_a, user, frm, to):
    set_status(complete_a, frm)

    with pytest.raises(PermissionDenied):
        services.transition(complete_a, to, by=request.getfixturevalue(user), note=REASON)

    assert Nomination.objects.get(pk=complete_a.pk).status == frm
    assert rows(complete_a) == []


@pytest.mark.parametrize("note", ["", "   \n "])
@pytest.mark.parametrize(("frm", "to"), [(f, t) for f, t in services.TRANSITIONS if t in services.NOTE_REQUIRED])
def test_transition_return_or_reject_without_reason_is_refused(complete_a, office_user, frm, to, note):
    set_status(complete_a, frm)

    with pytest.raises(services.WorkflowError) as caught:
        services.transition(complete_a, to, by=office_user, note=note)

    complete_a.refresh_from_db()
    assert caught.value.code == "note_required"
    assert caught.value.messages == [tr("Give the reason, so that the unit knows what to do.")]
    assert (complete_a.status, complete_a.status_note) == (frm, "")
    assert rows(complete_a) == []


@pytest.mark.parametrize(
    ("summary", "with_movement", "with_report", "problems"),
    [
        ("Hoàn thành xuất sắc nhiệm vụ.", True, False, ["Attach the achievement report."]),
        ("Hoàn thành xuất sắc nhiệm vụ.", False, True, ["Choose at least one emulation movement."]),
        (
            "",
            False,
            False,
            [
                "The achievement summary is empty.",
                "Choose at least one emulation movement.",
                "Attach the achievement report.",
            ],
        ),
    ],
)
@pytest.mark.parametrize(("frm", "to"), [(S.DRAFT, S.SUBMITTED), (S.RETURNED, S.RESUBMITTED)])
def test_transition_incomplete_dossier_is_refused_with_problems(
    nomination_a, staff_a, media_root, summary, with_movement, with_report, problems, frm, to
):
    Nomination.objects.filter(pk=nomination_a.pk).update(achievement_summary=summary)
    if not with_movement:
        nomination_a.movements.clear()
    if with_report:
        f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)
    else:  # evidence alone is not the achievement report
        f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a, kind="evidence")
    set_status(nomination_a, frm)

    with pytest.raises(services.WorkflowError) as caught:
        services.transition(nomination_a, to, by=staff_a)

    nomination_a.refresh_from_db()
    assert [(e.code, e.message) for e in caught.value.error_list] == [("incomplete", tr(p)) for p in problems]
    assert services.submission_problems(nomination_a) == [tr(p) for p in problems]
    assert (nomination_a.status, nomination_a.submitted_at) == (frm, None)
    assert rows(nomination_a) == []


def test_transition_returned_reason_shown_until_resubmission(client_a, complete_a, staff_a, office_user, testid_texts):
    services.transition(complete_a, S.SUBMITTED, by=staff_a)
    services.transition(complete_a, S.RETURNED, by=office_user, note=REASON)
    detail = reverse("nomination_detail", args=[complete_a.public_id])

    while_returned = client_a.get(detail)
    services.transition(complete_a, S.RESUBMITTED, by=staff_a)
    after_resubmission = client_a.get(detail)

    assert testid_texts(while_returned, "status-note") == [f"{tr('Returned for correction')}: {REASON}"]
    assert testid_texts(after_resubmission, "status-note") == []
    assert complete_a.status_note == ""
    assert rows(complete_a) == [
        (S.DRAFT, S.SUBMITTED, staff_a.pk, ""),
        (S.SUBMITTED, S.RETURNED, office_user.pk, REASON),
        (S.RETURNED, S.RESUBMITTED, staff_a.pk, ""),
    ]
    assert testid_texts(after_resubmission, "history") == [" ".join(history_entry(t) for t in moves(complete_a))]


def test_transition_rejection_reason_shown_as_reason(client_a, complete_a, staff_a, office_user, testid_texts):
    services.transition(complete_a, S.SUBMITTED, by=staff_a)
    services.transition(complete_a, S.REJECTED, by=office_user, note=REASON)

    response = client_a.get(reverse("nomination_detail", args=[complete_a.public_id]))

    assert testid_texts(response, "status-note") == [f"{tr('Reason')}: {REASON}"]
    assert response.context["targets"] == []
    assert response.context["can_edit"] is False


def test_transition_twice_from_stale_object_applies_once(complete_a, office_user):
    set_status(complete_a, S.SUBMITTED)
    stale = Nomination.objects.get(pk=complete_a.pk)

    services.transition(complete_a, S.ACCEPTED, by=office_user)
    with pytest.raises(services.WorkflowError) as caught:
        services.transition(stale, S.ACCEPTED, by=office_user)

    assert caught.value.messages == [not_allowed(S.ACCEPTED, S.ACCEPTED)]
    assert stale.status == S.SUBMITTED  # the caller's copy is stale, but the row was re-read under the lock
    assert Nomination.objects.get(pk=complete_a.pk).status == S.ACCEPTED
    assert len(moves(complete_a)) == 1


def test_transition_stale_return_after_acceptance_is_refused(complete_a, office_user):
    set_status(complete_a, S.SUBMITTED)
    stale = Nomination.objects.get(pk=complete_a.pk)
    services.transition(complete_a, S.ACCEPTED, by=office_user)

    with pytest.raises(services.WorkflowError) as caught:
        services.transition(stale, S.RETURNED, by=office_user, note=REASON)

    complete_a.refresh_from_db()
    assert caught.value.messages == [not_allowed(S.ACCEPTED, S.RETURNED)]
    assert (complete_a.status, complete_a.status_note) == (S.ACCEPTED, "")
    assert rows(complete_a) == [(S.SUBMITTED, S.ACCEPTED, office_user.pk, "")]


@pytest.mark.parametrize(
    ("status", "user", "targets"),
    [
        (S.DRAFT, "staff_a", [S.SUBMITTED, S.WITHDRAWN]),
        (S.SUBMITTED, "staff_a", [S.WITHDRAWN]),
        (S.SUBMITTED, "office_user", [S.RETURNED, S.ACCEPTED, S.REJECTED, S.WITHDRAWN]),
        (S.RETURNED, "staff_a", [S.RESUBMITTED, S.WITHDRAWN]),
        (S.ACCEPTED, "office_user", []),
        (S.DRAFT, "staff_b", []),
        (S.ACCEPTED, "council_user", []),
    ],
)
def test_allowed_targets_per_status_and_user(request, nomination_a, status, user, targets):
    set_status(nomination_a, status)

    assert services.allowed_targets(request.getfixturevalue(user), nomination_a) == targets


# --- Through the view ---------------------------------------------------------------------------------


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_transition_view_office_returns_with_reason(office_client, complete_a, office_user):
    set_status(complete_a, S.SUBMITTED)

    response = office_client.post(
        reverse("nomination_transition", args=[complete_a.public_id]), {"to": S.RETURNED, "note": REASON}
    )

    complete_a.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/nominations/{complete_a.public_id}/"
    assert (complete_a.status, complete_a.status_note) == (S.RETURNED, REASON)
    assert rows(complete_a) == [(S.SUBMITTED, S.RETURNED, office_user.pk, REASON)]
    assert messages_of(response) == [tr("The nomination is now “%(status)s”.", status=label(S.RETURNED))]
    record = complete_a.history.first()
    assert (record.history_user, record.history_change_reason) == (office_user, f"submitted → returned: {REASON}")


def test_transition_view_office_accepts_from_review_queue(office_client, complete_a, office_user):
    set_status(complete_a, S.RESUBMITTED)

    response = office_client.post(
        reverse("nomination_transition", args=[complete_a.public_id]), {"to": S.ACCEPTED, "next": "review"}
    )

    assert response["Location"] == "/nominations/review/"
    assert Nomination.objects.get(pk=complete_a.pk).status == S.ACCEPTED
    assert rows(complete_a) == [(S.RESUBMITTED, S.ACCEPTED, office_user.pk, "")]


def test_transition_view_return_without_reason_shows_error(office_client, complete_a):
    set_status(complete_a, S.SUBMITTED)

    response = office_client.post(reverse("nomination_transition", args=[complete_a.public_id]), {"to": S.RETURNED})

    assert response["Location"] == f"/nominations/{complete_a.public_id}/"
    assert Nomination.objects.get(pk=complete_a.pk).status == S.SUBMITTED
    assert messages_of(response) == [tr("Give the reason, so that the unit knows what to do.")]
    assert rows(complete_a) == []


def test_transition_view_incomplete_submission_lists_problems(client_a, nomination_a):
    nomination_a.movements.clear()

    response = client_a.post(reverse("nomination_transition", args=[nomination_a.public_id]), {"to": S.SUBMITTED})

    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert messages_of(response) == [
        tr("Choose at least one emulation movement."),
        tr("Attach the achievement report."),
    ]
    assert Nomination.objects.get(pk=nomination_a.pk).status == S.DRAFT


def test_transition_view_unit_staff_accepting_is_forbidden(client_a, complete_a):
    set_status(complete_a, S.SUBMITTED)

    response = client_a.post(reverse("nomination_transition", args=[complete_a.public_id]), {"to": S.ACCEPTED})

    assert response.status_code == 403
    assert tr("You may not make this change.") in response.content.decode()
    assert Nomination.objects.get(pk=complete_a.pk).status == S.SUBMITTED


def test_transition_view_other_unit_is_not_found(client_a, client_b, nomination_b, staff_b, media_root):
    f.AttachmentFactory(nomination=nomination_b, uploaded_by=staff_b)
    path = reverse("nomination_transition", args=[nomination_b.public_id])

    response = client_a.post(path, {"to": S.SUBMITTED})

    assert response.status_code == 404
    assert Nomination.objects.get(pk=nomination_b.pk).status == S.DRAFT
    assert rows(nomination_b) == []
    # The same post by B's own staff goes through: the 404 was scoping.
    assert client_b.post(path, {"to": S.SUBMITTED})["Location"] == f"/nominations/{nomination_b.public_id}/"
    assert Nomination.objects.get(pk=nomination_b.pk).status == S.SUBMITTED


def test_transition_view_council_cannot_move_accepted(council_client, complete_a):
    set_status(complete_a, S.ACCEPTED)

    response = council_client.post(
        reverse("nomination_transition", args=[complete_a.public_id]), {"to": S.REJECTED, "note": REASON}
    )

    assert response["Location"] == f"/nominations/{complete_a.public_id}/"
    assert messages_of(response) == [not_allowed(S.ACCEPTED, S.REJECTED)]
    assert Nomination.objects.get(pk=complete_a.pk).status == S.ACCEPTED
