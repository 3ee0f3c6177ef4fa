"""Context builders of the council's records: Biên bản họp (NĐ 30 Mẫu 1.9) and Biên bản kiểm phiếu.

Only closed ballots appear (a ballot still open shows no numbers anywhere). Percentages are of
the council's TOTAL membership, as the threshold is. Outcomes are the ones stored when the tally
was applied; a closed ballot not yet applied shows "Chưa xét".
"""

from dataclasses import dataclass

from awards.documents.common import (
    COUNCIL_NAME,
    COUNTED,
    KIND_LABELS,
    METHOD_LABELS,
    OUTCOME_LABELS,
    ROLE_LABELS,
    percent,
)
from awards.enums import TallyOutcome, VoteMethod
from awards.models import Ballot, CouncilMeeting, CouncilMember, Recusal
from hoinghi.letterhead import Header, Signature, agency_name, vn_date, vn_time
from registry.models import OutgoingDocument

BLANK_NAME = "………………………………"
COUNCIL_RECIPIENTS = ("- Thành viên Hội đồng;", "- Lưu: VT, VP.")


@dataclass(frozen=True)
class VoteRow:
    number: int
    name: str
    votes_for: int
    percent_for: str
    votes_against: int
    percent_against: str
    votes_abstain: int
    percent_abstain: str
    recused: int
    result: str
    counts: tuple[int | None, int | None, int | None, int | None] | None


@dataclass(frozen=True)
class BallotRecord:
    heading: str
    method: str
    threshold: str
    total_members: int
    counts: tuple[int | None, int | None, int | None, int | None] | None
    rows: tuple[VoteRow, ...]
    tie_note: str
    recusals: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResultRow:
    number: int
    name: str
    award: str


@dataclass(frozen=True)
class MinutesDocument:
    title: str
    header: Header
    type_name: str
    summary: str
    started: str
    place: str
    total_members: int
    present: tuple[str, ...]
    absent: tuple[str, ...]
    chair: str
    secretary: str
    ballots: tuple[BallotRecord, ...]
    results: tuple[ResultRow, ...]
    closing: str
    recipients: tuple[str, ...]
    signatures: tuple[Signature, Signature]
    board: tuple[str, ...] = ()
    draft: bool = True


@dataclass(frozen=True)
class VoteCountDocument:
    title: str
    header: Header
    type_name: str
    summary: str
    opening: str
    ballot: BallotRecord
    conclusion: str
    board: tuple[str, ...]
    signatures: tuple[Signature, ...]
    draft: bool = True


def is_issued(document: OutgoingDocument | None) -> bool:
    return document is not None and not document.is_draft


def _council_header(meeting: CouncilMeeting, document: OutgoingDocument | None) -> Header:
    """The council's header: "Số: 01/BB-HĐTĐKT" and the register's date once issued; a draft leaves
    the number blank and is dated the day of the meeting."""
    organisation = meeting.conference.organisation
    if is_issued(document):
        number, on = document.number_line, document.date
    else:
        number, on = "Số:        /BB-HĐTĐKT", meeting.date
    place_date = f"{organisation.place_name}, {vn_date(on)}"
    return Header(agency_name(organisation), COUNCIL_NAME, number, place_date)


def member_line(member: CouncilMember | None) -> str:
    """ "Đ/c Nguyễn Văn An, Giám đốc Sở, Chủ tịch Hội đồng" (minutes name members as Đồng chí)."""
    if member is None:
        return BLANK_NAME
    return f"Đ/c {member.full_name}, {member.position}, {ROLE_LABELS[member.role]}"


def _threshold(ballot: Ballot) -> str:
    form = ballot.award_form
    value = f"{form.vote_threshold_percent:f}".rstrip("0").rstrip(".").replace(".", ",")
    if form.vote_threshold_strict:
        return f"Tỷ lệ cần đạt: trên {value}% tổng số thành viên Hội đồng ({ballot.total_members} thành viên)."
    return f"Tỷ lệ cần đạt: từ {value}% tổng số thành viên Hội đồng trở lên ({ballot.total_members} thành viên)."


