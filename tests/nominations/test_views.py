"""Every browser view for each persona: allowed, other unit (404), anonymous (login), read-only (403).

Messages are compared with the same gettext call under the site language, so the tests pass
with and without a compiled Vietnamese catalog. The attachment views are in the anonymous and
other-unit matrices here; what they store and serve is in test_attachments.py, the workflow
rules behind nomination_transition in test_workflow.py. The Excel views are tested in test_excel.py.
"""

import datetime
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from nominations.enums import NominationStatus as S
from nominations.models import CommendationRecord, Nomination, Nominee
from nominations.validation import MIN_AGE, MIN_BIRTH_YEAR
from reference.enums import NomineeKind
from tests import factories as f
from tests.nominations_support import move_rows, moves

ORG_NAME = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
UNIT_A = "Phòng Quản lý khoa học"
UNIT_B = "Phòng Chuyển đổi số"
GIAY_KHEN = "Giấy khen của Giám đốc Sở"
ORG = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def tr(msgid, **params):
    """The message as the site shows it: gettext under the site language, then formatted."""
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext(msgid)
        return text % {k: str(v) for k, v in params.items()} if params else text


def label(choice):
    with translation.override(settings.LANGUAGE_CODE):
        return str(choice.label)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def names(page):
    return [n.nominee.full_name for n in page]


def login_redirect(path):
    return f"/accounts/login/?next={path}"


def template_names(response):
    return [t.name for t in response.templates]


def nominate(conference, unit, name, *, by, award_form, kind=NomineeKind.INDIVIDUAL, movements=(), **options):
    """A nomination of ``unit`` for ``name`` (nominee working in that unit)."""
    nominee_options = {k[len("nominee__") :]: options.pop(k) for k in list(options) if k.startswith("nominee__")}
    if kind == NomineeKind.COLLECTIVE:
        nominee_options = {"gender": "", "birth_year": None, "position": "", "parent_body": ORG_NAME} | nominee_options
    else:
        nominee_options = {"unit": unit} | nominee_options
    nominee = f.NomineeFactory(kind=kind, full_name=name, **nominee_options)
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit,
        award_form=award_form,
        created_by=by,
        movements=list(movements),
        **options,
    )


def individual_post(movement, unit, award_form, **overrides):
    """A complete individual nomination as the browser posts it, with one history row."""
    data = {
        "full_name": "Trần Văn Minh",
        "gender": "male",
        "birth_date": "05/09/1985",
        "birth_year": "",
        "position": "Chuyên viên chính",
        "unit": str(unit.pk),
        "proposing_unit": str(unit.pk),
        "award_form": str(award_form.pk),
        "movements": [str(movement.pk)],
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
        "history-TOTAL_FORMS": "2",
        "history-INITIAL_FORMS": "0",
        "history-MIN_NUM_FORMS": "0",
        "history-MAX_NUM_FORMS": "30",
        "history-0-year": "2023",
        "history-0-title": "Chiến sĩ thi đua cơ sở",
        "history-0-decision_number": "123/QĐ-SKHCN",
        "history-0-decision_date": "15/12/2023",
        "history-0-issuer": "Giám đốc Sở Khoa học và Công nghệ",
        "history-1-year": "",
        "history-1-title": "",
        "history-1-decision_number": "",
        "history-1-decision_date": "",
        "history-1-issuer": "",
    }
    data.update(overrides)
    return data


def counts():
    return (
        Nominee.objects.count(),
        Nomination.objects.count(),
        CommendationRecord.objects.count(),
        len(moves()),
    )


@pytest.fixture
def attachment_a(nomination_a, staff_a, media_root):
    return f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)


@pytest.fixture
def attachment_b(nomination_b, staff_b, media_root):
    return f.AttachmentFactory(nomination=nomination_b, uploaded_by=staff_b, original_name="Báo cáo của B.pdf")


# --- Anonymous: every page sends to the login page with the exact ``next`` -------------------------------

ANONYMOUS_CASES = [
    ("get", "dashboard", None),
    ("get", "nomination_list", None),
    ("get", "review_queue", None),
    ("get", "nomination_create", "individual"),
    ("post", "nomination_create", "collective"),
    ("get", "nomination_detail", "nomination"),
    ("get", "nomination_edit", "nomination"),
    ("post", "nomination_edit", "nomination"),
    ("post", "nomination_transition", "nomination"),
    ("post", "attachment_upload", "nomination"),
    ("get", "attachment_download", "attachment"),
    ("post", "attachment_delete", "attachment"),
    ("get", "password_change", None),
    ("get", "password_change_done", None),
]


@pytest.mark.parametrize(("method", "name", "arg"), ANONYMOUS_CASES, ids=[f"{m}-{n}" for m, n, _ in ANONYMOUS_CASES])
def test_view_anonymous_redirects_to_login(anon_client, nomination_a, attachment_a, method, name, arg):
    args = {"nomination": [nomination_a.public_id], "attachment": [attachment_a.public_id], None: []}.get(arg, [arg])
    path = reverse(name, args=args)
    before = counts()

    response = getattr(anon_client, method)(path, {"to": S.SUBMITTED} if method == "post" else None)

    assert response.status_code == 302
    assert response["Location"] == login_redirect(path)
    assert counts() == before
    assert Nomination.objects.get(pk=nomination_a.pk).status == S.DRAFT


# --- Other unit: unit A staff on unit B's records get 404, and B's data stays as it was ------------------


@pytest.mark.parametrize(
    ("method", "name", "target"),
    [
        ("get", "nomination_detail", "nomination"),
        ("get", "nomination_edit", "nomination"),
        ("post", "nomination_edit", "nomination"),
        ("post", "nomination_transition", "nomination"),
        ("post", "attachment_upload", "nomination"),
        ("get", "attachment_download", "attachment"),
        ("post", "attachment_delete", "attachment"),
    ],
)
def test_view_other_unit_is_not_found(
    client_a, client_b, nomination_b, attachment_b, movement, unit_b, giay_khen, method, name, target
):
    obj = nomination_b if target == "nomination" else attachment_b
    path = reverse(name, args=[obj.public_id])
    data = individual_post(movement, unit_b, giay_khen, full_name="Nguyễn Văn Sửa", to=S.WITHDRAWN)

    response = getattr(client_a, method)(path, data if method == "post" else None)

    assert response.status_code == 404
    assert template_names(response)[0] == "404.html"
    assert "Đặng Văn Bình" not in response.content.decode()
    nomination_b.refresh_from_db()
    assert (nomination_b.status, nomination_b.nominee.full_name, nomination_b.attachments.count()) == (
        S.DRAFT,
        "Đặng Văn Bình",
        1,
    )
    # B's own staff reach the very same record: the 404 is scoping, not a missing row.
    assert client_b.get(reverse("nomination_detail", args=[nomination_b.public_id])).status_code == 200


