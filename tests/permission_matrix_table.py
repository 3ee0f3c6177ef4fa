"""What every role gets for every URL: the permission matrix's declarative table.

A URL name missing here fails ``test_every_url_is_classified`` with its name, so a new
page cannot go live unclassified. Roles: see ``permission_matrix_support.ROLES``.
``URL_ARGS`` fills a URL's converters with objects of the world (unit A's where scoped).
"""

import os
import re
from dataclasses import dataclass, field

from tests.permission_matrix_support import (
    ADMIN_LOGIN,
    LOGIN,
    REDIRECT,
    ROLES,
    Route,
    admin_models,
    fill,
    split_admin_name,
)


@dataclass(frozen=True)
class Expect:
    """The answer to a GET per role; ``post``: the answer to a POST (default: the GET's)."""

    answers: dict[str, object]
    post: dict[str, object] = field(default_factory=dict)

    def __post_init__(self):
        if not self.post:
            object.__setattr__(self, "post", self.answers)


def rule(default, *, anon=LOGIN, post=None, **roles) -> Expect:
    """``default`` for every signed-in role unless named; the anonymous visitor gets ``anon``."""
    answers = {role: roles.get(role, default) for role in ROLES}
    answers["anon"] = anon
    return Expect(answers, post or {})


URL_ARGS = {
    "nomination_create": lambda w: {"kind": "individual"},
    "nomination_detail": lambda w: {"public_id": w.nomination_a.public_id},
    "nomination_edit": lambda w: {"public_id": w.nomination_a.public_id},
    "nomination_transition": lambda w: {"public_id": w.nomination_a.public_id},
    "attachment_upload": lambda w: {"public_id": w.nomination_a.public_id},
    "attachment_download": lambda w: {"public_id": w.attachment_a.public_id},
    "attachment_delete": lambda w: {"public_id": w.attachment_a.public_id},
    "movement_report_detail": lambda w: {"public_id": w.movement_report_a.public_id},
    "movement_report_edit": lambda w: {"public_id": w.movement_report_a.public_id},
    "movement_report_transition": lambda w: {"public_id": w.movement_report_a.public_id},
    "movement_report_attachment_upload": lambda w: {"public_id": w.movement_report_a.public_id},
    "movement_report_attachment_download": lambda w: {"public_id": w.movement_attachment_a.public_id},
    "movement_report_attachment_delete": lambda w: {"public_id": w.movement_attachment_a.public_id},
    "movement_indicator_delete": lambda w: {"pk": w.indicator.pk},
    "registration_detail": lambda w: {"public_id": w.registration_a.public_id},
    "registration_submit": lambda w: {"public_id": w.registration_a.public_id},
    "registration_pledge_delete": lambda w: {"pk": w.pledge_a.pk},
    "registration_export": lambda w: {"movement_id": w.registration_a.movement_id},
    "launch_plan_edit": lambda w: {"movement_id": w.registration_a.movement_id},
    "conference_launch_plan_pdf": lambda w: {"movement_id": w.registration_a.movement_id},
    "conference_launch_plan_docx": lambda w: {"movement_id": w.registration_a.movement_id},
    "conference_document_issue": lambda w: {"code": "report"},
    "conference_document_issue_for": lambda w: {"code": "launch-plan", "key": str(w.registration_a.movement_id)},
    "conference_issued_pdf": lambda w: {"pk": 0},  # the world issues no conference document: 404 past the gate
    "conference_summary_section": lambda w: {"pk": w.summary_section.pk},
    "talk_detail": lambda w: {"pk": w.talk_item.pk},
    "talk_review": lambda w: {"pk": w.talk_item.pk},
    "honour_book_photo": lambda w: {"pk": w.entry.nomination_id},  # an honoured nomination
    "talk_file": lambda w: {"pk": w.talk_item.pk},
    "ballot_apply": lambda w: {"ballot_id": w.ballot.pk},
    "ballot_settle_tie": lambda w: {"ballot_id": w.ballot.pk},
    "decision_detail": lambda w: {"pk": w.decision.pk},
    "decision_issue": lambda w: {"pk": w.decision.pk},
    "decision_replace": lambda w: {"pk": w.decision.pk},
    "decision_province": lambda w: {"pk": w.proposal.pk},
    "decision_pdf": lambda w: {"pk": w.decision.pk},
    "proposal_pdf": lambda w: {"pk": w.proposal.pk},
    "decision_docx": lambda w: {"pk": w.decision.pk},
    "proposal_docx": lambda w: {"pk": w.proposal.pk},
    "decision_certificates_pdf": lambda w: {"pk": w.decision.pk},
    "certificate_pdf": lambda w: {"pk": w.entry.pk},
    "certificate_calibration_pdf": lambda w: {"pk": w.award_form.pk},
    "meeting_minutes_pdf": lambda w: {"pk": w.meeting.pk},
    "meeting_minutes_issue": lambda w: {"pk": w.meeting.pk},
    "ballot_count_issue": lambda w: {"pk": w.ballot.pk},
    "register_document": lambda w: {"pk": w.decision.document_id},
    "register_document_file": lambda w: {"pk": w.decision.document_id},
    "ballot_count_pdf": lambda w: {"pk": w.ballot.pk},
    "meeting_minutes_docx": lambda w: {"pk": w.meeting.pk},
    "ballot_count_docx": lambda w: {"pk": w.ballot.pk},
    "delegate_edit": lambda w: {"pk": w.delegate.pk},
    "delegate_delete": lambda w: {"pk": w.delegate.pk},
    "agenda_edit": lambda w: {"pk": w.agenda_item.pk},
    "agenda_move": lambda w: {"pk": w.agenda_item.pk},
    "invitation_pdf": lambda w: {"pk": w.delegate.pk},
    "delegate_rsvp": lambda w: {"pk": w.delegate.pk},
    "rsvp": lambda w: {"token": w.delegate.token},
    # The gate answers before the document is looked up, and the allowed roles' POST is not sent.
    "outgoing_document_sign": lambda w: {"pk": 1},
    "checkin_delegate": lambda w: {"token": w.delegate.token},
    "checkin_do": lambda w: {"token": w.delegate.token},
    "checkin_undo": lambda w: {"token": w.delegate.token},
    "nomination_history": lambda w: {"public_id": w.nomination_a.public_id},
    "decision_history": lambda w: {"pk": w.decision.pk},
    "decision_certificates_job": lambda w: {"pk": w.decision.pk},
    "delegate_history": lambda w: {"pk": w.delegate.pk},
    "job_detail": lambda w: {"pk": w.job.pk},  # unit A staff's job
    "job_progress": lambda w: {"pk": w.job.pk},
    "job_download": lambda w: {"pk": w.job.pk},
    "job_retry": lambda w: {"pk": w.job.pk},
    "round_carry_awards": lambda w: {"pk": w.decision.conference_id},
    "round_match_decide": lambda w: {"pk": 0},  # the demo has no match to review: office roles are not posted
    "decision_publish": lambda w: {"pk": w.decision.pk},
    "conference_honour_roll_year": lambda w: {"year": w.decision.conference.year},
    "published_document_pdf": lambda w: {"pk": w.decision.pk},  # issued, not published
    "outbox_message": lambda w: {"pk": w.message.pk},
    "outbox_attachment": lambda w: {"pk": w.message.pk, "index": 0},
    "outbox_template_edit": lambda w: {"code": "dossier_returned"},
    "mailbox_mail": lambda w: {"pk": 1},
    "notice_open": lambda w: {"code": "jobs"},
    "admin:otp_totp_totpdevice_config": lambda w: {"pk": w.device.pk},
    "admin:otp_totp_totpdevice_qrcode": lambda w: {"pk": w.device.pk},
    "admin:auth_user_password_change": lambda w: {"id": w.device.user_id},
    "api:conference-detail": lambda w: {"slug": w.decision.conference.slug},
    "api:honour-roll": lambda w: {"year": w.decision.conference.year},
    "api:decision-detail": lambda w: {"pk": w.decision.pk},
    "api:decision-entries": lambda w: {"decision_id": w.decision.pk},
    "api:nomination-detail": lambda w: {"public_id": w.nomination_a.public_id},  # unit A's draft
    "api:award-detail": lambda w: {"pk": w.entry.pk},
    "api:attendance-detail": lambda w: {"pk": w.delegate.pk},
}

