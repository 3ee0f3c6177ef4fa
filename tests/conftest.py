"""Reference data and personas shared by the whole suite (healthchecks-style)."""

import pytest
from django.db import connection
from django.test import Client

from reference.enums import NomineeKind
from tests import factories as f


@pytest.fixture
def org(db):
    return f.OrganisationFactory()


@pytest.fixture
def conference(org):
    return f.ConferenceFactory(organisation=org)


@pytest.fixture
def unit_a(org):
    return f.UnitFactory(organisation=org, code="phong-a", name="Phòng Quản lý khoa học", order=1)


@pytest.fixture
def unit_b(org):
    return f.UnitFactory(organisation=org, code="phong-b", name="Phòng Chuyển đổi số", order=2)


@pytest.fixture
def giay_khen(db):
    return f.AwardFormFactory(code="giay-khen", name="Giấy khen của Giám đốc Sở", order=1)


@pytest.fixture
def bang_khen(db):
    return f.AwardFormFactory(
        code="bang-khen", name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", level="province", order=2
    )


@pytest.fixture
def movement(conference):
    return f.MovementFactory(conference=conference, name="Đổi mới sáng tạo, ứng dụng tiến bộ khoa học và công nghệ")


@pytest.fixture
def quotas(conference, giay_khen, bang_khen):
    return [
        f.QuotaFactory(conference=conference, award_form=form, kind=kind)
        for form in (giay_khen, bang_khen)
        for kind in (NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL)
    ]


@pytest.fixture
def staff_a(unit_a):
    return f.make_unit_staff(unit_a, "donvi-a")


@pytest.fixture
def staff_b(unit_b):
    return f.make_unit_staff(unit_b, "donvi-b")


@pytest.fixture
def office_user(db):
    return f.UserFactory(username="vanphong", roles=["office_staff"], is_staff=True)


@pytest.fixture
def council_user(db):
    return f.UserFactory(username="uyvien1", roles=["council_member"], is_staff=True)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_a(staff_a):
    return _client_for(staff_a)


@pytest.fixture
def client_b(staff_b):
    return _client_for(staff_b)


@pytest.fixture
def office_client(office_user):
    return _client_for(office_user)


@pytest.fixture
def council_client(council_user):
    return _client_for(council_user)


@pytest.fixture
def anon_client():
    return Client()


@pytest.fixture
def nomination_a(conference, unit_a, giay_khen, movement, staff_a):
    """A draft of unit A's, with its nominee working in unit A."""
    nominee = f.NomineeFactory(full_name="Nguyễn Thị Hường", gender="female", birth_year=1985, unit=unit_a)
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit_a,
        award_form=giay_khen,
        created_by=staff_a,
        movements=[movement],
    )


@pytest.fixture
def nomination_b(conference, unit_b, giay_khen, movement, staff_b):
    """Unit B's nomination: present in every 'other unit' test so that it could leak."""
    nominee = f.NomineeFactory(full_name="Đặng Văn Bình", gender="male", birth_year=1979, unit=unit_b)
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit_b,
        award_form=giay_khen,
        created_by=staff_b,
        movements=[movement],
    )


# --- Appended: media isolation and reading rendered pages ---


@pytest.fixture
def media_root(settings, tmp_path):
    """Store uploads in a fresh folder per test, so a test can list exactly what was stored."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


class _TestIdTexts:
    """Collect the whitespace-normalised text of every element carrying data-testid=<name>."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
    INLINE = {"a", "abbr", "b", "code", "em", "i", "label", "small", "span", "strong"}

    def __call__(self, response, testid: str) -> list[str]:
        from html.parser import HTMLParser

        void, inline = self.VOID, self.INLINE
        found: list[list[str]] = []
        open_: list[list[int]] = []  # [index into found, depth] of each matching element still open

        class Parser(HTMLParser):
            def separate(self, tag):
                # Block boundaries (cells, items, paragraphs) separate words; inline tags do not.
                if tag not in inline:
                    for index, _depth in open_:
                        found[index].append(" ")

            def handle_starttag(self, tag, attrs):
                self.separate(tag)
                if tag in void:
                    return
                for entry in open_:
                    entry[1] += 1
                if dict(attrs).get("data-testid") == testid:
                    found.append([])
                    open_.append([len(found) - 1, 1])

            def handle_endtag(self, tag):
                self.separate(tag)
                if tag in void:
                    return
                for entry in open_:
                    entry[1] -= 1
                open_[:] = [entry for entry in open_ if entry[1] > 0]

            def handle_data(self, data):
                for index, _depth in open_:
                    found[index].append(data)

        Parser(convert_charrefs=True).feed(response.content.decode())
        return [" ".join("".join(chunk).split()) for chunk in found]


