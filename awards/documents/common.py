"""Wording of the council and awards documents: labels, percentages, achievement and count phrases.

Dates, numbers, the header block and signatures are the kit's (``hoinghi.letterhead``).
"""

from awards.enums import BallotStatus, CouncilRole, TallyOutcome, VoteMethod
from awards.percent import percent_text
from hoinghi.letterhead import two_digits
from reference.enums import NomineeKind

COUNTED = (BallotStatus.CLOSED, BallotStatus.APPLIED)
ROLE_LABELS = {
    CouncilRole.CHAIR: "Chủ tịch Hội đồng",
    CouncilRole.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    CouncilRole.MEMBER: "Ủy viên",
    CouncilRole.MEMBER_SECRETARY: "Ủy viên kiêm Thư ký",
}
METHOD_LABELS = {
    VoteMethod.SECRET: "Bỏ phiếu kín (trên hệ thống)",
    VoteMethod.PAPER: "Bỏ phiếu kín (phiếu giấy)",
    VoteMethod.SHOW_OF_HANDS: "Biểu quyết giơ tay",
}
OUTCOME_LABELS = {
    TallyOutcome.PENDING: "Chưa xét",
    TallyOutcome.APPROVED: "Đạt",
    TallyOutcome.NOT_PASSED: "Không đạt",
    TallyOutcome.OVER_QUOTA: "Đạt tỷ lệ, ngoài chỉ tiêu",
    TallyOutcome.TIED: "Bằng phiếu tại chỉ tiêu",
}
KIND_LABELS = {NomineeKind.COLLECTIVE: "Tập thể", NomineeKind.INDIVIDUAL: "Cá nhân"}
COUNCIL_NAME = "HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG"  # two lines in the header's narrow column


# ------------------------------------------------------------------ wording helpers


def percent(votes: int, total: int) -> str:
    """Share of the TOTAL membership, Vietnamese decimal comma: 5 of 9 -> "55,56%", 9 of 9 -> "100%"."""
    return percent_text(votes, total)


def achievement_phrase(title: str, year: int) -> str:
    """ "đã có thành tích xuất sắc trong …", taken from the decision's summary line when it has one."""
    lower = title.lower()
    start = lower.find("có thành tích")
    if start < 0:
        return f"đã có thành tích xuất sắc trong các phong trào thi đua năm {year}"
    return f"đã {title[start:].rstrip('.;, ')}"


def count_phrase(collectives: int, individuals: int) -> str:
    """ "02 tập thể và 03 cá nhân" (a part with none is left out)."""
    parts = [f"{two_digits(n)} {word}" for n, word in ((collectives, "tập thể"), (individuals, "cá nhân")) if n]
    return " và ".join(parts) or "00 cá nhân"