def test_nomination_detail_unknown_id_is_not_found(office_client, nomination_a):
    response = office_client.get(reverse("nomination_detail", args=[uuid.uuid4()]))

    assert response.status_code == 404
    assert template_names(response)[0] == "404.html"


# --- Dashboard ----------------------------------------------------------------------------------------


@pytest.fixture
def dashboard_data(conference, unit_a, unit_b, giay_khen, bang_khen, movement, quotas, staff_a, staff_b):
    """Nominations across both units, both award forms, both kinds and several statuses."""
    rows = [
        (unit_a, "Nguyễn Thị Hường", giay_khen, NomineeKind.INDIVIDUAL, S.DRAFT),
        (unit_a, "Lê Văn Tâm", giay_khen, NomineeKind.INDIVIDUAL, S.ACCEPTED),
        (unit_a, "Tổ Công nghệ thông tin", bang_khen, NomineeKind.COLLECTIVE, S.SUBMITTED),
        (unit_a, "Phạm Văn Rút", giay_khen, NomineeKind.INDIVIDUAL, S.WITHDRAWN),
        (unit_b, "Đặng Văn Bình", giay_khen, NomineeKind.INDIVIDUAL, S.ACCEPTED),
        (unit_b, "Vũ Thị Hương", bang_khen, NomineeKind.INDIVIDUAL, S.RETURNED),
        (unit_b, "Trung tâm Ứng dụng", bang_khen, NomineeKind.COLLECTIVE, S.REJECTED),
    ]
    for unit, name, form, kind, status in rows:
        by = staff_a if unit == unit_a else staff_b
        nominate(conference, unit, name, by=by, award_form=form, kind=kind, status=status, movements=[movement])


def _status_table(by_status):
    return [(row["status"], row["count"]) for row in by_status]


def _bounds(quota):
    return quota.minimum, quota.maximum


def _quota_table(by_award):
    return [
        (r["quota"].award_form.name, r["quota"].kind, r["proposed"], r["accepted"], *_bounds(r["quota"]))
        for r in by_award
    ]


def test_dashboard_office_counts_every_unit(office_client, dashboard_data, testid_texts):
    response = office_client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert _status_table(response.context["by_status"]) == [
        (S.DRAFT, 1),
        (S.SUBMITTED, 1),
        (S.RETURNED, 1),
        (S.RESUBMITTED, 0),
        (S.ACCEPTED, 2),
        (S.REJECTED, 1),
        (S.WITHDRAWN, 1),
        (S.APPROVED, 0),
        (S.NOT_APPROVED, 0),
        (S.AWARDED, 0),
    ]
    assert response.context["total"] == 7
    # Proposed = sent to the Office, rejected included; drafts and withdrawn dossiers do not count.
    assert _quota_table(response.context["by_award"]) == [
        (GIAY_KHEN, NomineeKind.COLLECTIVE, 0, 0, 5, 10),
        (GIAY_KHEN, NomineeKind.INDIVIDUAL, 2, 2, 5, 10),
        (BANG_KHEN, NomineeKind.COLLECTIVE, 2, 0, 5, 10),
        (BANG_KHEN, NomineeKind.INDIVIDUAL, 1, 0, 5, 10),
    ]
    assert response.context["by_unit"] == [
        {"unit": UNIT_A, "proposed": 2, "accepted": 1, "approved": 0, "awarded": 0},
        {"unit": UNIT_B, "proposed": 3, "accepted": 1, "approved": 0, "awarded": 0},
    ]
    statuses = " ".join(f"{label(s)} {n}" for s, n in [(S.DRAFT, 1), (S.SUBMITTED, 1), (S.RETURNED, 1)])
    assert testid_texts(response, "by-status")[0].startswith(statuses)
    assert testid_texts(response, "by-status")[0].endswith(f"{tr('Total')} 7")


def test_dashboard_unit_staff_counts_only_own_unit(client_a, dashboard_data):
    response = client_a.get(reverse("dashboard"))

    assert _status_table(response.context["by_status"]) == [
        (S.DRAFT, 1),
        (S.SUBMITTED, 1),
        (S.RETURNED, 0),
        (S.RESUBMITTED, 0),
        (S.ACCEPTED, 1),
        (S.REJECTED, 0),
        (S.WITHDRAWN, 1),
        (S.APPROVED, 0),
        (S.NOT_APPROVED, 0),
        (S.AWARDED, 0),
    ]
    assert response.context["total"] == 4
    assert _quota_table(response.context["by_award"]) == [
        (GIAY_KHEN, NomineeKind.COLLECTIVE, 0, 0, 5, 10),
        (GIAY_KHEN, NomineeKind.INDIVIDUAL, 1, 1, 5, 10),
        (BANG_KHEN, NomineeKind.COLLECTIVE, 1, 0, 5, 10),
        (BANG_KHEN, NomineeKind.INDIVIDUAL, 0, 0, 5, 10),
    ]
    assert response.context["by_unit"] == [{"unit": UNIT_A, "proposed": 2, "accepted": 1, "approved": 0, "awarded": 0}]


def test_dashboard_council_counts_only_accepted(council_client, dashboard_data):
    response = council_client.get(reverse("dashboard"))

    assert [n for _, n in _status_table(response.context["by_status"])] == [0, 0, 0, 0, 2, 0, 0, 0, 0, 0]
    assert response.context["total"] == 2
    assert response.context["by_unit"] == [
        {"unit": UNIT_A, "proposed": 1, "accepted": 1, "approved": 0, "awarded": 0},
        {"unit": UNIT_B, "proposed": 1, "accepted": 1, "approved": 0, "awarded": 0},
    ]
    # A council member gets no "propose" buttons.
    assert reverse("nomination_create", args=["individual"]) not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("office_client", [1, 0, 0, 0, 1, 0, 0, 1, 1, 1]),
        ("client_a", [1, 0, 0, 0, 1, 0, 0, 1, 1, 1]),
        ("council_client", [0, 0, 0, 0, 1, 0, 0, 1, 1, 1]),
    ],
)
def test_dashboard_counts_council_outcomes(request, conference, unit_a, giay_khen, staff_a, persona, expected):
    statuses = [S.DRAFT, S.ACCEPTED, S.APPROVED, S.NOT_APPROVED, S.AWARDED]
    for status, given in zip(statuses, ["An", "Bình", "Cường", "Dũng", "Đức"], strict=True):
        nominate(conference, unit_a, f"Lê Văn {given}", by=staff_a, award_form=giay_khen, status=status)

    response = request.getfixturevalue(persona).get(reverse("dashboard"))

    assert _status_table(response.context["by_status"]) == list(zip(S, expected, strict=True))
    assert response.context["total"] == sum(expected)