@pytest.fixture
def testid_texts():
    """``testid_texts(response, "history")`` -> texts of the elements with that data-testid."""
    return _TestIdTexts()


# --- The council (appended for the voting tests): nine seats with accounts, a meeting ---


class CouncilSeats:
    """The nine members of ``council``: ``members`` in order, the chair, the member-secretary."""

    def __init__(self, members):
        self.members = members
        self.chair = members[0]
        self.secretary = members[-1]

    @property
    def users(self):
        return [member.user for member in self.members]


# (username, full name, position, role): a chair, a vice chair, six members, a member-secretary.
COUNCIL_SEATS = [
    ("hd-chutich", "Vũ Tuấn Anh", "Giám đốc Sở", "chair"),
    ("hd-phochutich", "Phạm Văn Hùng", "Phó Giám đốc Sở", "vice_chair"),
    ("hd-uyvien1", "Lê Thị Thanh Hương", "Phó Giám đốc Sở", "member"),
    ("hd-uyvien2", "Đặng Quốc Khánh", "Trưởng phòng Kế hoạch - Tài chính", "member"),
    ("hd-uyvien3", "Hoàng Thị Lan", "Trưởng phòng Quản lý khoa học", "member"),
    ("hd-uyvien4", "Ngô Đức Thắng", "Trưởng phòng Quản lý công nghệ và Đổi mới sáng tạo", "member"),
    ("hd-uyvien5", "Bùi Văn Tiến", "Trưởng phòng Chuyển đổi số", "member"),
    ("hd-uyvien6", "Đinh Thị Ngọc Ánh", "Chủ tịch Công đoàn cơ sở Sở", "member"),
    ("hd-thuky", "Trần Thị Minh Thư", "Chánh Văn phòng Sở", "member_secretary"),
]


@pytest.fixture
def council(conference):
    """Nine seats, each with a staff account in council_member; the secretary also in council_secretary."""
    members = []
    for order, (username, name, position, role) in enumerate(COUNCIL_SEATS, start=1):
        groups = ["council_member", "council_secretary"] if role == "member_secretary" else ["council_member"]
        user = f.UserFactory(username=username, is_staff=True, roles=groups)
        members.append(
            f.CouncilMemberFactory(
                conference=conference, user=user, full_name=name, position=position, role=role, order=order
            )
        )
    return CouncilSeats(members)


@pytest.fixture
def meeting(conference, council):
    """A planned meeting of ``council``, chaired by its chair, minuted by its secretary, no attendance yet."""
    return f.CouncilMeetingFactory(conference=conference, chair=council.chair, secretary=council.secretary)


@pytest.fixture(scope="module")
def restore_migrated_rows(django_db_setup, django_db_blocker):
    """Put back the rows the migrations created (role groups, permissions) after a module.

    A transactional test ends by flushing every table, which would leave later tests of the
    session without the role groups of the migrations. The browser tests use
    ``serialized_rollback``, so the database was serialized once at set-up; restore that
    snapshot here, after the flush.
    """
    yield
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="module")
def migrated_rows(django_db_setup, django_db_blocker):
    """Around a module's race tests: the migrated rows before, and back again after (tests/concurrency.py)."""
    from tests.concurrency import reset_to_migrated_rows

    with django_db_blocker.unblock():
        reset_to_migrated_rows()
    yield
    with django_db_blocker.unblock():
        reset_to_migrated_rows()
