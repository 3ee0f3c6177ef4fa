"""The movement reports' one transition map and function: who may move, what is recorded, what is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from movements import services
from movements.enums import ReportStatus as S
from movements.transitions import REPORTS
from tests.movements.conftest import fill


def test_the_map_is_pinned():
    assert REPORTS.pairs() == {
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
        (S.SUBMITTED, S.ACCEPTED),
        (S.RETURNED, S.RESUBMITTED),
        (S.RESUBMITTED, S.RETURNED),
        (S.RESUBMITTED, S.ACCEPTED),
    }


def reasons(report):
    rows = report.history.exclude(history_change_reason=None).order_by("history_date", "history_id")
    return [(row.history_change_reason, row.history_user.username) for row in rows]


def test_the_whole_round_is_recorded(report_a, staff_a, office_user):
    fill(report_a, staff_a)
    services.transition(report_a, S.SUBMITTED, by=staff_a)
    services.transition(report_a, S.RETURNED, by=office_user, note="Bổ sung số liệu đề tài")
    assert report_a.status_note == "Bổ sung số liệu đề tài"
    services.transition(report_a, S.RESUBMITTED, by=staff_a)
    assert report_a.status_note == ""
    services.transition(report_a, S.ACCEPTED, by=office_user)
    assert report_a.status == S.ACCEPTED
    assert reasons(report_a) == [
        ("draft → submitted", "donvi-a"),
        ("submitted → returned: Bổ sung số liệu đề tài", "vanphong"),
        ("returned → resubmitted", "donvi-a"),
        ("resubmitted → accepted", "vanphong"),
    ]


def test_submitting_needs_results_and_every_figure(report_a, staff_a):
    with pytest.raises(ValidationError) as caught:
        services.transition(report_a, S.SUBMITTED, by=staff_a)
    assert caught.value.messages == [
        "Hãy ghi kết quả đạt được.",
        "Hãy nhập số liệu cho mọi chỉ tiêu: Sáng kiến được công nhận; Đề tài được nghiệm thu.",
    ]
    report_a.refresh_from_db()
    assert report_a.status == S.DRAFT


def test_a_unit_cannot_review_and_the_office_must_give_a_reason(report_a, staff_a, office_user):
    fill(report_a, staff_a)
    services.transition(report_a, S.SUBMITTED, by=staff_a)
    with pytest.raises(PermissionDenied):
        services.transition(report_a, S.ACCEPTED, by=staff_a)
    with pytest.raises(ValidationError) as caught:
        services.transition(report_a, S.RETURNED, by=office_user, note="  ")
    assert caught.value.messages == ["Ghi rõ lý do để đơn vị biết và xử lý."]
    report_a.refresh_from_db()
    assert report_a.status == S.SUBMITTED


def test_another_unit_may_not_touch_the_report(report_a, staff_a, staff_b):
    fill(report_a, staff_a)
    with pytest.raises(PermissionDenied):
        services.transition(report_a, S.SUBMITTED, by=staff_b)
    with pytest.raises(PermissionDenied):
        fill(report_a, staff_b)


def test_a_move_outside_the_map_is_refused(report_a, office_user):
    with pytest.raises(ValidationError) as caught:
        services.transition(report_a, S.ACCEPTED, by=office_user)
    assert caught.value.messages == ["Báo cáo phong trào đang “Nháp” không thể chuyển sang “Đã tiếp nhận”."]


def test_a_submitted_report_cannot_be_edited(report_a, staff_a):
    fill(report_a, staff_a)
    services.transition(report_a, S.SUBMITTED, by=staff_a)
    with pytest.raises(PermissionDenied):
        fill(report_a, staff_a, values=(9, 9))
    assert sorted(report_a.figures.values_list("value", flat=True)) == [2, 3]