def test_dashboard_quota_above_maximum_is_flagged(office_client, conference, unit_a, giay_khen, quotas, staff_a):
    quota = quotas[1]  # giấy khen, individual
    quota.minimum, quota.maximum = 1, 2
    quota.save()
    for name in ("Lê Văn An", "Lê Văn Bình", "Lê Văn Cường"):
        nominate(conference, unit_a, name, by=staff_a, award_form=giay_khen, status=S.ACCEPTED)

    response = office_client.get(reverse("dashboard"))

    row = response.context["by_award"][1]
    assert (row["proposed"], row["accepted"], row["above_maximum"], row["below_minimum"]) == (3, 3, True, False)
    assert response.content.decode().count(tr("over the maximum")) == 1


# --- Nomination list ----------------------------------------------------------------------------------


def test_nomination_list_office_sees_every_unit(office_client, nomination_a, nomination_b, testid_texts):
    response = office_client.get(reverse("nomination_list"))

    assert response.status_code == 200
    # Given name first: Bình < Hường
    assert names(response.context["page"]) == ["Đặng Văn Bình", "Nguyễn Thị Hường"]
    individual, draft = label(NomineeKind.INDIVIDUAL), label(S.DRAFT)
    assert testid_texts(response, "nomination-row") == [
        f"1 Ông Đặng Văn Bình {individual} Chuyên viên, {UNIT_B}, {ORG} {UNIT_B} {GIAY_KHEN} {draft}",
        f"2 Bà Nguyễn Thị Hường {individual} Chuyên viên, {UNIT_A}, {ORG} {UNIT_A} {GIAY_KHEN} {draft}",
    ]


def test_nomination_list_unit_staff_sees_only_own_unit(client_a, nomination_a, nomination_b):
    response = client_a.get(reverse("nomination_list"))

    assert names(response.context["page"]) == ["Nguyễn Thị Hường"]
    assert "Đặng Văn Bình" not in response.content.decode()
    # No unit filter for unit staff: they have only one unit.
    assert "proposing_unit" not in response.context["filter"].form.fields


def test_nomination_list_council_sees_only_what_was_put_to_it(
    council_client, conference, unit_a, unit_b, giay_khen, staff_a
):
    given_names = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Khánh", "Lâm", "Minh"]
    for status, given in zip(S, given_names, strict=True):
        nominate(conference, unit_a, f"Lê Văn {given}", by=staff_a, award_form=giay_khen, status=status)
    nominate(conference, unit_b, "Đặng Văn Bảo", by=staff_a, award_form=giay_khen, status=S.ACCEPTED)

    response = council_client.get(reverse("nomination_list"))

    # Unit A's accepted (Đức), approved (Khánh), not approved (Lâm) and awarded (Minh) ones, and unit B's
    # accepted one; never a draft, a dossier under review, a rejected or a withdrawn one.
    assert names(response.context["page"]) == [
        "Đặng Văn Bảo",
        "Lê Văn Đức",
        "Lê Văn Khánh",
        "Lê Văn Lâm",
        "Lê Văn Minh",
    ]
    assert [n.status for n in response.context["page"]] == [
        S.ACCEPTED,
        S.ACCEPTED,
        S.APPROVED,
        S.NOT_APPROVED,
        S.AWARDED,
    ]


# session, user, conference, groups, [staff profile, unit], [units filter], count, movements and award forms
# filters, rows, movements of the rows, duplicates of the page.
@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("persona", "queries"), [("office_client", 10), ("client_a", 11)])
def test_nomination_list_query_count_is_constant(
    request, django_assert_num_queries, conference, unit_a, giay_khen, movement, staff_a, rows, persona, queries
):
    client = request.getfixturevalue(persona)
    for name in ["Nguyễn Thị Hường", "Đặng Văn An", "Lê Thị Ăn"][:rows]:
        nominate(conference, unit_a, name, by=staff_a, award_form=giay_khen, movements=[movement])

    with django_assert_num_queries(queries):
        response = client.get(reverse("nomination_list"))

    assert len(response.context["page"]) == rows


VIETNAMESE_NAMES = [
    "Nguyễn Thị Hường",
    "Đặng Văn An",
    "Lê Thị Ăn",
    "Trần Văn Ân",
    "Phạm Anh",
    "Vũ Thị Hương",
    "Bùi Văn Dũng",
    "Hoàng Văn Đức",
]
VIETNAMESE_ORDER = [
    "Đặng Văn An",
    "Phạm Anh",
    "Lê Thị Ăn",
    "Trần Văn Ân",
    "Bùi Văn Dũng",
    "Hoàng Văn Đức",
    "Vũ Thị Hương",
    "Nguyễn Thị Hường",
]


@pytest.fixture
def vietnamese_names(conference, unit_a, giay_khen, movement, staff_a):
    for name in VIETNAMESE_NAMES:
        position = "Bí thư Chi bộ Đảng" if name == "Hoàng Văn Đức" else "Chuyên viên"
        nominate(
            conference, unit_a, name, by=staff_a, award_form=giay_khen, movements=[movement], nominee__position=position
        )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen thi huong", ["Nguyễn Thị Hường"]),
        ("Nguyễn Thị Hường", ["Nguyễn Thị Hường"]),
        ("  NGUYEN   huong ", ["Nguyễn Thị Hường"]),
        # "dang" is folded: Đặng in a name, and Đảng in a position.
        ("dang", ["Đặng Văn An", "Hoàng Văn Đức"]),
        ("đặng", ["Đặng Văn An", "Hoàng Văn Đức"]),
        ("huong", ["Vũ Thị Hương", "Nguyễn Thị Hường"]),
        ("an", ["Đặng Văn An", "Phạm Anh", "Lê Thị Ăn", "Trần Văn Ân", "Bùi Văn Dũng", "Hoàng Văn Đức"]),
        ("duc", ["Hoàng Văn Đức"]),
        ("xyz", []),
    ],
)
def test_nomination_list_search_folds_vietnamese(office_client, vietnamese_names, query, expected):
    response = office_client.get(reverse("nomination_list"), {"q": query})

    assert names(response.context["page"]) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, VIETNAMESE_ORDER),
        ({"sort": "name"}, VIETNAMESE_ORDER),
        ({"sort": "-name"}, list(reversed(VIETNAMESE_ORDER))),
    ],
)
def test_nomination_list_sorts_in_vietnamese_order(office_client, vietnamese_names, params, expected):
    response = office_client.get(reverse("nomination_list"), params)

    assert names(response.context["page"]) == expected