ALLOWED = None  # a POST that role may make: not sent (it would change the world)


def answers(**roles) -> dict[str, object]:
    return {role: roles[role] for role in ROLES}


def admin_rule(default, *, anon=ADMIN_LOGIN, unit_a=ADMIN_LOGIN, unit_b=ADMIN_LOGIN, post=None, **roles) -> Expect:
    """An admin URL: the admin's login for visitors and non-staff, ``default`` for staff unless named."""
    return rule(default, anon=anon, unit_a=unit_a, unit_b=unit_b, post=post, **roles)


OFFICE_ONLY = 403  # with office=200, director=200, superuser=200 spelled out where used
GET_ONLY = answers(**dict.fromkeys(ROLES, 405))  # @require_GET first: every POST is refused alike
GET_ONLY_SIGNED_IN = {**GET_ONLY, "anon": LOGIN}  # @login_required first
OFFICE_POST = answers(
    anon=LOGIN, unit_a=403, unit_b=403, office=ALLOWED, council=403, secretary=403, director=ALLOWED, superuser=ALLOWED
)
UNIT_A_POST = answers(
    anon=LOGIN,
    unit_a=ALLOWED,
    unit_b=404,
    office=ALLOWED,
    council=404,
    secretary=404,
    director=ALLOWED,
    superuser=ALLOWED,
)
# A movement report of unit A's: the council has no page there at all (403), unit B does not find it (404).
UNIT_A_REPORT_POST = answers(
    anon=LOGIN,
    unit_a=ALLOWED,
    unit_b=404,
    office=ALLOWED,
    council=403,
    secretary=403,
    director=ALLOWED,
    superuser=ALLOWED,
)
PROPOSER_POST = answers(
    anon=LOGIN,
    unit_a=ALLOWED,
    unit_b=ALLOWED,
    office=ALLOWED,
    council=403,
    secretary=403,
    director=ALLOWED,
    superuser=ALLOWED,
)
NOT_POSTED = answers(**dict.fromkeys(ROLES, ALLOWED))
NON_STAFF = {"anon": ADMIN_LOGIN, "unit_a": ADMIN_LOGIN, "unit_b": ADMIN_LOGIN}

