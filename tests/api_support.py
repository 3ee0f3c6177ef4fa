"""A small world for the read API's tests, with every name fixed so that JSON can be compared exactly.

One conference (``hn-2025``, 04/07/2025 at 08:00, with the plan's agenda), units A and B, an
issued Giấy khen decision with three entries (a collective of unit A, a person of unit A, a person
of unit B), a Bằng khen proposal the province has decided (one person of unit B), a draft
decision and an undecided proposal (neither is public), nominations of both units, two delegates
(one checked in). ``token_client`` gives a test client that sends a token of the user.
"""

import datetime
from dataclasses import dataclass

from django.test import Client

from api import services
from awards.enums import DecisionStatus, DocumentType
from conference.models import DelegateGroup
from conference.services import agenda, checkin, delegates
from nominations.enums import NominationStatus
from reference.enums import NomineeKind
from tests import factories as f

C, I = NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL  # noqa: E741


def token_for(user, name: str = "Cổng thông tin") -> str:
    return services.issue_token(user=user, name=name, created_by=user)[1]


def token_client(user, **kwargs) -> Client:
    return Client(headers={"Authorization": f"Bearer {token_for(user)}"}, **kwargs)


@dataclass
class ApiWorld:
    conference: object
    decision: object
    proposal: object
    draft: object
    waiting: object
    entries: list
    nomination_a: object
    nomination_b: object
    delegates: list


def nomination(conference, form, unit, name, *, kind=I, status=NominationStatus.AWARDED):
    gender = "" if kind == C else "female"
    nominee = f.NomineeFactory(full_name=name, kind=kind, gender=gender, birth_year=1985, unit=unit)
    return f.NominationFactory(
        conference=conference, nominee=nominee, proposing_unit=unit, award_form=form, status=status
    )


def entry(decision, nomination, number, recipient):
    return f.DocEntryFactory(
        decision=decision,
        nomination=nomination,
        register_number=number,
        kind=nomination.nominee.kind,
        recipient=recipient,
        description="Chuyên viên, Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        amount=710_000,
    )


def build(org, unit_a, unit_b, giay_khen, bang_khen, office_user) -> ApiWorld:
    conference = f.ConferenceFactory(
        organisation=org,
        slug="hn-2025",
        date=datetime.date(2025, 7, 4),
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 0),
        venue="Hội trường tầng 3, Sở Khoa học và Công nghệ",
        organiser="Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        contact="Nguyễn Thị Thu Hà, 0912345678",
    )
    agenda.default_agenda(conference)
    decision = f.DocDecisionFactory(conference=conference, award_form=giay_khen, total_amount=2_130_000)
    people = [
        (unit_a, "Phòng Quản lý khoa học", C, "Phòng Quản lý khoa học"),
        (unit_a, "Nguyễn Thị Hường", I, "Bà Nguyễn Thị Hường"),
        (unit_b, "Đặng Văn Bình", I, "Ông Đặng Văn Bình"),
    ]
    entries = [
        entry(decision, nomination(conference, giay_khen, unit, name, kind=kind), number, recipient)
        for number, (unit, name, kind, recipient) in enumerate(people, start=1)
    ]
    proposal = f.DocDecisionFactory(
        conference=conference,
        award_form=bang_khen,
        document_type=DocumentType.PROPOSAL,
        number=12,
        symbol="TTr-SKHCN",
        date=datetime.date(2025, 6, 26),
        province_decision_number="215/QĐ-UBND",
        province_decision_date=datetime.date(2025, 7, 1),
    )
    huy = nomination(conference, bang_khen, unit_b, "Phạm Quang Huy")
    entries.append(entry(proposal, huy, 1, "Ông Phạm Quang Huy"))
    draft = f.DocDecisionFactory(conference=conference, award_form=giay_khen, status=DecisionStatus.DRAFT, number=None)
    entry(draft, nomination(conference, giay_khen, unit_a, "Chưa Quyết Định"), None, "Ông Chưa Quyết Định")
    waiting = f.DocDecisionFactory(
        conference=conference, award_form=bang_khen, document_type=DocumentType.PROPOSAL, number=13, symbol="TTr-SKHCN"
    )
    entry(waiting, nomination(conference, bang_khen, unit_b, "Đang Chờ Tỉnh"), 1, "Bà Đang Chờ Tỉnh")
    nomination_a = nomination(conference, giay_khen, unit_a, "Lê Thị Ánh Tuyết", status=NominationStatus.SUBMITTED)
    nomination_b = nomination(conference, giay_khen, unit_b, "Trần Văn Cường", status=NominationStatus.DRAFT)
    group = DelegateGroup.objects.create(conference=conference, code="khach", name="Khách mời", order=1)
    made = delegates.add_delegates(
        conference,
        [
            {"group": group, "full_name": "Vũ Tuấn Anh", "position": "Giám đốc", "organisation": "Sở KH&CN",
             "phone": "0987654321", "email": "anh@example.vn"},
            {"group": group, "full_name": "Hoàng Thị Lan", "position": "Chuyên viên", "organisation": "Sở Nội vụ"},
        ],
        by=office_user,
    )  # fmt: skip
    checkin.check_in(made[0], by=office_user)
    return ApiWorld(conference, decision, proposal, draft, waiting, entries, nomination_a, nomination_b, made)
