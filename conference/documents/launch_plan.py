"""Kế hoạch phát động phong trào thi đua (issue 13 §4) as PDF in the NĐ 30 layout, marked DỰ THẢO.

Drafted from the data: the movement's name and period, the goals the Office wrote on its
``movements.LaunchPlan``, the titles units can register for, and the registrations' deadline.
The number is left blank for the document register.
"""

from dataclasses import dataclass

from django.utils import timezone, translation

from conference.documents.report import signature_block
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.letterhead import Header, Signature, agency_name, vn_date
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


def launch_plan_document(movement: Movement) -> LaunchPlanDocument:
    organisation = movement.conference.organisation
    agency = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    plan = movement.launch_plan
    forms, others = titles_of(plan)
    period = _period(movement)
    name = f"{movement.name} {period}".strip()
    on = timezone.localdate()
    header = Header(organisation.parent_name, agency_name(organisation), f"Số:        /KH-{organisation.abbreviation}",
                    f"{organisation.place_name}, {vn_date(on)}")  # fmt: skip
    deadline = (
        f"Các đơn vị gửi Bản đăng ký thi đua về Văn phòng trước ngày {plan.registration_deadline:%d/%m/%Y}."
        if plan.registration_deadline
        else "Các đơn vị gửi Bản đăng ký thi đua về Văn phòng theo thời hạn được thông báo."
    )
    return LaunchPlanDocument(
        title=f"Kế hoạch phát động phong trào thi đua {name}",
        header=header,
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
        recipients=("- Sở Nội vụ;", "- Giám đốc, các Phó Giám đốc Sở;", "- Các đơn vị thuộc Sở;", "- Lưu: VT, VP."),
        signature=signature_block(organisation),
    )


def launch_plan_pdf(movement: Movement) -> PrintedPdf:
    with translation.override(PDF_LANGUAGE):
        doc = launch_plan_document(movement)
    return named_pdf(render_pdf("conference/pdf/launch_plan.html", {"doc": doc}), f"KH-phat-dong-{movement.pk}")
