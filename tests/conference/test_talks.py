"""Exemplars' talks (issue 13 §3): the workflow's map, upload checks, review, scope, the agenda's link."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conference.enums import AgendaKind
from conference.enums import TalkStatus as T
from conference.models import AgendaItem, ExemplarTalk
from conference.services import talks
from conference.transitions import TALKS
from hoinghi.transitions import parse_reason
from nominations.enums import NominationStatus
from tests import factories as f
from tests.awards_documents_support import pdftotext


def pdf(name="tham-luan.pdf"):
    return SimpleUploadedFile(name, f.PDF_BYTES, content_type="application/pdf")


def exe(name="tham-luan.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")


def talk_item(conference, nomination, order=3):
    nomination.status = NominationStatus.APPROVED
    nomination.save()
    return AgendaItem.objects.create(
        conference=conference,
        order=order,
        kind=AgendaKind.EXEMPLAR_TALK,
        title="Báo cáo tham luận của các điển hình tiên tiến",
        nomination=nomination,
        presenter=nomination.nominee.full_name,
    )


@pytest.fixture
def item_a(conference, nomination_a):
    return talk_item(conference, nomination_a)


@pytest.fixture
def item_b(conference, nomination_b):
    return talk_item(conference, nomination_b, order=4)


def test_the_map_is_pinned():
    assert TALKS.pairs() == {
        (T.SUBMITTED, T.RETURNED),
        (T.SUBMITTED, T.ACCEPTED),
        (T.RETURNED, T.RESUBMITTED),
        (T.RESUBMITTED, T.RETURNED),
        (T.RESUBMITTED, T.ACCEPTED),
    }


def reasons(talk):
    return [parse_reason(r.history_change_reason) for r in talk.history.order_by("history_date", "history_id")]


def test_workflow_upload_return_resubmit_accept(media_root, item_a, staff_a, office_user,
                                                django_capture_on_commit_callbacks):  # fmt: skip
    talk = talks.upload_talk(item_a, pdf(), title="Đổi mới sáng tạo ở cơ sở", by=staff_a)
    assert (talk.status, talk.original_name, talk.extension) == (T.SUBMITTED, "tham-luan.pdf", ".pdf")
    with pytest.raises(ValidationError) as error:
        talks.review(talk, T.RETURNED, by=office_user, note="")
    assert error.value.messages == ["Ghi rõ lý do để đơn vị biết và xử lý."]
    with pytest.raises(PermissionDenied):
        talks.review(talk, T.ACCEPTED, by=staff_a)
    talks.review(talk, T.RETURNED, by=office_user, note="Rút gọn còn 5 phút đọc.")
    with django_capture_on_commit_callbacks(execute=True):
        talk = talks.upload_talk(item_a, pdf("ban-2.pdf"), title="Đổi mới sáng tạo ở cơ sở (bản 2)", by=staff_a)
    assert (talk.status, talk.status_note, talk.original_name) == (T.RESUBMITTED, "", "ban-2.pdf")
    talks.review(talk, T.ACCEPTED, by=office_user)
    with pytest.raises(ValidationError) as error:
        talks.upload_talk(item_a, pdf(), title="Bản 3", by=staff_a)
    assert error.value.messages == ["Tham luận đã được chấp nhận, không thể thay thế."]
    moves = [(m.frm, m.to, m.note) for m in reasons(talk) if m is not None]
    assert moves == [
        ("", "submitted", ""),
        ("submitted", "returned", "Rút gọn còn 5 phút đọc."),
        ("returned", "resubmitted", ""),
        ("resubmitted", "accepted", ""),
    ]
    assert len(list((media_root / "talks").rglob("*.pdf"))) == 1  # the replaced file is gone


def test_a_renamed_program_is_refused_in_vietnamese(media_root, item_a, client_a):
    url = reverse("talk_detail", args=[item_a.pk])
    response = client_a.post(url, {"title": "Tham luận", "file": exe()})
    assert response.status_code == 400
    assert "Tệp này là một chương trình, không phải tài liệu, nên đã bị từ chối." in response.content.decode()
    assert ExemplarTalk.objects.count() == 0
    assert not (media_root / "talks").exists()


def test_a_spreadsheet_or_big_file_is_refused(media_root, item_a, office_user, settings):
    for name, content in (("bang.xlsx", f.xlsx_bytes()), ("anh.png", f.png_bytes())):
        with pytest.raises(ValidationError) as error:
            talks.upload_talk(item_a, SimpleUploadedFile(name, content), title="Tham luận", by=office_user)
        assert error.value.code == "bad_type"
    big = SimpleUploadedFile("to.pdf", f.PDF_BYTES + b"0" * talks.TALK_MAX_BYTES)
    with pytest.raises(ValidationError) as error:
        talks.upload_talk(item_a, big, title="Tham luận", by=office_user)
    assert error.value.code == "too_large"
    docx = SimpleUploadedFile("tham-luan.docx", f.docx_bytes())
    talk = talks.upload_talk(item_a, docx, title="Tham luận", by=office_user)
    assert (talk.extension, talk.status) == (".docx", T.SUBMITTED)
    assert ExemplarTalk.objects.count() == 1


def test_scope_pages_and_another_units_404(media_root, item_a, item_b, client_a, client_b, office_client,
                                           council_client, office_user):  # fmt: skip
    talks.upload_talk(item_a, pdf(), title="Đổi mới sáng tạo ở cơ sở", by=office_user)
    page = client_a.get(reverse("talk_list")).content.decode()
    assert "Nguyễn Thị Hường" in page and "Đặng Văn Bình" not in page
    assert client_b.get(reverse("talk_detail", args=[item_a.pk])).status_code == 404
    assert client_b.get(reverse("talk_file", args=[item_a.pk])).status_code == 404
    assert client_b.post(reverse("talk_detail", args=[item_a.pk]), {"title": "x", "file": pdf()}).status_code == 404
    download = client_a.get(reverse("talk_file", args=[item_a.pk]))
    assert (download.status_code, b"".join(download.streaming_content)) == (200, f.PDF_BYTES)
    assert client_a.post(reverse("talk_review", args=[item_a.pk]), {"to": "accepted"}).status_code == 403
    assert council_client.get(reverse("talk_list")).status_code == 403
    response = office_client.post(reverse("talk_review", args=[item_a.pk]), {"to": "accepted"})
    assert response.status_code == 302
    assert ExemplarTalk.objects.get().status == T.ACCEPTED
    office_page = office_client.get(reverse("talk_list")).content.decode()
    assert "Nguyễn Thị Hường" in office_page and "Đặng Văn Bình" in office_page


def test_the_agenda_links_the_accepted_talk(media_root, item_a, item_b, office_client, office_user):
    talk = talks.upload_talk(item_a, pdf(), title="Đổi mới sáng tạo ở cơ sở", by=office_user)
    page = office_client.get(reverse("agenda_list")).content.decode()
    assert reverse("talk_file", args=[item_a.pk]) not in page
    talks.review(talk, T.ACCEPTED, by=office_user)
    page = office_client.get(reverse("agenda_list")).content.decode()
    assert reverse("talk_file", args=[item_a.pk]) in page
    assert "Tham luận: Đổi mới sáng tạo ở cơ sở" in page
    text = pdftotext(office_client.get(reverse("agenda_pdf")).content)
    assert "Báo cáo tham luận của các điển hình tiên tiến Tham luận: “Đổi mới sáng tạo ở cơ sở”" in text


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_reads_in_constant_queries(media_root, conference, unit_a, giay_khen, staff_a, office_client,
                                            office_user, count):  # fmt: skip
    for i in range(count):
        nominee = f.NomineeFactory(full_name=f"Điển Hình {i}", unit=unit_a)
        nomination = f.NominationFactory(
            conference=conference, nominee=nominee, proposing_unit=unit_a, award_form=giay_khen, created_by=staff_a
        )
        talks.upload_talk(talk_item(conference, nomination, order=i), pdf(), title=f"Tham luận {i}", by=office_user)
    office_client.get(reverse("talk_list"))  # warm the session and the caches
    with CaptureQueriesContext(connection) as queries:
        response = office_client.get(reverse("talk_list"))
    assert response.content.decode().count('data-testid="talk-row"') == count
    assert len(queries) == QUERIES


QUERIES = 4  # session, user with its roles, conference, the items with their talks: the same for 1 and 3 rows
