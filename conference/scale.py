"""A province-scale synthetic data set for benchmarks (``manage.py seed_scale``).

Everything is made with ``bulk_create`` in batches, so the stored keys are computed here with
the models' own ``compute_keys`` (which call ``hoinghi.text.fold`` / ``person_name_key``),
exactly as ``save()`` would. Names follow the real distribution of Vietnamese family names
(Nguyễn about a third), a gendered middle name and a gendered given name; the random
generator is seeded, so one ``--seed`` gives the same rows (public ids and tokens aside:
those stay truly random, as the models make them).

Not made: simple-history rows (``bulk_create`` bypasses them; the history tables are not on
any list page) and workflow transitions (the status is set directly, spread over the whole
workflow: only the detail page reads transitions).
"""

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection

from conference.models import Delegate, DelegateGroup
from hoinghi.roles import Role
from hoinghi.text import collation_key
from nominations.enums import Gender, NominationStatus, RecordCategory
from nominations.models import CommendationRecord, Nomination, Nominee
from reference.enums import AwardLevel, MovementScope, NomineeKind, UnitKind
from reference.models import AwardForm, Conference, Movement, Organisation, Quota, StaffProfile, Unit

SLUG = "scale"
USERNAME_PREFIX = "scale-"
BATCH = 2000

# (family name, weight in per mille): the usual survey figures, the rest spread over the tail.
FAMILIES = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 20),
    ("Phan", 45), ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đào", 8), ("Đoàn", 7), ("Vương", 4), ("Trịnh", 6),
    ("Đinh", 7), ("Lâm", 4), ("Phùng", 4), ("Mai", 5), ("Tô", 3), ("Trương", 6), ("Hà", 6),
    ("Quách", 2), ("Lưu", 3), ("Kiều", 2), ("Cao", 4), ("Tạ", 3), ("Chu", 3), ("Lương", 4),
]  # fmt: skip
MIDDLES = {
    Gender.MALE: ["Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Công", "Xuân", "Ngọc", "Mạnh"],
    Gender.FEMALE: ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Kim", "Bích", "Thùy"],
}
GIVENS = {
    Gender.MALE: [
        "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hào", "Hiếu", "Hoàng", "Hùng", "Huy",
        "Khánh", "Khoa", "Kiên", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân",
        "Quang", "Sơn", "Tâm", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
    ],
    Gender.FEMALE: [
        "Anh", "Ánh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
        "Huyền", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung",
        "Oanh", "Phượng", "Quyên", "Tâm", "Thảo", "Thủy", "Trang", "Uyên", "Vân", "Yến", "Xuân",
    ],
}  # fmt: skip
# A few given names that appear only a handful of times (the benchmark's "rare name" search).
RARE_GIVENS = ["Khuê", "Diệp", "Thư Kỳ"]
POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng", "Kỹ sư", "Kế toán", "Giáo viên"]
PLACES = [
    "An Thi", "Ân Thi", "Bãi Sậy", "Đông Kết", "Hồng Quang", "Kim Động", "Khoái Châu", "Mỹ Hào", "Nghĩa Trụ",
    "Phù Cừ", "Tiên Lữ", "Văn Giang", "Văn Lâm", "Yên Mỹ", "Hoàng Hoa Thám", "Đức Hợp", "Tân Dân", "Vĩnh Khúc",
    "Lạc Hồng", "Ngọc Thanh", "Phạm Ngũ Lão", "Quang Hưng", "Thái Bình", "Thụy Anh", "Kiến Xương", "Hưng Hà",
]  # fmt: skip
UNIT_KINDS = [
    ("Phòng Văn hóa - Xã hội xã {}", UnitKind.EXTERNAL),
    ("Trường Trung học cơ sở {}", UnitKind.EXTERNAL),
    ("Trạm Y tế xã {}", UnitKind.EXTERNAL),
    ("Trung tâm Dịch vụ nông nghiệp {}", UnitKind.AFFILIATED),
    ("Phòng Kinh tế {}", UnitKind.DIVISION),
    ("Ban Quản lý dự án {}", UnitKind.SUBORDINATE),
]
COLLECTIVES = ["Phòng Hành chính - Tổng hợp", "Tổ Chuyên môn", "Phòng Kế hoạch - Tài chính", "Bộ phận Một cửa"]
# Where a province's nominations stand a few weeks before the conference.
STATUS_WEIGHTS = {
    NominationStatus.DRAFT: 10,
    NominationStatus.SUBMITTED: 15,
    NominationStatus.RETURNED: 5,
    NominationStatus.RESUBMITTED: 5,
    NominationStatus.ACCEPTED: 25,
    NominationStatus.REJECTED: 3,
    NominationStatus.WITHDRAWN: 2,
    NominationStatus.APPROVED: 15,
    NominationStatus.NOT_APPROVED: 5,
    NominationStatus.AWARDED: 15,
}
AWARD_FORMS = [
    ("scale-giay-khen", "Giấy khen của Giám đốc Sở", AwardLevel.DEPARTMENT, "Giám đốc Sở"),
    ("scale-tap-the-lao-dong-tt", "Tập thể lao động tiên tiến", AwardLevel.DEPARTMENT, "Giám đốc Sở"),
    ("scale-bang-khen", "Bằng khen của Chủ tịch UBND tỉnh", AwardLevel.PROVINCE, "Chủ tịch UBND tỉnh"),
    ("scale-csdt-tinh", "Chiến sĩ thi đua cấp tỉnh", AwardLevel.PROVINCE, "Chủ tịch UBND tỉnh"),
]
HISTORY = [
    (RecordCategory.ADVANCED_LABOURER, "Lao động tiên tiến", "Giám đốc Sở"),
    (RecordCategory.EXCELLENT_COMPLETION, "Hoàn thành xuất sắc nhiệm vụ", "Giám đốc Sở"),
    (RecordCategory.GRASSROOTS_EMULATION_FIGHTER, "Chiến sĩ thi đua cơ sở", "Giám đốc Sở"),
    (RecordCategory.CERTIFICATE_OF_MERIT, "Giấy khen của Giám đốc Sở", "Giám đốc Sở"),
    (RecordCategory.PROVINCIAL_MERIT, "Bằng khen của Chủ tịch UBND tỉnh", "UBND tỉnh"),
    (RecordCategory.INITIATIVE, "Sáng kiến được công nhận", "Hội đồng sáng kiến cơ sở"),
]
DELEGATE_GROUPS = [
    ("lanh-dao-tinh", "Lãnh đạo tỉnh", 6),
    ("cac-don-vi", "Lãnh đạo các đơn vị", 30),
    ("dien-hinh", "Các điển hình tiên tiến", 24),
]


