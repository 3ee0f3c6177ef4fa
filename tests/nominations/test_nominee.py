import pytest

from reference.enums import NomineeKind
from tests import factories as f

ORG = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        ("Chuyên viên", f"Chuyên viên, Phòng Quản lý khoa học, {ORG}"),
        ("Trưởng phòng Quản lý khoa học", f"Trưởng phòng Quản lý khoa học, {ORG}"),
        (f"Phó Trưởng phòng Quản lý khoa học, {ORG}", f"Phó Trưởng phòng Quản lý khoa học, {ORG}"),
        ("", f"Phòng Quản lý khoa học, {ORG}"),
    ],
)
def test_individual_description_names_position_unit_and_department_once(unit_a, position, expected):
    nominee = f.NomineeFactory(full_name="Nguyễn Văn An", position=position, unit=unit_a)

    assert nominee.description == expected


def test_collective_description_is_its_governing_body(db):
    nominee = f.NomineeFactory(kind=NomineeKind.COLLECTIVE, full_name="Phòng Chuyển đổi số", parent_body=ORG)

    assert nominee.description == ORG


@pytest.mark.parametrize(("gender", "honorific"), [("male", "Ông"), ("female", "Bà")])
def test_honorific_follows_gender(db, gender, honorific):
    assert f.NomineeFactory(gender=gender).honorific == honorific