def test_nomination_list_sort_by_unit_then_name(
    office_client, nomination_a, nomination_b, conference, unit_a, giay_khen, staff_a
):
    nominate(conference, unit_a, "Trần Văn An", by=staff_a, award_form=giay_khen)

    response = office_client.get(reverse("nomination_list"), {"sort": "unit"})

    assert names(response.context["page"]) == ["Trần Văn An", "Nguyễn Thị Hường", "Đặng Văn Bình"]


@pytest.fixture
def filter_data(conference, unit_a, unit_b, giay_khen, bang_khen, movement, staff_a, nomination_a, nomination_b):
    """nomination_a (A, giấy khen, movement, individual, draft), nomination_b (B, same), and one more."""
    other_movement = f.MovementFactory(conference=conference, name="Chuyển đổi số")
    nominate(
        conference,
        unit_a,
        "Tổ Công nghệ thông tin",
        by=staff_a,
        award_form=bang_khen,
        kind=NomineeKind.COLLECTIVE,
        status=S.SUBMITTED,
        movements=[other_movement],
    )
    return {"other_movement": other_movement}


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        ("proposing_unit", "unit_a", ["Nguyễn Thị Hường", "Tổ Công nghệ thông tin"]),
        ("proposing_unit", "unit_b", ["Đặng Văn Bình"]),
        ("movements", "movement", ["Đặng Văn Bình", "Nguyễn Thị Hường"]),
        ("movements", "other_movement", ["Tổ Công nghệ thông tin"]),
        ("award_form", "giay_khen", ["Đặng Văn Bình", "Nguyễn Thị Hường"]),
        ("award_form", "bang_khen", ["Tổ Công nghệ thông tin"]),
        ("kind", NomineeKind.COLLECTIVE, ["Tổ Công nghệ thông tin"]),
        ("kind", NomineeKind.INDIVIDUAL, ["Đặng Văn Bình", "Nguyễn Thị Hường"]),
        ("status", S.SUBMITTED, ["Tổ Công nghệ thông tin"]),
        ("status", S.DRAFT, ["Đặng Văn Bình", "Nguyễn Thị Hường"]),
        ("status", S.ACCEPTED, []),
    ],
)
def test_nomination_list_filter_narrows_to_exact_set(request, office_client, filter_data, param, value, expected):
    if value in filter_data:
        value = filter_data[value].pk
    elif value in {"unit_a", "unit_b", "movement", "giay_khen", "bang_khen"}:
        value = request.getfixturevalue(value).pk

    response = office_client.get(reverse("nomination_list"), {param: value})

    assert names(response.context["page"]) == expected


def test_nomination_list_paginates_by_25(office_client, conference, unit_a, giay_khen, staff_a):
    for i in range(30):
        nominate(conference, unit_a, f"Lê Văn Số{i:02d}", by=staff_a, award_form=giay_khen)

    first = office_client.get(reverse("nomination_list"))
    cursor = first.context["page"].next_cursor
    second = office_client.get(reverse("nomination_list"), {"after": cursor})

    assert (len(first.context["page"]), len(second.context["page"])) == (25, 5)
    assert names(first.context["page"]) + names(second.context["page"]) == [f"Lê Văn Số{i:02d}" for i in range(30)]
    assert first.context["page"].count == 30
    assert f'href="?after={cursor}"' in first.content.decode()
    assert tr("Rows %(start)s–%(end)s of %(total)s", start=26, end=30, total=30) in second.content.decode()


def test_nomination_list_marks_possible_duplicates(
    office_client, conference, unit_a, unit_b, giay_khen, staff_a, nomination_a
):
    # The same person (name, year of birth, work unit) proposed again, by unit B this time.
    nominate(
        conference,
        unit_b,
        "Nguyễn Thị Hường",
        by=staff_a,
        award_form=giay_khen,
        nominee__unit=unit_a,
        nominee__birth_year=1985,
    )
    nominate(conference, unit_a, "Lê Văn Khác", by=staff_a, award_form=giay_khen)

    response = office_client.get(reverse("nomination_list"))

    page = response.context["page"]
    assert [(n.nominee.full_name, n.has_duplicate) for n in page] == [
        ("Nguyễn Thị Hường", True),
        ("Nguyễn Thị Hường", True),
        ("Lê Văn Khác", False),
    ]
    assert response.content.decode().count(f">{tr('possible duplicate')}</span>") == 2


# --- Review queue -------------------------------------------------------------------------------------


