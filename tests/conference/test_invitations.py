"""Conference day, agenda and invitations: the programme's times, the Giấy mời PDFs, the replies, the permissions.

Delegates are made here directly (numbers given), so these tests do not depend on the delegate
services. PDF tests run under ``no_weasyprint_warnings`` and read the PDF back with pdftotext/pypdf.
"""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from awards.models import PrintedDocument
from conference.documents.invitations import invitation_sheet, public_url
from conference.enums import AgendaKind, Rsvp
from conference.models import AgendaItem, Delegate, DelegateGroup
from conference.services import agenda as agenda_services
from conference.services import invitations as invitation_services
from nominations.enums import NominationStatus
from tests import factories as f
from tests.awards_documents_support import assert_only_liberation_serif, page_sizes, pdftotext
from tests.awards_documents_support import no_weasyprint_warnings as _no_weasyprint_warnings

no_weasyprint_warnings = _no_weasyprint_warnings
A4_PORTRAIT = (595.28, 841.89)
NAMES = [
    ("Nguyễn Văn An", "male", "Giám đốc", "Sở Tài chính tỉnh Hưng Yên"),
    ("Trần Thị Bích Ngọc", "female", "Phó Chủ tịch", "UBND huyện Văn Giang"),
    ("Lê Quang Đạo", "male", "Chánh Văn phòng", "Sở Nội vụ tỉnh Hưng Yên"),
]


@pytest.fixture
def day(conference):
    conference.date = datetime.date(2025, 12, 20)
    conference.start_time = datetime.time(8, 0)
    conference.end_time = datetime.time(11, 30)
    conference.venue = "Hội trường tầng 2, Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    conference.contact = "Bà Trần Thị Minh Thư, Chánh Văn phòng Sở, điện thoại 0221 3862 555"
    conference.save()
    return conference


@pytest.fixture
def group(day):
    return DelegateGroup.objects.create(conference=day, code="lanh-dao", name="Lãnh đạo các sở, ngành", target=10)


def make_delegate(conference, group, number, name, gender="male", position="", organisation=""):
    return Delegate.objects.create(
        conference=conference,
        group=group,
        invitation_number=number,
        full_name=name,
        gender=gender,
        position=position,
        organisation=organisation,
    )


@pytest.fixture
def delegates(day, group):
    return [make_delegate(day, group, n, *row) for n, row in enumerate(NAMES, start=1)]


@pytest.fixture
def agenda(day):
    return agenda_services.default_agenda(day)


# --------------------------------------------------------------------------- agenda


def times(conference):
    return [
        (item.kind, start.strftime("%H:%M"), end.strftime("%H:%M"))
        for item, start, end in agenda_services.schedule(conference)
    ]


def test_default_agenda_is_the_plans_seven_items_with_times_from_the_start(day, agenda):
    assert [item.kind for item in agenda] == [kind for kind, _title, _minutes in agenda_services.DEFAULT_ITEMS]
    assert agenda[0].title == "Tuyên bố lý do, giới thiệu đại biểu và khai mạc Hội nghị"
    assert agenda[-1].title == "Tổng kết, bế mạc Hội nghị"
    assert times(day) == [
        (AgendaKind.OPENING, "08:00", "08:10"),
        (AgendaKind.REPORT, "08:10", "08:40"),
        (AgendaKind.EXEMPLAR_TALK, "08:40", "09:10"),
        (AgendaKind.HONOURING, "09:10", "09:40"),
        (AgendaKind.LAUNCH, "09:40", "09:55"),
        (AgendaKind.CONGRESS_DELEGATES, "09:55", "10:05"),
        (AgendaKind.CLOSING, "10:05", "10:15"),
    ]


def test_a_second_default_agenda_is_refused(day, agenda):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        agenda_services.default_agenda(day)
    assert AgendaItem.objects.filter(conference=day).count() == 7


def test_moving_an_item_recomputes_every_time(day, agenda):
    launch = next(item for item in agenda if item.kind == AgendaKind.LAUNCH)
    agenda_services.move_item(launch, up=True)
    agenda_services.move_item(launch, up=True)
    assert times(day)[1:6] == [
        (AgendaKind.REPORT, "08:10", "08:40"),
        (AgendaKind.LAUNCH, "08:40", "08:55"),
        (AgendaKind.EXEMPLAR_TALK, "08:55", "09:25"),
        (AgendaKind.HONOURING, "09:25", "09:55"),
        (AgendaKind.CONGRESS_DELEGATES, "09:55", "10:05"),
    ]
    opening = agenda[0]
    agenda_services.move_item(opening, up=True)  # already first: nothing moves
    agenda_services.move_item(opening, down=True)
    assert [kind for kind, *_ in times(day)][:2] == [AgendaKind.REPORT, AgendaKind.OPENING]
    assert times(day)[0] == (AgendaKind.REPORT, "08:00", "08:30")


