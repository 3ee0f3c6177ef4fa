"""factory_boy factories with no hidden side effects."""

import factory
from django.contrib.auth.models import Group, User

from conference.enums import AwardLevel, MovementScope, NomineeKind, UnitKind
from conference.models import AwardForm, Conference, Movement, Organisation, Quota, StaffProfile, Unit
from nominations.enums import Gender, NominationStatus
from nominations.models import Nomination, Nominee


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