def _submitted(conference, unit, name, by, award_form, minutes_ago, status=S.SUBMITTED):
    return nominate(
        conference,
        unit,
        name,
        by=by,
        award_form=award_form,
        status=status,
        submitted_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


def test_review_queue_office_sees_submitted_oldest_first(
    office_client, conference, unit_a, unit_b, giay_khen, staff_a, staff_b, nomination_a
):
    _submitted(conference, unit_a, "Lê Văn Mới", staff_a, giay_khen, 5)
    _submitted(conference, unit_b, "Đặng Văn Cũ", staff_b, giay_khen, 60, status=S.RESUBMITTED)
    _submitted(conference, unit_a, "Vũ Văn Giữa", staff_a, giay_khen, 30)
    nominate(conference, unit_b, "Trần Văn Nhận", by=staff_b, award_form=giay_khen, status=S.ACCEPTED)

    response = office_client.get(reverse("review_queue"))

    assert response.status_code == 200
    assert names(response.context["page"]) == ["Đặng Văn Cũ", "Vũ Văn Giữa", "Lê Văn Mới"]
    assert template_names(response)[0] == "nominations/review_queue.html"


@pytest.mark.parametrize("persona", ["client_a", "council_client"])
def test_review_queue_not_office_is_forbidden(request, conference, unit_a, giay_khen, staff_a, persona):
    _submitted(conference, unit_a, "Lê Văn Mới", staff_a, giay_khen, 5)

    response = request.getfixturevalue(persona).get(reverse("review_queue"))

    assert response.status_code == 403
    assert template_names(response)[0] == "403.html"
    assert "Lê Văn Mới" not in response.content.decode()


# session, user, groups, conference, count, rows, movements of the rows, duplicates of the page,
# and for the eligibility verdicts: the history rows, the links to earlier rounds and the rules.
@pytest.mark.parametrize("rows", [1, 3])
def test_review_queue_query_count_is_constant(
    django_assert_num_queries, office_client, conference, unit_a, giay_khen, movement, staff_a, rows
):
    for i, name in enumerate(["Nguyễn Thị Hường", "Đặng Văn An", "Lê Thị Ăn"][:rows]):
        _submitted(conference, unit_a, name, staff_a, giay_khen, i)

    with django_assert_num_queries(10):
        response = office_client.get(reverse("review_queue"))

    assert len(response.context["page"]) == rows


# session, user, conference, groups, [staff profile, unit], counts by status, by unit,
# by award form and kind, quotas.
@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("persona", "queries"), [("office_client", 7), ("client_a", 9)])
def test_dashboard_query_count_is_constant(
    request, django_assert_num_queries, conference, unit_a, giay_khen, quotas, staff_a, rows, persona, queries
):
    client = request.getfixturevalue(persona)
    for name in ["Nguyễn Thị Hường", "Đặng Văn An", "Lê Thị Ăn"][:rows]:
        nominate(conference, unit_a, name, by=staff_a, award_form=giay_khen, status=S.SUBMITTED)

    with django_assert_num_queries(queries):
        response = client.get(reverse("dashboard"))

    assert response.context["total"] == rows


# --- Create -------------------------------------------------------------------------------------------


def test_nomination_create_form_unit_staff_proposing_unit_is_fixed(client_a, conference, unit_a, movement):
    response = client_a.get(reverse("nomination_create", args=["individual"]))

    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.fields) == [
        "full_name",
        "gender",
        "birth_date",
        "birth_year",
        "position",
        "unit",
        "proposing_unit",
        "award_form",
        "movements",
        "achievement_summary",
        "under_discipline",
        "discipline_note",
    ]
    assert form.fields["proposing_unit"].disabled is True
    assert list(form.fields["proposing_unit"].queryset) == [unit_a]
    assert (form.fields["proposing_unit"].initial, form.fields["unit"].initial) == (unit_a, unit_a)
    assert list(form.fields["movements"].queryset) == [movement]
    assert response.context["formset"].prefix == "history"


def test_nomination_create_form_collective_fields(office_client, conference, unit_a, unit_b):
    response = office_client.get(reverse("nomination_create", args=["collective"]))

    form = response.context["form"]
    assert list(form.fields) == [
        "full_name",
        "parent_body",
        "proposing_unit",
        "award_form",
        "movements",
        "achievement_summary",
        "under_discipline",
        "discipline_note",
    ]
    assert form.fields["parent_body"].initial == ORG_NAME
    assert form.fields["proposing_unit"].disabled is False
    assert list(form.fields["proposing_unit"].queryset) == [unit_a, unit_b]


def test_nomination_create_unknown_kind_is_not_found(client_a, conference):
    response = client_a.get(reverse("nomination_create", args=["robot"]))

    assert response.status_code == 404


def test_nomination_create_individual_saves_exact_rows(
    client_a, conference, unit_a, unit_b, bang_khen, movement, staff_a
):
    data = individual_post(
        movement,
        unit_a,
        bang_khen,
        full_name="  Nguye\u0302\u0303n   Thi\u0323 Hu\u031bo\u031b\u0300ng ",  # typed as NFD, with stray spaces
        gender="female",
        position="  Chuyên viên   chính ",
        achievement_summary="  Hoàn thành xuất sắc nhiệm vụ.\r\n  Sa\u0301ng kiến cấp cơ sở.  ",
    )

    response = client_a.post(reverse("nomination_create", args=["individual"]), data)

    nomination = Nomination.objects.get()
    nominee = nomination.nominee
    assert response.status_code == 302
    assert response["Location"] == f"/nominations/{nomination.public_id}/"
    assert {
        "kind": nominee.kind,
        "full_name": nominee.full_name,
        "gender": nominee.gender,
        "birth_date": nominee.birth_date,
        "birth_year": nominee.birth_year,
        "position": nominee.position,
        "unit": nominee.unit,
        "parent_body": nominee.parent_body,
    } == {
        "kind": NomineeKind.INDIVIDUAL,
        "full_name": "Nguyễn Thị Hường",
        "gender": "female",
        "birth_date": datetime.date(1985, 9, 5),
        "birth_year": 1985,
        "position": "Chuyên viên chính",
        "unit": unit_a,
        "parent_body": "",
    }
    assert nominee.full_name.encode() == "Nguyễn Thị Hường".encode()  # NFC bytes, not only equal-looking
    assert nominee.identity_key == f"i|nguyen thi huong|1985|{unit_a.pk}"
    assert (
        nomination.conference,
        nomination.proposing_unit,
        nomination.award_form,
        nomination.achievement_summary,
        nomination.status,
        nomination.status_note,
        nomination.created_by,
        list(nomination.movements.all()),
    ) == (
        conference,
        unit_a,
        bang_khen,
        "Hoàn thành xuất sắc nhiệm vụ.\nSáng kiến cấp cơ sở.",
        S.DRAFT,
        "",
        staff_a,
        [movement],
    )
    assert list(nominee.commendations.values("year", "title", "decision_number", "decision_date", "issuer")) == [
        {
            "year": 2023,
            "title": "Chiến sĩ thi đua cơ sở",
            "decision_number": "123/QĐ-SKHCN",
            "decision_date": datetime.date(2023, 12, 15),
            "issuer": "Giám đốc Sở Khoa học và Công nghệ",
        }
    ]
    assert move_rows(nomination) == [("", S.DRAFT, staff_a.pk, "")]
    assert messages_of(response) == [
        tr("The nomination was saved as a draft. Attach the achievement report, then submit.")
    ]


