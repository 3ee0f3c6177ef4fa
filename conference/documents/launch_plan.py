"""Kế hoạch phát động phong trào thi đua (issue 13 §4) as PDF in the NĐ 30 layout, marked DỰ THẢO.

Drafted from the data: the movement's name and period, the goals the Office wrote on its
``movements.LaunchPlan``, the titles units can register for, and the registrations' deadline.
The number is left blank for the document register.
"""

from dataclasses import dataclass

from django.utils import translation

from conference.documents.issued import header_of, issue_fields
from conference.documents.report import signature_block
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.letterhead import Header, Signature
from hoinghi.pdf import PDF_LANGUAGE, render_pdf
from movements.registrations import titles_of
from reference.models import Movement


@dataclass(frozen=True)
class LaunchPlanDocument:
    title: str
    header: Header
    type_name: str
    summary: str
    goals: tuple[str, ...]
    titles: tuple[str, ...]
    registration: tuple[str, ...]
    closing: str
    recipients: tuple[str, ...]
    signature: Signature
    draft: bool = True


def _period(movement: Movement) -> str:
    if movement.start_year and movement.end_year:
        return f"giai đoạn {movement.start_year}-{movement.end_year}"
    return f"năm {movement.start_year or movement.end_year}" if (movement.start_year or movement.end_year) else ""


LAUNCH_PLAN_RECIPIENTS = (
    "- Sở Nội vụ;",
    "- Giám đốc, các Phó Giám đốc Sở;",
    "- Các đơn vị thuộc Sở;",
    "- Lưu: VT, VP.",
)


def launch_plan_document(movement: Movement, record=None) -> LaunchPlanDocument:
    organisation = movement.conference.organisation
    agency = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    plan = movement.launch_plan
    forms, others = titles_of(plan)
    period = _period(movement)
    name = f"{movement.name} {period}".strip()
    fields = issue_fields(record, symbol=f"KH-{organisation.abbreviation}", signature=signature_block(organisation),
                          recipients=LAUNCH_PLAN_RECIPIENTS)  # fmt: skip
    deadline = (
        f"Các đơn vị gửi Bản đăng ký thi đua về Văn phòng trước ngày {plan.registration_deadline:%d/%m/%Y}."
        if plan.registration_deadline
        else "Các đơn vị gửi Bản đăng ký thi đua về Văn phòng theo thời hạn được thông báo."
    )
    return LaunchPlanDocument(
        title=f"Kế hoạch phát động phong trào thi đua {name}",
        header=header_of(organisation, fields),
        type_name="KẾ HOẠCH",
        summary=f"Phát động phong trào thi đua “{movement.name}” {period}".strip(),
        goals=tuple(line.strip() for line in plan.goals.splitlines() if line.strip()) or ("(Chưa ghi mục tiêu.)",),
        titles=tuple(f"- {title}." for title in [f.name for f in forms] + others) or ("- (Chưa xác định.)",),
        registration=(
            "Tập thể, cá nhân thuộc các đơn vị đăng ký danh hiệu thi đua, hình thức khen thưởng và nội dung "
            "cam kết theo mẫu Bản đăng ký thi đua (trên hệ thống hoặc bằng tệp Excel).",
            deadline,
        ),
        closing=f"Trên đây là Kế hoạch phát động phong trào thi đua {name} của {agency}./.",
        recipients=fields.recipients,
        signature=fields.signature,
        draft=fields.draft,
    )


def render_launch_plan(movement: Movement, record=None) -> bytes:
    with translation.override(PDF_LANGUAGE):
        doc = launch_plan_document(movement, record)
    return render_pdf("conference/pdf/launch_plan.html", {"doc": doc})


def launch_plan_stem(movement: Movement) -> str:
    return f"KH-phat-dong-{movement.pk}"


def launch_plan_pdf(movement: Movement) -> PrintedPdf:
    """The draft; once issued, ``conference.services.issuing`` serves the stored file."""
    return named_pdf(render_launch_plan(movement), launch_plan_stem(movement))
