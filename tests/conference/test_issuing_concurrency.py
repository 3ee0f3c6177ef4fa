"""Two clerks issuing at once (PostgreSQL): consecutive numbers, never the same; one document issued once."""

import datetime

from django.contrib.auth.models import User

from conference.services import issuing
from hoinghi.letterhead import Signature
from registry.models import OutgoingDocument
from registry.services import RegisterError
from tests import factories as f
from tests.concurrency import at_once, postgresql_only, race

SIGNATURE = Signature("", "GIÁM ĐỐC", "Nguyễn Văn Giám")
ON = datetime.date(2025, 7, 5)


def _issue(code: str, conference_pk: int, user_pk: int):
    def call():
        from reference.models import Conference

        conference = Conference.objects.select_related("organisation").get(pk=conference_pk)
        record = issuing.issue(
            issuing.TYPES[code], conference, on=ON, signer=SIGNATURE, recipients=["- Lưu: VT, VP."],
            by=User.objects.get(pk=user_pk),
        )  # fmt: skip
        return record.number_label

    return call


@postgresql_only
@race
def test_two_clerks_issue_two_reports_at_once_and_get_consecutive_numbers(migrated_rows, office_user):
    conference = f.ConferenceFactory()
    results = at_once(_issue("report", conference.pk, office_user.pk), _issue("summary", conference.pk, office_user.pk))
    assert sorted(results) == [("ok", "01/BC-SKHCN"), ("ok", "02/BC-SKHCN")]


@postgresql_only
@race
def test_two_clerks_issue_the_same_report_at_once_and_it_is_issued_once(migrated_rows, office_user):
    conference = f.ConferenceFactory()
    call = _issue("report", conference.pk, office_user.pk)
    results = at_once(call, call, expected=(RegisterError,))
    assert sorted(status for status, _value in results) == ["ok", "refused"]
    assert list(OutgoingDocument.objects.values_list("number", "status")) == [(1, "issued")]