def test_nomination_create_collective_saves_exact_rows(
    office_client, conference, unit_b, giay_khen, movement, office_user
):
    data = individual_post(movement, unit_b, giay_khen, full_name=" Tổ  Chuyển đổi số ", parent_body=f" {ORG_NAME} ")
    for name in ("gender", "birth_date", "birth_year", "position", "unit"):
        data.pop(name)

    response = office_client.post(reverse("nomination_create", args=["collective"]), data)

    nomination = Nomination.objects.get()
    assert response["Location"] == f"/nominations/{nomination.public_id}/"
    assert (
        nomination.nominee.kind,
        nomination.nominee.full_name,
        nomination.nominee.parent_body,
        nomination.nominee.gender,
        nomination.nominee.birth_year,
        nomination.nominee.unit,
        nomination.proposing_unit,
        nomination.created_by,
    ) == (NomineeKind.COLLECTIVE, "Tổ Chuyển đổi số", ORG_NAME, "", None, None, unit_b, office_user)


def test_nomination_create_unit_staff_posting_other_unit_saves_for_own_unit(
    client_a, conference, unit_a, unit_b, giay_khen, movement
):
    # The field is disabled for unit staff: Django ignores the posted value and keeps the initial one.
    data = individual_post(movement, unit_a, giay_khen, proposing_unit=str(unit_b.pk))

    response = client_a.post(reverse("nomination_create", args=["individual"]), data)

    nomination = Nomination.objects.get()
    assert response["Location"] == f"/nominations/{nomination.public_id}/"
    assert nomination.proposing_unit == unit_a
    assert Nomination.objects.filter(proposing_unit=unit_b).count() == 0


def test_nomination_create_office_chooses_proposing_unit(
    office_client, conference, unit_a, unit_b, giay_khen, movement
):
    data = individual_post(movement, unit_a, giay_khen, proposing_unit=str(unit_b.pk))

    office_client.post(reverse("nomination_create", args=["individual"]), data)

    assert list(Nomination.objects.values_list("proposing_unit", "nominee__unit")) == [(unit_b.pk, unit_a.pk)]


def _latest_birth_year():
    return timezone.localdate().year - MIN_AGE


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        pytest.param(
            {"full_name": "Nguyễn V. An"},
            {"full_name": ["Write the full name without abbreviations."]},
            id="abbreviated",
        ),
        pytest.param(
            {"full_name": "Nguyễn V An"}, {"full_name": ["Write the full name without abbreviations."]}, id="initial"
        ),
        pytest.param(
            {"full_name": "Hường"}, {"full_name": ["Write the full name (family name and given name)."]}, id="one-word"
        ),
        pytest.param({"full_name": "Nguyễn Văn 2"}, {"full_name": ["A name cannot contain digits."]}, id="digits"),
        pytest.param({"gender": ""}, {"gender": ["This field is required."]}, id="no-gender"),
        pytest.param({"movements": []}, {"movements": ["This field is required."]}, id="no-movement"),
        pytest.param(
            {"birth_date": "", "birth_year": "1900"},
            {"birth_year": ["The year of birth must be between %(first)s and %(last)s."]},
            id="birth-year-too-early",
        ),
        pytest.param(
            {"birth_date": "", "birth_year": str(_latest_birth_year() + 1)},
            {"birth_year": ["The year of birth must be between %(first)s and %(last)s."]},
            id="birth-year-too-young",
        ),
        pytest.param(
            {"birth_date": "", "birth_year": ""},
            {"birth_date": ["Give the date or at least the year of birth."]},
            id="no-birth",
        ),
        pytest.param(
            {"history-0-year": "1960"},
            {"history-0-year": ["The year must be between %(first)s and %(last)s."]},
            id="history-year",
        ),
    ],
)
def test_nomination_create_bad_input_rerenders_and_saves_nothing(
    client_a, conference, unit_a, giay_khen, movement, overrides, errors
):
    data = individual_post(movement, unit_a, giay_khen, **overrides)
    before = counts()
    bounds = {"first": MIN_BIRTH_YEAR, "last": _latest_birth_year()}
    if "history-0-year" in errors:
        bounds = {"first": 1975, "last": timezone.localdate().year}

    response = client_a.post(reverse("nomination_create", args=["individual"]), data)

    assert response.status_code == 200
    assert template_names(response)[0] == "nominations/form.html"
    form_errors = dict(response.context["form"].errors)
    history_errors = {
        f"history-{i}-{name}": errs
        for i, form in enumerate(response.context["formset"])
        for name, errs in form.errors.items()
    }
    expected = {key: [tr(m, **bounds) if "%(" in m else tr(m) for m in msgs] for key, msgs in errors.items()}
    assert form_errors | history_errors == expected
    assert counts() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_nomination_create_council_member_is_forbidden(council_client, conference, unit_a, giay_khen, movement, method):
    data = individual_post(movement, unit_a, giay_khen) if method == "post" else None

    response = getattr(council_client, method)(reverse("nomination_create", args=["individual"]), data)

    assert response.status_code == 403
    assert template_names(response)[0] == "403.html"
    assert counts() == (0, 0, 0, 0)


def test_nomination_create_same_person_twice_warns(
    client_a, client_b, conference, unit_a, unit_b, giay_khen, movement, nomination_a
):
    # Unit B proposes unit A's Nguyễn Thị Hường (born 1985) again; the name is typed without the same normal form.
    data = individual_post(
        movement,
        unit_a,
        giay_khen,
        full_name="Nguye\u0302\u0303n Thi\u0323 Hu\u031bo\u031b\u0300ng",
        gender="female",
        birth_date="",
        birth_year="1985",
    )

    response = client_b.post(reverse("nomination_create", args=["individual"]), data)

    created = Nomination.objects.exclude(pk=nomination_a.pk).get()
    assert created.proposing_unit == unit_b
    assert messages_of(response) == [
        tr("The nomination was saved as a draft. Attach the achievement report, then submit."),
        tr("The same nominee is already proposed in this conference by: %(units)s.", units=UNIT_A),
    ]


def test_nomination_detail_duplicate_warning_names_other_unit(
    client_a, conference, unit_a, unit_b, bang_khen, staff_b, nomination_a, testid_texts
):
    nominate(
        conference,
        unit_b,
        "Nguyễn Thị Hường",
        by=staff_b,
        award_form=bang_khen,
        nominee__unit=unit_a,
        nominee__birth_year=1985,
    )

    response = client_a.get(reverse("nomination_detail", args=[nomination_a.public_id]))

    assert testid_texts(response, "duplicate-warning") == [
        tr("The same nominee is also proposed by %(unit)s (%(form)s) in this conference.", unit=UNIT_B, form=BANG_KHEN)
    ]