def test_a_longer_item_pushes_the_later_ones(day, agenda):
    AgendaItem.objects.filter(pk=agenda[1].pk).update(duration_minutes=45)
    assert times(day)[-1] == (AgendaKind.CLOSING, "10:20", "10:30")


def test_exemplar_talk_takes_an_approved_exemplar_only(day, agenda, nomination_a, nomination_b):
    from django.core.exceptions import ValidationError

    talk = next(item for item in agenda if item.kind == AgendaKind.EXEMPLAR_TALK)
    assert list(agenda_services.exemplar_nominations(day)) == []
    with pytest.raises(ValidationError):
        agenda_services.set_exemplar(talk, nomination_a)
    nomination_a.status = NominationStatus.APPROVED
    nomination_a.save()
    assert list(agenda_services.exemplar_nominations(day)) == [nomination_a]
    agenda_services.set_exemplar(talk, nomination_a)
    talk.refresh_from_db()
    assert talk.nomination == nomination_a
    assert talk.presenter == "Nguyễn Thị Hường, Chuyên viên, Phòng Quản lý khoa học"
    with pytest.raises(ValidationError):
        agenda_services.set_exemplar(agenda[0], nomination_a)


def test_agenda_pages_move_and_edit(office_client, day, agenda, nomination_a):
    nomination_a.status = NominationStatus.AWARDED
    nomination_a.save()
    response = office_client.get(reverse("agenda_list"))
    assert response.status_code == 200
    assert "08:40–09:10" in response.content.decode()
    talk = agenda[2]
    response = office_client.post(reverse("agenda_move", args=[talk.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert times(day)[1] == (AgendaKind.EXEMPLAR_TALK, "08:10", "08:40")
    response = office_client.post(
        reverse("agenda_edit", args=[talk.pk]),
        {"kind": AgendaKind.EXEMPLAR_TALK, "title": talk.title, "duration_minutes": 20, "nomination": nomination_a.pk},
    )
    assert response.status_code == 302
    talk.refresh_from_db()
    assert (talk.duration_minutes, talk.nomination_id) == (20, nomination_a.pk)
    assert talk.presenter.startswith("Nguyễn Thị Hường")
    response = office_client.post(
        reverse("agenda_edit", args=[agenda[0].pk]),
        {"kind": AgendaKind.OPENING, "title": "X", "duration_minutes": 10, "nomination": nomination_a.pk},
    )
    assert response.status_code == 200  # an opening is not an exemplar talk
    assert AgendaItem.objects.get(pk=agenda[0].pk).nomination_id is None


def test_default_agenda_button(office_client, day):
    assert office_client.post(reverse("agenda_default")).status_code == 302
    assert AgendaItem.objects.filter(conference=day).count() == 7


def test_agenda_pdf(office_client, day, agenda):
    response = office_client.get(reverse("agenda_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdftotext(response.content)
    assert "CHƯƠNG TRÌNH" in text
    assert "08h00 - 08h10" in text and "10h05 - 10h15" in text
    assert "Phát động phong trào thi đua giai đoạn 2025-2030" in text
    assert_only_liberation_serif(response.content)


# --------------------------------------------------------------------------- invitations


def test_each_letter_carries_its_own_absolute_url_and_qr(settings, day, delegates, agenda):
    settings.PUBLIC_BASE_URL = "https://hoinghi.example.vn/"
    sheet = invitation_sheet(day, delegates)
    assert [letter.url for letter in sheet.letters] == [
        f"https://hoinghi.example.vn/conference/rsvp/{d.token}/" for d in delegates
    ]
    assert len({d.token for d in delegates}) == 3
    assert all(len(d.token) >= 32 for d in delegates)
    for letter in sheet.letters:
        assert letter.qr.startswith("<svg") and 'class="segno"' in letter.qr


def test_public_url_defaults_to_loopback(day, delegates):
    assert public_url(delegates[0]) == f"http://127.0.0.1:8000/conference/rsvp/{delegates[0].token}/"


def test_all_invitations_in_one_pdf_one_page_each(office_client, day, group, delegates, agenda):
    make_delegate(day, group, 12, "Phạm Thị Thu Hà", "female", "Trưởng phòng", "Sở Y tế tỉnh Hưng Yên")
    response = office_client.get(reverse("invitations_pdf"))
    assert response.status_code == 200
    content = response.content
    assert page_sizes(content) == [A4_PORTRAIT] * 4
    assert_only_liberation_serif(content)
    expected = [
        (1, "Ông Nguyễn Văn An, Giám đốc, Sở Tài chính tỉnh Hưng Yên"),
        (2, "Bà Trần Thị Bích Ngọc, Phó Chủ tịch, UBND huyện Văn Giang"),
        (3, "Ông Lê Quang Đạo, Chánh Văn phòng, Sở Nội vụ tỉnh Hưng Yên"),
        (12, "Bà Phạm Thị Thu Hà, Trưởng phòng, Sở Y tế tỉnh Hưng Yên"),
    ]
    for page, (number, addressee) in enumerate(expected, start=1):
        text = pdftotext(content, page)
        # one draft of one document: every copy "DỰ THẢO", the number and the date left blank
        assert text.startswith("DỰ THẢO") and "/GM-SKHCN" in text and "Hưng Yên, ngày tháng năm" in text
        assert not re.search(r"\d/GM-SKHCN", text)
        assert addressee in text
        assert "GIẤY MỜI" in text
        assert "Sở Khoa học và Công nghệ trân trọng kính mời:" in text
        assert "Từ 08 giờ 00 đến 11 giờ 30, Thứ Bảy, ngày 20 tháng 12 năm 2025" in text
        assert "Hội trường tầng 2" in text
        assert "Bà Trần Thị Minh Thư" in text  # contact
        assert "Tổng kết, bế mạc Hội nghị" in text  # agenda summary
        others = [a for n, a in expected if n != number]
        assert not any(other.split(",")[0] in text for other in others)
    assert PrintedDocument.objects.filter(what=f"Giấy mời: Giấy-mời-{day.slug}-du-thao").count() == 1


def test_the_letters_carry_the_director_when_a_signer_exists(day, delegates):
    f.SignerFactory(organisation=day.organisation, full_name="Vũ Tuấn Anh", position="Giám đốc", order=2)
    f.SignerFactory(
        organisation=day.organisation,
        full_name="Trần Văn Phó",
        position="Phó Giám đốc",
        authority_prefix="KT. Giám đốc",
        order=1,
    )
    text = pdftotext(invitation_services.render_invitations(day, delegates[:1]))
    assert "GIÁM ĐỐC Vũ Tuấn Anh" in text
    assert "Trần Văn Phó" not in text


def test_one_delegates_invitation_alone(office_client, day, delegates):
    response = office_client.get(reverse("invitation_pdf", args=[delegates[1].pk]))
    assert response.status_code == 200
    assert len(page_sizes(response.content)) == 1
    text = pdftotext(response.content)
    assert "/GM-SKHCN" in text and "Trần Thị Bích Ngọc" in text and "Nguyễn Văn An" not in text
    assert not re.search(r"\d/GM-SKHCN", text)


def qr_matrix(svg: str) -> set[tuple[int, int]]:
    """The dark modules of a segno SVG: its path is rows of "h" runs (``M<x> <y>.5h<n>m<dx> <dy>h<n>…``)."""
    import re

    path = re.search(r' d="([^"]+)"', svg)[1]
    dark, x, y = set(), 0.0, 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((round(x) + i, int(y)) for i in range(int(a)))
            x += float(a)
    return dark


def test_each_letter_embeds_the_qr_code_of_its_own_url(day, delegates):
    import segno

    from hoinghi.pdf import render_html

    html = render_html(invitation_services.INVITATION_TEMPLATE, {"sheet": invitation_sheet(day, delegates)})
    letters = html.split('<div class="letter"')[1:]
    assert len(letters) == 3 == html.count("<svg")
    for delegate, chunk in zip(delegates, letters, strict=True):
        url = public_url(delegate)
        assert f'data-delegate="{delegate.pk}"' in chunk and delegate.full_name in chunk
        assert chunk.count(url) == 1  # printed once under the code
        svg = chunk[chunk.index("<svg") : chunk.index("</svg>")]
        expected = segno.make(url, error="m", micro=False)
        matrix = {(x + 2, y + 2) for y, row in enumerate(expected.matrix) for x, dark in enumerate(row) if dark}
        assert qr_matrix(svg) == matrix  # the drawn code is the code of this delegate's own URL
    assert "http://" not in html.replace("http://127.0.0.1:8000/conference/rsvp/", "").replace("http://www.w3.org/", "")


def test_a_qr_code_is_made_once_per_url_and_process(monkeypatch, day, delegates):
    import segno

    from conference.documents import invitations as documents

    made = []
    real_make = segno.make
    monkeypatch.setattr(segno, "make", lambda *args, **kwargs: made.append(args[0]) or real_make(*args, **kwargs))
    documents.qr_svg.cache_clear()
    urls = [public_url(d) for d in delegates]

    first = invitation_sheet(day, delegates)
    again = invitation_sheet(day, delegates)

    assert made == urls  # the second sheet made no code
    assert [letter.qr for letter in again.letters] == [letter.qr for letter in first.letters]
    assert all(a.qr is b.qr for a, b in zip(first.letters, again.letters, strict=True))
    assert documents.qr_svg.cache_info().maxsize == 4096


# --------------------------------------------------------------------------- replies


def test_office_sets_a_reply(office_client, delegates):
    url = reverse("delegate_rsvp", args=[delegates[0].pk])
    assert office_client.post(url, {"rsvp": Rsvp.SUBSTITUTE, "substitute_name": "  Hà  Văn   Thế "}).status_code == 302
    delegates[0].refresh_from_db()
    assert (delegates[0].rsvp, delegates[0].substitute_name) == (Rsvp.SUBSTITUTE, "Hà Văn Thế")
    office_client.post(url, {"rsvp": Rsvp.CONFIRMED, "substitute_name": "Hà Văn Thế"})
    delegates[0].refresh_from_db()
    assert (delegates[0].rsvp, delegates[0].substitute_name) == (Rsvp.CONFIRMED, "")
    page = office_client.get(reverse("invitation_list")).content.decode()
    assert "Nguyễn Văn An" in page and "Lê Quang Đạo" in page
    assert reverse("rsvp", args=[delegates[2].token]) in page  # the Office may resend the private link


def test_delegate_replies_through_the_private_link(anon_client, delegates):
    me, other = delegates[0], delegates[1]
    url = reverse("rsvp", args=[me.token])
    page = anon_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nguyễn Văn An" in text
    assert not any(name in text for name, *_ in NAMES[1:])
    assert not any(organisation in text for *_, organisation in NAMES[1:])
    assert page["Cache-Control"] == "no-store"

    assert anon_client.post(url, {"rsvp": Rsvp.CONFIRMED}).status_code == 302
    me.refresh_from_db()
    assert (me.rsvp, me.substitute_name) == (Rsvp.CONFIRMED, "")

    anon_client.post(url, {"rsvp": Rsvp.DECLINED})
    me.refresh_from_db()
    assert (me.rsvp, me.substitute_name) == (Rsvp.DECLINED, "")

    anon_client.post(url, {"rsvp": Rsvp.SUBSTITUTE, "substitute_name": ""})  # no name: refused
    me.refresh_from_db()
    assert me.rsvp == Rsvp.DECLINED

    anon_client.post(url, {"rsvp": Rsvp.SUBSTITUTE, "substitute_name": "Đỗ Minh Tuấn"})
    me.refresh_from_db()
    assert (me.rsvp, me.substitute_name) == (Rsvp.SUBSTITUTE, "Đỗ Minh Tuấn")

    anon_client.post(url, {"rsvp": Rsvp.INVITED})  # a delegate cannot reset to "invited"
    me.refresh_from_db()
    assert me.rsvp == Rsvp.SUBSTITUTE
    other.refresh_from_db()
    assert (other.rsvp, other.substitute_name) == (Rsvp.INVITED, "")


def test_unknown_or_altered_token_is_404(anon_client, delegates):
    assert anon_client.get(reverse("rsvp", args=["nope"])).status_code == 404
    assert anon_client.get(reverse("rsvp", args=[delegates[0].token.upper()])).status_code == 404
    assert anon_client.post(reverse("rsvp", args=["nope"]), {"rsvp": Rsvp.CONFIRMED}).status_code == 404


def test_office_visitor_gets_the_check_in_link_when_check_in_exists(office_client, anon_client, delegates):
    from conference.views.invitations import checkin_link

    link = checkin_link(delegates[0])
    office_page = office_client.get(reverse("rsvp", args=[delegates[0].token])).content.decode()
    anon_page = anon_client.get(reverse("rsvp", args=[delegates[0].token])).content.decode()
    assert 'data-testid="rsvp-checkin"' not in anon_page
    assert ('data-testid="rsvp-checkin"' in office_page) == (link is not None)


# --------------------------------------------------------------------------- permissions


def office_views(delegate, item):
    return [
        ("get", reverse("agenda_list")),
        ("post", reverse("agenda_default")),
        ("get", reverse("agenda_pdf")),
        ("get", reverse("agenda_edit", args=[item.pk])),
        ("post", reverse("agenda_move", args=[item.pk])),
        ("get", reverse("invitation_list")),
        ("get", reverse("invitations_pdf")),
        ("get", reverse("invitation_pdf", args=[delegate.pk])),
        ("post", reverse("delegate_rsvp", args=[delegate.pk])),
    ]


def test_permission_matrix(office_client, client_b, council_client, anon_client, delegates, agenda):
    for method, url in office_views(delegates[0], agenda[0]):
        assert getattr(office_client, method)(url).status_code in (200, 302), url
        assert getattr(client_b, method)(url).status_code == 403, url
        assert getattr(council_client, method)(url).status_code == 403, url
        response = getattr(anon_client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    for client in (office_client, client_b, anon_client):
        assert client.get(reverse("rsvp", args=[delegates[0].token])).status_code == 200
    assert delegates[0].rsvp == Rsvp.INVITED


def test_agenda_admin_pages_render(office_client, agenda, nomination_a):
    nomination_a.status = NominationStatus.APPROVED
    nomination_a.save()
    assert office_client.get(reverse("admin:conference_agendaitem_changelist")).status_code == 200
    page = office_client.get(reverse("admin:conference_agendaitem_change", args=[agenda[2].pk]))
    assert page.status_code == 200
    assert "Nguyễn Thị Hường" in page.content.decode()  # the approved exemplar is offered


# --- issue 9: the private page in a real browser; a CSRF failure in Vietnamese ---------------------

CSRF_TITLE = "Không gửi được biểu mẫu"
CSRF_TEXT = [
    "Vì lý do an toàn, trang không nhận biểu mẫu này: có thể trang đã mở quá lâu, hoặc trình duyệt đang "
    "chặn cookie của trang. Chưa có gì được lưu.",
    "Hãy quay lại trang, tải lại trang rồi gửi lại.",
]


def test_private_page_lets_the_browser_send_its_origin(anon_client, delegates):
    """``no-referrer`` made Chromium post with ``Origin: null`` (403); ``same-origin`` sends the real one."""
    response = anon_client.get(reverse("rsvp", args=[delegates[0].token]))
    assert (response["Referrer-Policy"], response["Cache-Control"]) == ("same-origin", "no-store")


def test_csrf_failure_is_a_vietnamese_page_with_a_way_back(delegates, testid_texts):
    """A post with ``Origin: null`` (what Chromium sent under ``no-referrer``): 403, in Vietnamese, nothing saved."""
    browser = Client(enforce_csrf_checks=True)
    url = reverse("rsvp", args=[delegates[0].token])
    browser.get(url)
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        url, {"rsvp": Rsvp.CONFIRMED, "csrfmiddlewaretoken": token}, HTTP_ORIGIN="null", HTTP_HOST="testserver"
    )
    assert response.status_code == 403
    assert testid_texts(response, "csrf-title") == [CSRF_TITLE]
    assert testid_texts(response, "csrf-text") == CSRF_TEXT
    assert testid_texts(response, "csrf-back") == ["Quay lại trang"]
    assert f'href="{url}" data-testid="csrf-back"' in response.content.decode()
    assert "CSRF verification failed" not in response.content.decode()
    delegates[0].refresh_from_db()
    assert delegates[0].rsvp == Rsvp.INVITED


def test_csrf_failure_goes_back_to_the_page_the_form_was_on(office_user, delegates, testid_texts):
    """Without a token, from the Office's invitations page: the way back is that page (the Referer)."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(office_user)
    page = reverse("invitation_list")
    response = browser.post(
        reverse("delegate_rsvp", args=[delegates[0].pk]),
        {"rsvp": Rsvp.DECLINED},
        HTTP_REFERER=f"http://testserver{page}?x=1",
    )
    assert response.status_code == 403
    assert testid_texts(response, "csrf-title") == [CSRF_TITLE]
    assert f'href="{page}?x=1" data-testid="csrf-back"' in response.content.decode()
    post_url = reverse("delegate_rsvp", args=[delegates[0].pk])
    other_site = browser.post(post_url, {"rsvp": Rsvp.DECLINED}, HTTP_REFERER="https://evil.example/x")
    assert f'href="{post_url}" data-testid="csrf-back"' in other_site.content.decode()  # never another site
    assert "evil.example" not in other_site.content.decode()
    delegates[0].refresh_from_db()
    assert delegates[0].rsvp == Rsvp.INVITED
