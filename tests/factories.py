"""factory_boy factories with no hidden side effects."""

import factory
from django.contrib.auth.models import Group, User

from nominations.enums import Gender, NominationStatus
from nominations.models import Nomination, Nominee
from reference.enums import AwardLevel, MovementScope, NomineeKind, UnitKind
from reference.models import AwardForm, Conference, Movement, Organisation, Quota, StaffProfile, Unit


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    short_name = "Sở KH&CN"
    abbreviation = "SKHCN"
    parent_name = "UBND TỈNH HƯNG YÊN"
    province = "Hưng Yên"
    place_name = "Hưng Yên"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"unit{n}")
    name = factory.Sequence(lambda n: f"Phòng Thử nghiệm {n}")
    kind = UnitKind.DIVISION


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Hội nghị Tổng kết các phong trào thi đua và Tuyên dương điển hình tiên tiến"
    slug = factory.Sequence(lambda n: f"hn-{n}")
    year = 2025
    is_current = True


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    scope = MovementScope.DEPARTMENT


class AwardFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardForm
        django_get_or_create = ("code",)

    code = "giay-khen"
    name = "Giấy khen của Giám đốc Sở"
    level = AwardLevel.DEPARTMENT
    issuer = "Giám đốc Sở Khoa học và Công nghệ"


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quota

    conference = factory.SubFactory(ConferenceFactory)
    award_form = factory.SubFactory(AwardFormFactory)
    kind = NomineeKind.INDIVIDUAL
    minimum = 5
    maximum = 10


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("hoinghi-test")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


def make_unit_staff(unit: Unit, username: str) -> User:
    user = UserFactory(username=username, roles=["unit_staff"])
    StaffProfile.objects.create(user=user, unit=unit)
    return user


class NomineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nominee

    kind = NomineeKind.INDIVIDUAL
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử Số{'abcdefghij'[n % 10]}")
    gender = Gender.MALE
    birth_year = 1980
    position = "Chuyên viên"


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    nominee = factory.SubFactory(NomineeFactory)
    proposing_unit = factory.SubFactory(UnitFactory)
    award_form = factory.SubFactory(AwardFormFactory)
    achievement_summary = "Hoàn thành xuất sắc nhiệm vụ năm 2024."
    status = NominationStatus.DRAFT
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def movements(self, create, extracted, **kwargs):
        if extracted:
            self.movements.set(extracted)


# --- Attachments and small real files for upload tests (appended) ---

import io  # noqa: E402
import zipfile  # noqa: E402

from nominations.enums import AttachmentKind  # noqa: E402
from nominations.models import Attachment  # noqa: E402

PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    b"trailer << /Root 1 0 R >>\n"
    b"%%EOF\n"
)