def test_nomination_detail_withdrawn_duplicate_is_not_warned(
    client_a, conference, unit_a, unit_b, giay_khen, staff_b, nomination_a, testid_texts
):
    nominate(
        conference,
        unit_b,
        "Nguyễn Thị Hường",
        by=staff_b,
        award_form=giay_khen,
        nominee__unit=unit_a,
        nominee__birth_year=1985,
        status=S.WITHDRAWN,
    )

    response = client_a.get(reverse("nomination_detail", args=[nomination_a.public_id]))

    assert testid_texts(response, "duplicate-warning") == []


# --- Detail -------------------------------------------------------------------------------------------


def test_nomination_detail_owner_sees_dossier_and_actions(client_a, nomination_a, testid_texts):
    response = client_a.get(reverse("nomination_detail", args=[nomination_a.public_id]))

    assert response.status_code == 200
    assert response.context["nomination"] == nomination_a
    assert testid_texts(response, "nominee-name") == ["Bà Nguyễn Thị Hường"]
    assert testid_texts(response, "award-form") == [GIAY_KHEN]
    assert response.context["can_edit"] is True
    assert response.context["targets"] == [S.SUBMITTED, S.WITHDRAWN]
    assert response.context["problems"] == [tr("Attach the achievement report.")]
    assert testid_texts(response, "upload-form") != []


@pytest.mark.parametrize(("status", "code"), [(S.DRAFT, 404), (S.SUBMITTED, 404), (S.REJECTED, 404), (S.ACCEPTED, 200)])
def test_nomination_detail_council_reads_only_accepted(council_client, nomination_a, status, code):
    Nomination.objects.filter(pk=nomination_a.pk).update(status=status)

    response = council_client.get(reverse("nomination_detail", args=[nomination_a.public_id]))

    assert response.status_code == code
    if code == 200:
        assert (response.context["can_edit"], response.context["targets"]) == (False, [])
        assert reverse("nomination_edit", args=[nomination_a.public_id]) not in response.content.decode()


# --- Edit ---------------------------------------------------------------------------------------------


def test_nomination_edit_form_is_filled_from_the_dossier(client_a, nomination_a, unit_a, giay_khen, movement):
    CommendationRecord.objects.create(
        nominee=nomination_a.nominee, year=2022, title="Lao động tiên tiến", category="advanced_labourer"
    )
    CommendationRecord.objects.create(
        nominee=nomination_a.nominee, year=2023, title="Giấy chứng nhận", category="initiative"
    )

    response = client_a.get(reverse("nomination_edit", args=[nomination_a.public_id]))

    assert response.status_code == 200
    assert response.context["form"].initial == {
        "full_name": "Nguyễn Thị Hường",
        "gender": "female",
        "birth_date": None,
        "birth_year": 1985,
        "position": "Chuyên viên",
        "unit": unit_a.pk,
        "parent_body": "",
        "proposing_unit": unit_a.pk,
        "award_form": giay_khen.pk,
        "movements": [movement.pk],
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
        "under_discipline": False,
        "discipline_note": "",
        "version": 1,
    }
    # A category the title already names shows as "from the title"; one chosen otherwise is kept.
    assert response.context["formset"].initial == [
        {
            "year": 2022,
            "title": "Lao động tiên tiến",
            "category": "",
            "decision_number": "",
            "decision_date": None,
            "issuer": "",
        },
        {
            "year": 2023,
            "title": "Giấy chứng nhận",
            "category": "initiative",
            "decision_number": "",
            "decision_date": None,
            "issuer": "",
        },
    ]


def test_nomination_edit_saves_changes_and_replaces_history(client_a, nomination_a, unit_a, bang_khen, movement):
    CommendationRecord.objects.create(nominee=nomination_a.nominee, year=2022, title="Lao động tiên tiến")
    data = individual_post(
        movement,
        unit_a,
        bang_khen,
        full_name="Nguyễn Thị  Hường ",
        gender="female",
        birth_date="",
        birth_year="1986",
        **{"history-INITIAL_FORMS": "0"},
    )

    response = client_a.post(reverse("nomination_edit", args=[nomination_a.public_id]), data)

    nomination_a.refresh_from_db()
    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert (nomination_a.nominee.full_name, nomination_a.nominee.birth_year, nomination_a.award_form) == (
        "Nguyễn Thị Hường",
        1986,
        bang_khen,
    )
    assert list(nomination_a.nominee.commendations.values_list("year", "title")) == [(2023, "Chiến sĩ thi đua cơ sở")]
    assert messages_of(response) == [tr("Your changes were saved.")]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("client_a", S.SUBMITTED),
        ("client_a", S.ACCEPTED),
        ("council_client", S.ACCEPTED),
        ("office_client", S.ACCEPTED),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_nomination_edit_when_not_editable_is_forbidden(
    request, nomination_a, unit_a, bang_khen, movement, persona, status, method
):
    Nomination.objects.filter(pk=nomination_a.pk).update(status=status)
    data = individual_post(movement, unit_a, bang_khen, full_name="Trần Văn Đổi") if method == "post" else None

    response = getattr(request.getfixturevalue(persona), method)(
        reverse("nomination_edit", args=[nomination_a.public_id]), data
    )

    assert response.status_code == 403
    assert tr("This nomination cannot be changed in its current status.") in response.content.decode()
    nomination_a.refresh_from_db()
    assert (nomination_a.nominee.full_name, nomination_a.award_form.code) == ("Nguyễn Thị Hường", "giay-khen")


# --- Transition (workflow details are in test_workflow.py) ----------------------------------------------


def test_nomination_transition_owner_submits_complete_dossier(client_a, nomination_a, staff_a, media_root):
    f.AttachmentFactory(nomination=nomination_a, uploaded_by=staff_a)

    response = client_a.post(reverse("nomination_transition", args=[nomination_a.public_id]), {"to": S.SUBMITTED})

    nomination_a.refresh_from_db()
    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert nomination_a.status == S.SUBMITTED
    assert messages_of(response) == [tr("The nomination is now “%(status)s”.", status=label(S.SUBMITTED))]


def test_nomination_transition_get_is_not_allowed(client_a, nomination_a):
    response = client_a.get(reverse("nomination_transition", args=[nomination_a.public_id]))

    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_nomination_transition_unknown_target_is_refused(client_a, nomination_a):
    response = client_a.post(reverse("nomination_transition", args=[nomination_a.public_id]), {"to": "elected"})

    nomination_a.refresh_from_db()
    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert nomination_a.status == S.DRAFT
    assert messages_of(response) == [tr("Unknown action.")]