def _nominee_name(nominee) -> str:
    return " ".join(part for part in (nominee.honorific, nominee.full_name) if part)


def _item_counts(item) -> tuple[int | None, int | None, int | None, int | None]:
    return (item.ballots_issued, item.ballots_returned, item.ballots_valid, item.ballots_invalid)


def ballot_record(ballot: Ballot) -> BallotRecord:
    """One counted ballot: method, ballots issued/returned/valid/invalid, for/against per nominee."""
    items = list(ballot.items.select_related("nomination__nominee", "ballot").order_by("order", "id"))
    total = ballot.total_members
    if ballot.method == VoteMethod.SECRET:
        voted = ballot.receipts.count()
        shared = {(voted, voted, voted, 0)}
    elif ballot.method == VoteMethod.PAPER:
        shared = {_item_counts(i) for i in items}
    else:
        shared = {None}
    counts = next(iter(shared)) if len(shared) == 1 else None
    rows = tuple(
        VoteRow(
            number=position,
            name=_nominee_name(item.nomination.nominee),
            votes_for=item.votes_for,
            percent_for=percent(item.votes_for, item.denominator),
            votes_against=item.votes_against,
            percent_against=percent(item.votes_against, item.denominator),
            votes_abstain=item.votes_abstain,
            percent_abstain=percent(item.votes_abstain, item.denominator),
            recused=item.recused,
            result=OUTCOME_LABELS[item.outcome],
            counts=None if counts else _item_counts(item),
        )
        for position, item in enumerate(items, start=1)
    )
    tie_note = ""
    tie = getattr(ballot, "tie_decision", None)  # the reverse one-to-one raises an AttributeError when absent
    if tie is not None:
        chosen = tie.chosen.select_related("nomination__nominee").order_by("order", "id")
        names = ", ".join(_nominee_name(i.nomination.nominee) for i in chosen)
        tie_note = (
            f"Các trường hợp bằng phiếu tại chỉ tiêu: {member_line(tie.decided_by)} quyết định chọn {names}. "
            f"Lý do: {tie.reason}"
        )
    heading = f"{ballot.award_form.name} – {KIND_LABELS[ballot.kind]}"
    if ballot.revote_of_id:
        heading += " (bỏ phiếu lại các trường hợp bằng phiếu)"
    recusals = tuple(
        f"Đ/c {r.member.full_name} không tham gia biểu quyết đối với {_nominee_name(r.item.nomination.nominee)}"
        f" ({'tự khai báo' if r.declared_by_member else 'Thư ký ghi nhận'}: {r.reason.rstrip('.')})."
        for r in Recusal.objects.filter(item__ballot=ballot)
        .select_related("member", "item__nomination__nominee")
        .order_by("item__order", "member__order")
    )
    method, threshold = METHOD_LABELS[ballot.method], _threshold(ballot)
    return BallotRecord(heading, method, threshold, total, counts, rows, tie_note, recusals)


def _counted_ballots(meeting: CouncilMeeting) -> list[Ballot]:
    return list(
        meeting.ballots.filter(status__in=COUNTED)
        .select_related("award_form", "tie_decision__decided_by")
        .order_by("award_form__order", "kind", "id")
    )


def minutes_signatures(meeting: CouncilMeeting) -> tuple[Signature, Signature]:
    """The secretary (left) and the chair of the meeting (right) sign the minutes."""
    return (
        Signature("", "THƯ KÝ", meeting.secretary.full_name if meeting.secretary else ""),
        Signature("", "CHỦ TỌA", meeting.chair.full_name if meeting.chair else ""),
    )