# The read API (/api/v1/), asked with each role's token (anon: no token), per method: GET, HEAD and
# OPTIONS get the answer below, every other method 405 (tests/hoinghi/test_permission_matrix.py,
# test_api_matrix). The pages' walk (session cookies, no token) gets the "anon" answer.
API_METHODS = ("get", "head", "options", "post", "put", "patch", "delete")
API_SAFE_METHODS = ("get", "head", "options")


def api_rule(default, *, anon=401, **roles) -> dict[str, object]:
    return {role: anon if role == "anon" else roles.get(role, default) for role in ROLES}


API_PUBLIC = api_rule(200, anon=200)
API_OFFICE = api_rule(403, office=200, director=200, superuser=200)
API = {
    "api:schema": API_PUBLIC,
    "api:docs": API_PUBLIC,
    "api:conference-list": API_PUBLIC,
    "api:conference-detail": API_PUBLIC,
    "api:honour-roll": API_PUBLIC,
    "api:decision-list": API_PUBLIC,
    "api:decision-detail": API_PUBLIC,
    "api:decision-entries": API_PUBLIC,
    "api:nomination-list": api_rule(200),
    "api:nomination-detail": api_rule(200, unit_b=404, council=404, secretary=404),
    "api:award-list": API_OFFICE,
    "api:award-detail": API_OFFICE,
    "api:attendance-list": API_OFFICE,
    "api:attendance-detail": API_OFFICE,
}


def api_expected(key: str, method: str, role: str) -> object:
    return API[key][role] if method in API_SAFE_METHODS else 405


def _session_walk(answers: dict[str, object]) -> Expect:
    """An API route in the pages' walk: no token, so every role gets the visitor's answer; POST 405."""
    return Expect(dict.fromkeys(ROLES, answers["anon"]), dict.fromkeys(ROLES, 405))