def png_bytes() -> bytes:
    """A real 4×4 PNG made by Pillow."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """A minimal but well-formed Word document: content types, relationships, document part."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Báo cáo thành tích</w:t></w:r></w:p></w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    """A real workbook written by openpyxl."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Danh sách đề nghị khen thưởng"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A stored PDF achievement report (the file really is a PDF)."""

    class Meta:
        model = Attachment

    nomination = factory.SubFactory(NominationFactory)
    kind = AttachmentKind.ACHIEVEMENT_REPORT
    file = factory.django.FileField(data=PDF_BYTES, filename="bao-cao.pdf")
    original_name = "Báo cáo thành tích.pdf"
    extension = ".pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    uploaded_by = factory.SubFactory(UserFactory)


# --- Council tally and decisions (appended): meetings, counted ballots, money and signing rules ---

import datetime  # noqa: E402
from decimal import Decimal  # noqa: E402

from awards.enums import BallotStatus, CouncilRole, VoteMethod  # noqa: E402
from awards.models import (  # noqa: E402
    Ballot,
    BallotItem,
    BaseSalary,
    CouncilMeeting,
    CouncilMember,
    LegalBasis,
    RewardRule,
    Signer,
)


class TallyMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMeeting

    conference = factory.SubFactory(ConferenceFactory)
    purpose = "Xét khen thưởng năm 2025"
    date = datetime.date(2025, 12, 10)
    start_time = datetime.time(8, 0)
    place = "Phòng họp tầng 3, Sở Khoa học và Công nghệ"


class TallyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    conference = factory.SubFactory(ConferenceFactory)
    full_name = factory.Sequence(lambda n: f"Trần Văn Ủy Viên {n}")
    position = "Trưởng phòng"
    role = CouncilRole.MEMBER


class TallyBallotFactory(factory.django.DjangoModelFactory):
    """A closed ballot of nine members (create items with TallyItemFactory)."""

    class Meta:
        model = Ballot

    meeting = factory.SubFactory(TallyMeetingFactory)
    award_form = factory.SubFactory(AwardFormFactory)
    kind = NomineeKind.INDIVIDUAL
    method = VoteMethod.SECRET
    status = BallotStatus.CLOSED
    total_members = 9
    present_members = 9


class TallyItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BallotItem

    ballot = factory.SubFactory(TallyBallotFactory)
    nomination = factory.SubFactory(NominationFactory, status=NominationStatus.ACCEPTED)
    order = factory.Sequence(lambda n: n)
    votes_for = 0
    votes_against = 0


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis

    text = factory.Sequence(lambda n: f"Căn cứ văn bản số {n}")
    effective_from = datetime.date(2025, 7, 1)


class SignerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signer

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = "Nguyễn Văn Giám"
    position = "GIÁM ĐỐC"


class BaseSalaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BaseSalary
        django_get_or_create = ("effective_from",)

    amount = 2_340_000
    effective_from = datetime.date(2024, 7, 1)
    legal_reference = "Nghị định 73/2024/NĐ-CP"


class RewardRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RewardRule

    award_form = factory.SubFactory(AwardFormFactory)
    kind = NomineeKind.INDIVIDUAL
    multiple = Decimal("0.3")
    effective_from = datetime.date(2024, 7, 1)


# --- Council members and meetings (appended for the voting tests; see tests/conftest.py `council`) ---

import datetime as _datetime  # noqa: E402

from awards.enums import CouncilRole as _CouncilRole  # noqa: E402
from awards.models import CouncilMeeting as _CouncilMeeting  # noqa: E402
from awards.models import CouncilMember as _CouncilMember  # noqa: E402


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = _CouncilMember

    conference = factory.SubFactory(ConferenceFactory)
    full_name = factory.Sequence(lambda n: f"Phạm Văn Hội Đồng {n}")
    position = "Trưởng phòng"
    role = _CouncilRole.MEMBER
    order = factory.Sequence(lambda n: n)


class CouncilMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = _CouncilMeeting

    conference = factory.SubFactory(ConferenceFactory)
    purpose = "Xét, đề nghị khen thưởng tại Hội nghị tổng kết phong trào thi đua năm 2025"
    date = _datetime.date(2025, 6, 20)
    start_time = _datetime.time(8, 0)
    place = "Phòng họp tầng 3, Sở Khoa học và Công nghệ"


# --- PDF documents and certificates (appended; self-contained "Doc" factories) ---

import datetime as _dt  # noqa: E402
from decimal import Decimal as _Decimal  # noqa: E402

from awards import enums as _awards_enums  # noqa: E402
from awards import models as _awards  # noqa: E402


class DocDecisionFactory(factory.django.DjangoModelFactory):
    """An issued Quyết định 05/QĐ-SKHCN of 05/01/2026, signed by a deputy director."""

    class Meta:
        model = _awards.Decision

    conference = factory.SubFactory(ConferenceFactory)
    document_type = _awards_enums.DocumentType.DECISION
    award_form = factory.SubFactory(AwardFormFactory)
    status = _awards_enums.DecisionStatus.ISSUED
    number = 5
    symbol = "QĐ-SKHCN"
    date = _dt.date(2026, 1, 5)
    title = (
        "Về việc tặng Giấy khen của Giám đốc Sở cho các tập thể, cá nhân có thành tích xuất sắc "
        "trong các phong trào thi đua năm 2025"
    )
    signer_name = "Trần Văn Phó"
    signer_position = "Phó Giám đốc"
    signer_authority = "KT. Giám đốc"
    legal_bases = factory.LazyFunction(
        lambda: [
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
            "Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ.",
        ]
    )
    created_by = factory.SubFactory(UserFactory)


class DocEntryFactory(factory.django.DjangoModelFactory):
    """One awardee of a decision's list (an individual, 0.3 × 2,340,000 → 710,000 đ)."""

    class Meta:
        model = _awards.DecisionEntry

    decision = factory.SubFactory(DocDecisionFactory)
    nomination = factory.SubFactory(NominationFactory)
    register_number = factory.Sequence(lambda n: n + 1)
    kind = NomineeKind.INDIVIDUAL
    recipient = factory.Sequence(lambda n: f"Ông Nguyễn Văn Thưởng Số {n + 1}")
    description = "Chuyên viên, Phòng Quản lý khoa học, Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    achievement = "Hoàn thành xuất sắc nhiệm vụ năm 2025; có 02 sáng kiến được công nhận."
    multiple = _Decimal("0.3")
    base_salary = 2_340_000
    amount = 710_000


class DocLayoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = _awards.CertificateLayout
        django_get_or_create = ("award_form",)

    award_form = factory.SubFactory(AwardFormFactory)
    heading = "GIẤY KHEN"
    issuer_line = "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HƯNG YÊN"
    paper_width_mm = 297
    paper_height_mm = 210
    offsets = factory.LazyFunction(dict)


class DocMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = _awards.CouncilMember

    conference = factory.SubFactory(ConferenceFactory)
    full_name = factory.Sequence(lambda n: f"Lê Văn Hội Viên {n}")
    position = "Trưởng phòng"
    role = _awards_enums.CouncilRole.MEMBER
    order = factory.Sequence(lambda n: n)


class DocMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = _awards.CouncilMeeting

    conference = factory.SubFactory(ConferenceFactory)
    purpose = "Xét khen thưởng tại Hội nghị tổng kết các phong trào thi đua năm 2025"
    date = _dt.date(2025, 12, 10)
    start_time = _dt.time(8, 30)
    end_time = _dt.time(10, 45)
    place = "Phòng họp tầng 3, Sở Khoa học và Công nghệ"
    status = _awards_enums.MeetingStatus.CLOSED


class DocBallotFactory(factory.django.DjangoModelFactory):
    """A closed, applied secret ballot of a nine-member council (nine present)."""

    class Meta:
        model = _awards.Ballot

    meeting = factory.SubFactory(DocMeetingFactory)
    award_form = factory.SubFactory(AwardFormFactory)
    kind = NomineeKind.INDIVIDUAL
    method = _awards_enums.VoteMethod.SECRET
    status = _awards_enums.BallotStatus.APPLIED
    total_members = 9
    present_members = 9


class DocBallotItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = _awards.BallotItem

    ballot = factory.SubFactory(DocBallotFactory)
    nomination = factory.SubFactory(NominationFactory)
    order = factory.Sequence(lambda n: n)
    votes_for = 0
    votes_against = 0
    outcome = _awards_enums.TallyOutcome.PENDING