def minutes_document(meeting: CouncilMeeting, document: OutgoingDocument | None = None) -> MinutesDocument:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (``document``: its entry in the register)."""
    organisation = meeting.conference.organisation
    agency = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    members = list(CouncilMember.objects.filter(conference=meeting.conference).order_by("order", "id"))
    attendance = {a.member_id: a for a in meeting.attendance.all()}
    present, absent = [], []
    for member in members:
        seat = attendance.get(member.pk)
        if seat is not None and seat.present:
            present.append(member_line(member))
            continue
        notes = []
        if seat is not None and seat.written_opinion:
            notes.append("có ý kiến bằng văn bản")
        if seat is not None and seat.note:
            notes.append(seat.note)
        absent.append(member_line(member) + (f" ({'; '.join(notes)})" if notes else ""))
    ballots = _counted_ballots(meeting)
    records = tuple(ballot_record(b) for b in ballots)
    results = []
    for ballot in ballots:
        approved = ballot.items.filter(outcome=TallyOutcome.APPROVED).select_related("nomination__nominee")
        for item in approved.order_by("rank", "order", "id"):
            results.append(ResultRow(len(results) + 1, _nominee_name(item.nomination.nominee), ballot.award_form.name))
    closing = f"Cuộc họp kết thúc vào {vn_time(meeting.end_time)}, {vn_date(meeting.date)}."
    return MinutesDocument(
        title=f"Biên bản họp Hội đồng Thi đua - Khen thưởng {vn_date(meeting.date)}",
        header=_council_header(meeting, document),
        type_name="BIÊN BẢN",
        summary=f"Họp Hội đồng Thi đua - Khen thưởng {agency}",
        started=f"{vn_time(meeting.start_time)}, {vn_date(meeting.date)}.",
        place=f"{meeting.place}.",
        total_members=len(members),
        present=tuple(present),
        absent=tuple(absent),
        chair=member_line(meeting.chair),
        secretary=member_line(meeting.secretary),
        ballots=records,
        results=tuple(results),
        closing=closing,
        board=tuple(member_line(m) for m in meeting.board),
        recipients=COUNCIL_RECIPIENTS,
        signatures=minutes_signatures(meeting),
        draft=not is_issued(document),
    )


def vote_count_signatures(meeting: CouncilMeeting) -> tuple[Signature, ...]:
    """The vote-counting board signs (its two members, then its head, right); a meeting that chose
    no board (a show of hands) has its record signed by the secretary and the chair, like the minutes."""
    head, first, second = meeting.board_head, meeting.board_member_1, meeting.board_member_2
    if head is None:
        return minutes_signatures(meeting)
    members = tuple(Signature("", "THÀNH VIÊN", m.full_name) for m in (first, second) if m is not None)
    return (*members, Signature("", "TRƯỞNG BAN KIỂM PHIẾU", head.full_name))


def vote_count_document(ballot: Ballot, document: OutgoingDocument | None = None) -> VoteCountDocument:
    """Biên bản kiểm phiếu of one counted ballot (no official template: the usual contents)."""
    meeting = ballot.meeting
    record = ballot_record(ballot)
    approved = sum(1 for row in record.rows if row.result == OUTCOME_LABELS[TallyOutcome.APPROVED])
    opening = (
        f"Vào hồi {vn_time(meeting.start_time)}, {vn_date(meeting.date)}, tại {meeting.place}, Ban Kiểm phiếu "
        f"của Hội đồng Thi đua - Khen thưởng tiến hành kiểm phiếu xét tặng {ballot.award_form.name} "
        f"({KIND_LABELS[ballot.kind].lower()}). Phương thức: {record.method}."
    )
    head, *members = [meeting.board_head, meeting.board_member_1, meeting.board_member_2]
    board = (
        f"{_board_name(head)}, Trưởng ban;",
        f"{_board_name(members[0])}, Thành viên;",
        f"{_board_name(members[1])}, Thành viên.",
    )
    return VoteCountDocument(
        title=f"Biên bản kiểm phiếu – {record.heading}",
        header=_council_header(meeting, document),
        type_name="BIÊN BẢN",
        summary=f"Kiểm phiếu xét tặng {ballot.award_form.name} – {KIND_LABELS[ballot.kind]}",
        opening=opening,
        ballot=record,
        conclusion=f"Số trường hợp đạt và trong chỉ tiêu: {approved:02d}/{len(record.rows):02d}.",
        board=board,
        signatures=vote_count_signatures(meeting),
        draft=not is_issued(document),
    )


def _board_name(member: CouncilMember | None) -> str:
    return f"Đ/c {member.full_name}, {member.position}" if member is not None else "…………………………………………"