EXPECTED = {
    **{key: _session_walk(answers) for key, answers in API.items()},
    "dashboard": rule(200),
    "nomination_list": rule(200),
    "review_queue": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "nomination_create": rule(200, council=403, secretary=403),
    "nomination_export": rule(200),
    "nomination_export_job": rule(
        405,
        anon=405,
        post=answers(
            anon=LOGIN,
            unit_a=ALLOWED,
            unit_b=ALLOWED,
            office=ALLOWED,
            council=ALLOWED,
            secretary=ALLOWED,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "nomination_import": rule(200, council=403, secretary=403),
    "import_template": rule(200, council=403, secretary=403),
    "nomination_detail": rule(200, unit_b=404, council=404, secretary=404),
    "nomination_edit": rule(200, unit_b=404, council=404, secretary=404),
    "nomination_history": rule(200, unit_b=404, council=404, secretary=404),
    "nomination_transition": rule(405, post=UNIT_A_POST),
    "attachment_upload": rule(405, post=UNIT_A_POST),
    "attachment_download": rule(200, unit_b=404, council=404, secretary=404),
    "attachment_delete": rule(405, post=UNIT_A_POST),
    "movement_report_list": rule(200, council=403, secretary=403, post=GET_ONLY),
    "movement_report_start": rule(405, anon=405, post=PROPOSER_POST),
    "movement_report_import": rule(200, council=403, secretary=403),
    "movement_report_template": rule(200, council=403, secretary=403, post=GET_ONLY),
    "movement_indicators": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "movement_indicator_delete": rule(405, anon=405, post=OFFICE_POST),
    "movement_report_detail": rule(200, unit_b=404, council=403, secretary=403, post=GET_ONLY),
    "movement_report_edit": rule(200, unit_b=404, council=403, secretary=403, post=UNIT_A_REPORT_POST),
    "movement_report_transition": rule(405, anon=405, post=UNIT_A_REPORT_POST),
    "movement_report_attachment_upload": rule(405, anon=405, post=UNIT_A_REPORT_POST),
    "movement_report_attachment_download": rule(200, unit_b=404, council=403, secretary=403),
    "movement_report_attachment_delete": rule(405, anon=405, post=UNIT_A_REPORT_POST),
    "registration_list": rule(200, council=403, secretary=403, post=GET_ONLY),
    "registration_start": rule(405, anon=405, post=PROPOSER_POST),
    "registration_detail": rule(200, unit_b=404, council=403, secretary=403, post=UNIT_A_REPORT_POST),
    "registration_submit": rule(405, anon=405, post=UNIT_A_REPORT_POST),
    "registration_pledge_delete": rule(405, anon=405, post=UNIT_A_REPORT_POST),
    "registration_import": rule(200, council=403, secretary=403),
    "registration_template": rule(200, council=403, secretary=403, post=GET_ONLY),
    "registration_export": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "launch_plan_edit": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "conference_launch_plan_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_launch_plan_docx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "council_results": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "ballot_apply": rule(405, anon=405, post=OFFICE_POST),
    "ballot_settle_tie": rule(405, anon=405, post=OFFICE_POST),
    "decision_list": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "decision_draft": rule(405, anon=405, post=OFFICE_POST),
    "decision_detail": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "decision_history": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_history": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "decision_issue": rule(405, anon=405, post=OFFICE_POST),
    "decision_replace": rule(405, anon=405, post=OFFICE_POST),
    "decision_province": rule(405, anon=405, post=OFFICE_POST),
    "meeting_minutes_issue": rule(405, anon=405, post=OFFICE_POST),
    "ballot_count_issue": rule(405, anon=405, post=OFFICE_POST),
    "decision_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "proposal_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "decision_docx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "proposal_docx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "decision_certificates_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "decision_certificates_job": rule(405, anon=405, post=OFFICE_POST),
    "certificate_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "certificate_calibration_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "meeting_minutes_pdf": rule(200, unit_a=403, unit_b=403, council=403, post=GET_ONLY),
    "ballot_count_pdf": rule(200, unit_a=403, unit_b=403, council=403, post=GET_ONLY),
    "meeting_minutes_docx": rule(200, unit_a=403, unit_b=403, council=403, post=GET_ONLY),
    "ballot_count_docx": rule(200, unit_a=403, unit_b=403, council=403, post=GET_ONLY),
    "conference_hub": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "delegate_list": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "delegate_create": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "delegate_edit": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "delegate_history": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "delegate_delete": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "delegate_promote": rule(405, post=OFFICE_POST),
    "delegate_import": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "delegate_template": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "delegate_export": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "agenda_list": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "agenda_default": rule(405, anon=405, post=OFFICE_POST),
    "agenda_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "agenda_docx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "agenda_edit": rule(OFFICE_ONLY, office=200, director=200, superuser=200),
    "agenda_move": rule(405, anon=405, post=OFFICE_POST),
    "invitation_list": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "invitations_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "invitations_docx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "invitation_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "delegate_rsvp": rule(405, anon=405, post=OFFICE_POST),
    "rsvp": rule(200, anon=200),
    # The public verify page (an empty POST re-shows the form); the Office's signing action.
    "document_verify": rule(200, anon=200),
    "outgoing_document_sign": rule(405, anon=405, post=OFFICE_POST),
    "checkin": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY_SIGNED_IN),
    "checkin_search": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY_SIGNED_IN),
    "checkin_counts": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY_SIGNED_IN),
    "checkin_delegate": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY_SIGNED_IN),
    "checkin_do": rule(405, post=OFFICE_POST),
    "checkin_undo": rule(405, post=OFFICE_POST),
    "conference_ceremony": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_runsheet_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_name_cards_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_sign_in_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_congress_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_congress_xlsx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_report_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_report_docx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_report_xlsx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_summary": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_summary_generate": rule(405, anon=405, post=OFFICE_POST),
    "conference_summary_section": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=OFFICE_POST),
    "conference_summary_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_summary_docx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    # Exemplars' talks: unit A's exemplar's talk (unit B does not find it; the council has no page).
    "talk_list": rule(200, council=403, secretary=403, post=GET_ONLY),
    "talk_detail": rule(200, unit_b=404, council=403, secretary=403, post=UNIT_A_REPORT_POST),
    "talk_review": rule(405, anon=405, post=OFFICE_POST),
    "talk_file": rule(200, unit_b=404, council=403, secretary=403, post=GET_ONLY),
    "honour_book": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "honour_book_photo": rule(405, anon=405, post=OFFICE_POST),
    "honour_book_job": rule(405, anon=405, post=OFFICE_POST),
    "conference_progress_pdf": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_progress_docx": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "conference_document_issue": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=OFFICE_POST),
    "conference_document_issue_for": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=OFFICE_POST),
    "conference_issued_pdf": rule(OFFICE_ONLY, office=404, director=404, superuser=404, post=GET_ONLY),
    "conference_honour_roll": rule(200, anon=200, post=GET_ONLY),
    "next_round": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=OFFICE_POST),
    "round_view": rule(405, anon=405, post=OFFICE_POST),
    "round_carry_awards": rule(405, anon=405, post=OFFICE_POST),
    "round_matches": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "round_match_decide": rule(405, anon=405, post=OFFICE_POST),
    "round_statistics": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "decision_publish": rule(405, anon=405, post=OFFICE_POST),
    "conference_honour_roll_year": rule(200, anon=200, post=GET_ONLY),
    "published_document_pdf": rule(404, anon=404, post=GET_ONLY),
    "invitations_job": rule(405, anon=405, post=OFFICE_POST),
    "delegates_export_job": rule(405, anon=405, post=OFFICE_POST),
    "conference_report_job": rule(405, anon=405, post=OFFICE_POST),
    "job_list": rule(200, post=GET_ONLY),
    "job_detail": rule(404, unit_a=200, post=GET_ONLY),
    "job_progress": rule(404, unit_a=200, post=GET_ONLY),
    "job_download": rule(404, unit_a=200, post=GET_ONLY),
    "job_retry": rule(
        405,
        anon=405,
        post=answers(
            anon=LOGIN, unit_a=ALLOWED, unit_b=404, office=404, council=404, secretary=404, director=404, superuser=404
        ),
    ),
    "outbox_list": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "register_list": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "register_export": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "register_document": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "register_document_file": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "outbox_act": rule(405, anon=405, post=OFFICE_POST),
    "outbox_message": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=OFFICE_POST),
    "outbox_attachment": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "outbox_templates": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=GET_ONLY),
    "outbox_template_edit": rule(OFFICE_ONLY, office=200, director=200, superuser=200, post=OFFICE_POST),
    "mailbox": rule(404, post=GET_ONLY),  # the demo's stored backend only; the suite uses locmem
    "mailbox_mail": rule(404, post=GET_ONLY),
    "notice_list": rule(200, post=GET_ONLY),
    "notice_bell": rule(200, post=GET_ONLY),
    "notice_open": rule(REDIRECT, post=GET_ONLY),
    "invitations_email": rule(405, anon=405, post=OFFICE_POST),
    "call_for_nominations": rule(405, anon=405, post=OFFICE_POST),
    "login": rule(200, anon=200),
    "logout": rule(405, anon=405, post=NOT_POSTED),
    "password_change": rule(200),
    "password_change_done": rule(200, post=GET_ONLY_SIGNED_IN),
    "two_factor": rule(REDIRECT),
    "set_language": rule(REDIRECT, anon=REDIRECT),
    "admin_change_log": rule(403, anon=ADMIN_LOGIN, unit_a=ADMIN_LOGIN, unit_b=ADMIN_LOGIN, superuser=200),
    "admin:index": admin_rule(200),
    "admin:login": admin_rule(REDIRECT, anon=200, unit_a=200, unit_b=200),
    "admin:logout": admin_rule(405, anon=REDIRECT, unit_a=REDIRECT, unit_b=REDIRECT, post=NOT_POSTED),
    "admin:password_change": admin_rule(200),
    "admin:password_change_done": admin_rule(
        200,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=405,
            council=405,
            secretary=405,
            director=405,
            superuser=405,
        ),
    ),
    "admin:autocomplete": admin_rule(
        403,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=405,
            council=405,
            secretary=405,
            director=405,
            superuser=405,
        ),
    ),
    "admin:jsi18n": admin_rule(
        200,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=405,
            council=405,
            secretary=405,
            director=405,
            superuser=405,
        ),
    ),
    "admin:view_on_site": admin_rule(404),
    "admin:otp_totp_totpdevice_config": admin_rule(403, superuser=200),
    "admin:auth_user_password_change": admin_rule(
        403, superuser=200, post=answers(**{**dict.fromkeys(ROLES, 403), **NON_STAFF, "superuser": ALLOWED})
    ),
    "admin:otp_totp_totpdevice_qrcode": admin_rule(403, superuser=200),
    "admin:awards_councilmeeting_open": admin_rule(
        405,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=ALLOWED,
            council=403,
            secretary=ALLOWED,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "admin:awards_councilmeeting_close": admin_rule(
        405,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=ALLOWED,
            council=403,
            secretary=ALLOWED,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "admin:awards_councilmeeting_create_ballots": admin_rule(
        405,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=ALLOWED,
            council=403,
            secretary=ALLOWED,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "admin:awards_councilmeeting_run": admin_rule(
        200,
        council=403,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=ALLOWED,
            council=403,
            secretary=ALLOWED,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "admin:awards_ballot_vote": admin_rule(200, office=403, superuser=403),
    "admin:awards_ballot_written_opinion": admin_rule(200, council=403),
    "admin:awards_ballot_counts": admin_rule(200, council=403),
    "admin:awards_ballot_open": admin_rule(
        405,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=ALLOWED,
            council=403,
            secretary=ALLOWED,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "admin:awards_ballot_close": admin_rule(
        405,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=ALLOWED,
            council=403,
            secretary=ALLOWED,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "admin:awards_ballot_revote": admin_rule(
        405,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=ALLOWED,
            council=403,
            secretary=ALLOWED,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "admin:awards_ballot_apply": admin_rule(
        405,
        post=answers(
            anon=ADMIN_LOGIN,
            unit_a=ADMIN_LOGIN,
            unit_b=ADMIN_LOGIN,
            office=ALLOWED,
            council=403,
            secretary=403,
            director=ALLOWED,
            superuser=ALLOWED,
        ),
    ),
    "admin:app_list": admin_rule(200),
    "route:admin/(?P<url>.*)$": admin_rule(404),
    "healthz": rule(200, anon=200, post=GET_ONLY),
}


# Registered ModelAdmins: per staff role, "GET POST" codes for changelist, add, change, history,
# delete and (models with django-simple-history) one version's page, in that order.
# 2 = 200, 3 = 403, 4 = 404, 5 = 405, r = a redirect (the admin's "no such object" back to the
# index, or the unit-scoped queryset hiding the row), "-" = an allowed POST, not sent.
# Visitors and unit staff (not is_staff) get the admin's login page for every one of them.
ADMIN = {
    "auth_group": {
        "office": "33333 33333",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "33333 33333",
        "superuser": "22222 -----",
    },
    "django_tasks_database_dbtaskresult": {
        "office": "333r3 333-3",
        "council": "333r3 333-3",
        "secretary": "333r3 333-3",
        "director": "333r3 333-3",
        "superuser": "23rr3 -33-3",
    },
    "axes_accessattempt": {
        "office": "333r3 333-3",
        "council": "333r3 333-3",
        "secretary": "333r3 333-3",
        "director": "333r3 333-3",
        "superuser": "23rrr -3---",
    },
    "axes_accesslog": {
        "office": "33333 33333",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "33333 33333",
        "superuser": "23222 -3---",
    },
    "axes_accessfailurelog": {
        "office": "333r3 333-3",
        "council": "333r3 333-3",
        "secretary": "333r3 333-3",
        "director": "333r3 333-3",
        "superuser": "23rrr -3---",
    },
    "otp_totp_totpdevice": {
        "office": "33333 33333",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "33333 33333",
        "superuser": "22222 -----",
    },
    "jobs_generatedfile": {
        "office": "33333 33333",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "33333 33333",
        "superuser": "23223 -33-3",
    },
    "reference_organisation": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "reference_unit": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "reference_conference": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "reference_movement": {
        "office": "22222 -----",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "22222 -----",
        "superuser": "22222 -----",
    },
    "reference_awardform": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "reference_quota": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "reference_staffprofile": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "auth_user": {
        "office": "33333 33333",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "33333 33333",
        "superuser": "22222 -----",
    },
    "nominations_nomination": {
        "office": "232232 -33-33",
        "council": "23rr3r -33-3-",
        "secretary": "23rr3r -33-3-",
        "director": "232232 -33-33",
        "superuser": "232222 -33--3",
    },
    "nominations_nominee": {
        "office": "232232 -3--33",
        "council": "232232 -33-33",
        "secretary": "232232 -33-33",
        "director": "232232 -3--33",
        "superuser": "232222 -3---3",
    },
    "nominations_commendationrecord": {
        "office": "222232 ----33",
        "council": "232232 -33-33",
        "secretary": "232232 -33-33",
        "director": "222232 ----33",
        "superuser": "222222 -----3",
    },
    "nominations_attachment": {
        "office": "23223 -33-3",
        "council": "23rr3 -33-3",
        "secretary": "23rr3 -33-3",
        "director": "23223 -33-3",
        "superuser": "23223 -33-3",
    },
    "awards_certificatelayout": {
        "office": "222232 ----33",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222232 ----33",
        "superuser": "222222 -----3",
    },
    "awards_certificateprint": {
        "office": "23223 -33-3",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "23223 -33-3",
        "superuser": "23223 -33-3",
    },
    "awards_councilmember": {
        "office": "222232 ----33",
        "council": "333333 333333",
        "secretary": "222232 ----33",
        "director": "222232 ----33",
        "superuser": "222222 -----3",
    },
    "awards_councilmeeting": {
        "office": "222232 --3-33",
        "council": "232232 -33-33",
        "secretary": "222232 --3-33",
        "director": "222232 --3-33",
        "superuser": "222222 --3--3",
    },
    "awards_ballot": {
        "office": "232232 -33-33",
        "council": "232232 -33-33",
        "secretary": "232232 -33-33",
        "director": "232232 -33-33",
        "superuser": "232232 -33-33",
    },
    "awards_votereceipt": {
        "office": "23223 -33-3",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "23223 -33-3",
        "superuser": "23223 -33-3",
    },
    "awards_legalbasis": {
        "office": "222232 ----33",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222232 ----33",
        "superuser": "222222 -----3",
    },
    "awards_signer": {
        "office": "222232 ----33",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222232 ----33",
        "superuser": "222222 -----3",
    },
    "awards_basesalary": {
        "office": "222232 ----33",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222232 ----33",
        "superuser": "222222 -----3",
    },
    "awards_rewardrule": {
        "office": "222232 ----33",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222232 ----33",
        "superuser": "222222 -----3",
    },
    "awards_decision": {
        "office": "232232 -33-33",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "232232 -33-33",
        "superuser": "232232 -33-33",
    },
    "awards_tiedecision": {
        "office": "23223 -33-3",
        "council": "33333 33333",
        "secretary": "23223 -33-3",
        "director": "23223 -33-3",
        "superuser": "23223 -33-3",
    },
    "registry_outgoingdocument": {
        "office": "232232 -33-33",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "232232 -33-33",
        "superuser": "232232 -33-33",
    },
    "registry_issuedfile": {
        "office": "23223 -33-3",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "23223 -33-3",
        "superuser": "23223 -33-3",
    },
    "registry_seriescounter": {
        "office": "23223 -33-3",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "23223 -33-3",
        "superuser": "23223 -33-3",
    },
    "awards_printeddocument": {
        "office": "23223 -33-3",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "23223 -33-3",
        "superuser": "23223 -33-3",
    },
    # Read-only, no model permission for any role: the superuser reads them (docs/next-round.md, "The admin").
    # The demo world has no such row (pk 0): the history and change pages redirect as for a missing object.
    "nominations_nomineematch": {
        "office": "333r3 33rr3",
        "council": "333r3 33rr3",
        "secretary": "333r3 33rr3",
        "director": "333r3 33rr3",
        "superuser": "23rr3 -33-3",
    },
    "awards_carriedaward": {
        "office": "333r3 33rr3",
        "council": "333r3 33rr3",
        "secretary": "333r3 33rr3",
        "director": "333r3 33rr3",
        "superuser": "23rr3 -33-3",
    },
    "nominations_eligibilityrule": {
        "office": "222232 ----33",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222232 ----33",
        "superuser": "222222 -----3",
    },
    "conference_awardpresenter": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "conference_checkin": {
        "office": "23223 -33-3",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "23223 -33-3",
        "superuser": "23223 -33-3",
    },
    "conference_delegategroup": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "conference_delegate": {
        "office": "222222 -----3",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "222222 -----3",
        "superuser": "222222 -----3",
    },
    "api_apitoken": {
        "office": "333333 333333",
        "council": "333333 333333",
        "secretary": "333333 333333",
        "director": "333333 333333",
        "superuser": "222232 --3-33",
    },
    "api_apirequestlog": {
        "office": "33333 33333",
        "council": "33333 33333",
        "secretary": "33333 33333",
        "director": "33333 33333",
        "superuser": "23223 -33-3",
    },
    "conference_agendaitem": {
        "office": "222224 -----3",
        "council": "333334 333333",
        "secretary": "333334 333333",
        "director": "222224 -----3",
        "superuser": "222224 -----3",
    },
}


# Parameters the admin's generated URLs use, filled by ``url_for`` without a URL_ARGS entry.
PARAMETERS_KNOWN = {"object_id", "member_id", "app_label", "content_type_id", "url"}
_ADMIN_MODEL_ROUTE = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/")


def expected_for(route: Route) -> Expect | None:
    """The table's answer for ``route``, or None when it is unclassified."""
    if route.key in EXPECTED:
        return EXPECTED[route.key]
    admin_name = split_admin_name(route.name or "")
    if admin_name and admin_name[1] in ADMIN_VIEW_ORDER and admin_name[0] in ADMIN:
        return _admin_expect(*admin_name)
    if _MODEL_OBJECT_REDIRECT.match(route.route):
        return admin_rule(REDIRECT, post=NOT_POSTED)
    if os.environ.get("PERMS_DISCOVER"):
        return Expect({})
    return None


def url_for(route: Route, world) -> str:
    """The concrete URL of ``route`` in ``world``."""
    if route.name in URL_ARGS:
        return fill(route.route, URL_ARGS[route.name](world))
    values: dict[str, object] = {"app_label": "nominations", "url": "no-such-page/"}
    positional: list[object] = []
    match = _ADMIN_MODEL_ROUTE.match(route.route)
    model = match and admin_models().get(f"{match['app']}_{match['model']}")
    if model is not None:
        values["object_id"] = world.admin_object_id(model)
        values["member_id"] = world.member.pk
        if "history/(" in route.route:  # simple_history's one-version page: (object id, history id)
            record = (
                model.history.filter(**{model._meta.pk.attname: values["object_id"]}).order_by("history_id").first()
            )
            positional = [values["object_id"], record.history_id if record else 0]
    if route.name == "admin:view_on_site":
        from django.contrib.contenttypes.models import ContentType

        values["content_type_id"] = ContentType.objects.get_for_model(type(world.nomination_a)).pk
        values["object_id"] = world.nomination_a.pk
    return fill(route.route, values, positional)


ADMIN_VIEW_ORDER = ("changelist", "add", "change", "history", "delete", "simple_history")
_CODES = {"2": 200, "3": 403, "4": 404, "5": 405, "r": REDIRECT, "-": ALLOWED}
_MODEL_OBJECT_REDIRECT = re.compile(r"^admin/\w+/\w+/<path:object_id>/$")  # the admin's old change URL


def _admin_expect(model: str, view: str) -> Expect | None:
    codes = ADMIN.get(model)
    if codes is None:
        return None
    get, post = {}, {}
    for role in ROLES:
        if role not in codes:  # not staff
            get[role] = post[role] = ADMIN_LOGIN
            continue
        get_codes, post_codes = codes[role].split()
        views = [v for v in ADMIN_VIEW_ORDER if v != "simple_history" or len(get_codes) == 6]
        index = views.index(view)
        get[role], post[role] = _CODES[get_codes[index]], _CODES[post_codes[index]]
    return Expect(get, post)