def test_nomination_transition_council_outcome_from_draft_is_not_allowed(client_a, nomination_a):
    # "approved" is a known status, but no move leads there from a draft.
    response = client_a.post(reverse("nomination_transition", args=[nomination_a.public_id]), {"to": S.APPROVED})

    nomination_a.refresh_from_db()
    assert response["Location"] == f"/nominations/{nomination_a.public_id}/"
    assert nomination_a.status == S.DRAFT
    assert messages_of(response) == [
        tr(
            "A nomination that is “%(from)s” cannot become “%(to)s”.",
            **{"from": label(S.DRAFT), "to": label(S.APPROVED)},
        )
    ]
    assert moves(nomination_a) == []


# --- Login, logout, password change ---------------------------------------------------------------------


def test_login_page_shows_form(anon_client):
    response = anon_client.get(reverse("login"), {"next": "/nominations/"})

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["username", "password"]
    assert response.context["next"] == "/nominations/"


@pytest.mark.parametrize(
    ("next_url", "location"), [("", "/"), ("/nominations/", "/nominations/"), ("https://evil.example/", "/")]
)
def test_login_valid_credentials_redirects(anon_client, staff_a, next_url, location):
    response = anon_client.post(reverse("login"), {"username": "donvi-a", "password": "hoinghi-test", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == location
    assert int(anon_client.session["_auth_user_id"]) == staff_a.pk


def test_login_wrong_password_is_refused(anon_client, staff_a):
    response = anon_client.post(reverse("login"), {"username": "donvi-a", "password": "sai-mat-khau"})

    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["__all__"]] == ["invalid_login"]
    assert "_auth_user_id" not in anon_client.session


def test_logout_post_ends_session(client_a):
    response = client_a.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client_a.session
    assert client_a.get(reverse("dashboard"))["Location"] == login_redirect("/")


def test_logout_get_is_not_allowed(client_a, conference):
    response = client_a.get(reverse("logout"))

    assert response.status_code == 405
    assert client_a.get(reverse("dashboard")).status_code == 200


def test_password_change_page_shows_form(client_a):
    response = client_a.get(reverse("password_change"))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["old_password", "new_password1", "new_password2"]


def test_password_change_sets_new_password(client_a, staff_a):
    new = "Hoi-nghi-2025-moi"

    response = client_a.post(
        reverse("password_change"), {"old_password": "hoinghi-test", "new_password1": new, "new_password2": new}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/done/"
    assert User.objects.get(pk=staff_a.pk).check_password(new) is True
    assert client_a.get(response["Location"]).status_code == 200


def test_password_change_wrong_old_password_keeps_password(client_a, staff_a):
    response = client_a.post(
        reverse("password_change"),
        {"old_password": "khong-dung", "new_password1": "Hoi-nghi-2025-moi", "new_password2": "Hoi-nghi-2025-moi"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["old_password"]
    assert User.objects.get(pk=staff_a.pk).check_password("hoinghi-test") is True


# --- invisible characters typed or pasted into the form (issue 9 item 15) ---


@pytest.mark.parametrize(
    "typed_name",
    ["Nguyễn Thị\u200b Hường", "\u202eNguyễn Thị Hường\u202c", "Nguy\u00adễn\u2060 Thị Hường\ufeff"],
    ids=["zero-width-space", "right-to-left-override", "soft-hyphen-word-joiner-bom"],
)
def test_nomination_form_drops_invisible_characters_and_still_warns_of_the_duplicate(
    client_b, conference, unit_a, unit_b, giay_khen, movement, nomination_a, typed_name
):
    data = individual_post(
        movement,
        unit_a,
        giay_khen,
        full_name=typed_name,
        gender="female",
        birth_date="",
        birth_year="1985",
        position="Trưởng\u202e phòng",
        achievement_summary="Hoàn thành\u200b xuất sắc\n\u202enhiệm vụ\x07.",
    )

    response = client_b.post(reverse("nomination_create", args=["individual"]), data)

    created = Nomination.objects.exclude(pk=nomination_a.pk).get()
    assert (created.nominee.full_name, created.nominee.position, created.achievement_summary) == (
        "Nguyễn Thị Hường",
        "Trưởng phòng",
        "Hoàn thành xuất sắc\nnhiệm vụ.",
    )
    assert created.nominee.identity_key == nomination_a.nominee.identity_key
    assert messages_of(response) == [
        tr("The nomination was saved as a draft. Attach the achievement report, then submit."),
        tr("The same nominee is already proposed in this conference by: %(units)s.", units=UNIT_A),
    ]


# --- free-text limits (issue 9 item 19) ---


def _too_long(limit: int, count: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return translation.ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            limit,
        ) % {"limit_value": limit, "show_value": count}


def test_nomination_form_refuses_a_10000_character_summary_and_saves_nothing(
    client_a, conference, unit_a, giay_khen, movement
):
    data = individual_post(movement, unit_a, giay_khen, achievement_summary="Hoàn thành" * 1000)

    response = client_a.post(reverse("nomination_create", args=["individual"]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"achievement_summary": [_too_long(2000, 10_000)]}
    assert counts() == (0, 0, 0, 0)


def test_nomination_form_accepts_a_summary_of_exactly_2000_characters(
    client_a, conference, unit_a, giay_khen, movement
):
    data = individual_post(movement, unit_a, giay_khen, achievement_summary="x" * 2000)

    response = client_a.post(reverse("nomination_create", args=["individual"]), data)

    assert response.status_code == 302
    assert len(Nomination.objects.get().achievement_summary) == 2000


def test_nomination_form_shows_the_summary_limit(client_a, conference, unit_a, giay_khen, movement):
    response = client_a.get(reverse("nomination_create", args=["individual"]))

    field = response.context["form"]["achievement_summary"]
    assert 'maxlength="2000"' in str(field)
    assert str(field.help_text) == "Tối đa 2.000 ký tự."
    assert "Tối đa 2.000 ký tự." in response.content.decode()


def test_a_return_note_over_its_limit_is_refused_and_the_status_kept(
    office_client, conference, unit_a, giay_khen, staff_a
):
    nomination = nominate(conference, unit_a, "Trần Văn Minh", by=staff_a, award_form=giay_khen)
    nomination.status = S.SUBMITTED
    nomination.save()

    response = office_client.post(
        reverse("nomination_transition", args=[nomination.public_id]), {"to": S.RETURNED, "note": "x" * 1001}
    )

    nomination.refresh_from_db()
    assert (nomination.status, nomination.status_note) == (S.SUBMITTED, "")
    assert messages_of(response) == [_too_long(1000, 1001)]