@dataclass
class Sizes:
    units: int
    nominations: int
    history: int
    delegates: int


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def batches(total: int, size: int = BATCH) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


class ScaleSeeder:
    """Builds the data set; ``run`` is called inside one transaction by the command."""

    def __init__(self, sizes: Sizes, seed: int, log: Callable[[str], None] = lambda line: None):
        self.sizes = sizes
        self.rng = random.Random(seed)  # noqa: S311 (made-up data, reproducible on purpose)  # nosec B311
        self.log = log
        self.report = Report()
        families, weights = zip(*FAMILIES, strict=True)
        self.families, self.family_weights = list(families), list(weights)

    def run(self) -> Report:
        self.timed("reference data", self.seed_reference)
        self.timed("nominees and nominations", self.seed_nominations)
        self.timed("commendation history", self.seed_history)
        self.timed("delegates", self.seed_delegates)
        return self.report

    def analyze(self) -> None:
        """Fresh planner statistics after a bulk load (PostgreSQL): without them the first plans are
        nested loops over 50,000 rows, until autovacuum gets round to the tables."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                self.timed("ANALYZE", lambda: cursor.execute("ANALYZE"))

    def timed(self, label: str, step: Callable[[], None]) -> None:
        start = time.perf_counter()
        step()
        self.report.seconds[label] = time.perf_counter() - start
        self.log(f"  {label}: {self.report.seconds[label]:.1f} s")

    # --- reference data ---------------------------------------------------------------------------

    def seed_reference(self) -> None:
        self.organisation = Organisation.objects.create(
            name="Sở Khoa học và Công nghệ (dữ liệu thử tải)",
            short_name="Sở KH&CN",
            abbreviation="SKHCN",
            parent_name="UBND TỈNH HƯNG YÊN",
            province="Hưng Yên",
            place_name="Hưng Yên",
        )
        self.conference = Conference.objects.create(
            organisation=self.organisation,
            name="Hội nghị điển hình tiên tiến (dữ liệu thử tải)",
            slug=SLUG,
            year=2026,
            is_current=not Conference.objects.filter(is_current=True).exists(),
        )
        self.units = self.make_units()
        self.award_forms = self.make_award_forms()
        self.movements = [
            Movement.objects.create(
                conference=self.conference, name=name, scope=MovementScope.DEPARTMENT, start_year=2021, order=order
            )
            for order, name in enumerate(["Thi đua đổi mới sáng tạo", "Chuyển đổi số", "Cải cách hành chính"], 1)
        ]
        Quota.objects.bulk_create(
            Quota(conference=self.conference, award_form=form, kind=kind, minimum=50, maximum=5000)
            for form in self.award_forms
            for kind in NomineeKind.values
        )
        self.users = self.make_users()
        self.report.counts.update(units=len(self.units), users=len(self.users))

    def make_units(self) -> list[Unit]:
        units = []
        for i in range(self.sizes.units):
            pattern, kind = UNIT_KINDS[i % len(UNIT_KINDS)]
            place = PLACES[i // len(UNIT_KINDS) % len(PLACES)]
            round_ = i // (len(UNIT_KINDS) * len(PLACES))
            name = pattern.format(place) + (f" số {round_ + 1}" if round_ else "")
            units.append(
                Unit(
                    organisation=self.organisation,
                    code=f"{USERNAME_PREFIX}{i + 1:04d}",
                    name=name,
                    kind=kind,
                    order=i + 1,
                    sort_key=collation_key(name),  # what Unit.save computes
                )
            )
        return Unit.objects.bulk_create(units, batch_size=BATCH)

    def make_award_forms(self) -> list[AwardForm]:
        forms = []
        for order, (code, name, level, issuer) in enumerate(AWARD_FORMS, 1):
            form, _created = AwardForm.objects.get_or_create(
                code=code, defaults={"name": name, "level": level, "issuer": issuer, "order": 100 + order}
            )
            forms.append(form)
        return forms

    def make_users(self) -> list[User]:
        """One unit-staff account per unit (no usable password: the benchmark logs in its own)."""
        unusable = make_password(None)
        users = User.objects.bulk_create(
            [
                User(username=unit.code, password=unusable, last_name="Cán bộ", first_name=unit.name)
                for unit in self.units
            ],
            batch_size=BATCH,
        )
        StaffProfile.objects.bulk_create(
            [StaffProfile(user=user, unit=unit) for user, unit in zip(users, self.units, strict=True)], batch_size=BATCH
        )
        Group.objects.get(name=Role.UNIT_STAFF.value).user_set.add(*users)
        return users

    # --- nominees and nominations -----------------------------------------------------------------

    def person_name(self, gender: str) -> str:
        family = self.rng.choices(self.families, self.family_weights)[0]
        middle = self.rng.choice(MIDDLES[gender])
        given = RARE_GIVENS[self.rng.randrange(3)] if self.rng.random() < 0.0005 else self.rng.choice(GIVENS[gender])
        if self.rng.random() < 0.15:  # a second middle name: "Nguyễn Thị Thu Hương"
            middle += " " + self.rng.choice([m for m in MIDDLES[gender][3:] if m != middle])
        return f"{family} {middle} {given}"

    def make_nominee(self, index: int) -> Nominee:
        unit_index = self.rng.randrange(len(self.units))
        unit = self.units[unit_index]
        if self.rng.random() < 0.1:
            nominee = Nominee(
                kind=NomineeKind.COLLECTIVE,
                full_name=f"{COLLECTIVES[index % len(COLLECTIVES)]}, {unit.name}",
                parent_body=unit.name,
                unit=unit,
            )
        else:
            gender = self.rng.choice([Gender.MALE, Gender.FEMALE])
            nominee = Nominee(
                kind=NomineeKind.INDIVIDUAL,
                full_name=self.person_name(gender),
                gender=gender,
                birth_year=self.rng.randint(1965, 2000),
                position=self.rng.choice(POSITIONS),
                unit=unit,
            )
        nominee.compute_keys()  # what Nominee.save computes
        nominee.unit_index = unit_index
        return nominee

    def seed_nominations(self) -> None:
        statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
        start = datetime(2026, 9, 1, 8, tzinfo=UTC)
        through = Nomination.movements.through
        self.nominee_ids: list[int] = []
        for chunk in batches(self.sizes.nominations):
            nominees = [self.make_nominee(i) for i in chunk]
            Nominee.objects.bulk_create(nominees, batch_size=BATCH)
            self.nominee_ids += [n.pk for n in nominees]
            nominations = []
            for nominee in nominees:
                status = self.rng.choices(statuses, weights)[0]
                individual = nominee.kind == NomineeKind.INDIVIDUAL
                nominations.append(
                    Nomination(
                        conference=self.conference,
                        nominee=nominee,
                        proposing_unit=nominee.unit,
                        award_form=self.award_forms[self.rng.choice([0, 2, 3] if individual else [1, 2])],
                        achievement_summary="Hoàn thành xuất sắc nhiệm vụ được giao; có sáng kiến được công nhận.",
                        status=status,
                        created_by=self.users[nominee.unit_index],
                        submitted_at=None
                        if status == NominationStatus.DRAFT
                        else start + timedelta(minutes=self.rng.randrange(60 * 24 * 40)),
                    )
                )
            Nomination.objects.bulk_create(nominations, batch_size=BATCH)
            through.objects.bulk_create(
                [through(nomination=n, movement=self.rng.choice(self.movements)) for n in nominations],
                batch_size=BATCH,
            )
        self.report.counts.update(nominees=len(self.nominee_ids), nominations=len(self.nominee_ids))

    # --- commendation history ---------------------------------------------------------------------

    def seed_history(self) -> None:
        """``--history`` rows, each on a nominee drawn at random (some have many, a few none)."""
        total, ids = self.sizes.history, self.nominee_ids
        for chunk in batches(total):
            records = []
            for _i in chunk:
                category, title, issuer = self.rng.choice(HISTORY)
                year = self.rng.randint(2010, 2025)
                records.append(
                    CommendationRecord(
                        nominee_id=self.rng.choice(ids),
                        year=year,
                        title=title,
                        category=category,
                        decision_number=f"{self.rng.randint(1, 2500)}/QĐ-SKHCN",
                        decision_date=date(year, 12, self.rng.randint(1, 28)),
                        issuer=issuer,
                    )
                )
            CommendationRecord.objects.bulk_create(records, batch_size=BATCH)
        self.report.counts["commendation records"] = total

    # --- delegates --------------------------------------------------------------------------------

    def seed_delegates(self) -> None:
        groups = DelegateGroup.objects.bulk_create(
            DelegateGroup(conference=self.conference, code=code, name=name, target=target, order=order)
            for order, (code, name, target) in enumerate(DELEGATE_GROUPS, 1)
        )
        delegates = []
        for number in range(1, self.sizes.delegates + 1):
            gender = self.rng.choice([Gender.MALE, Gender.FEMALE])
            delegate = Delegate(
                conference=self.conference,
                group=groups[number % len(groups)],
                gender=gender,
                full_name=self.person_name(gender),
                position=self.rng.choice(POSITIONS),
                organisation=self.units[number % len(self.units)].name,
                invitation_number=number,
            )
            delegate.compute_keys()  # what Delegate.save computes
            delegates.append(delegate)
        Delegate.objects.bulk_create(delegates, batch_size=BATCH)
        self.report.counts["delegates"] = len(delegates)
