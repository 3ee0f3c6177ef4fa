"""Context builders of the Quyết định (Giấy khen) and the Tờ trình (Bằng khen), with their lists.

Each builder reads the database once and returns a frozen dataclass holding every string the
template prints, already in its final Vietnamese form, so tests check the wording without
rendering a PDF and the templates only lay it out.
"""

from dataclasses import dataclass

from django.utils import timezone

from awards.documents.common import COUNTED, KIND_LABELS, achievement_phrase, count_phrase
from awards.enums import DecisionStatus
from awards.models import Ballot, CouncilMeeting, Decision, DecisionEntry
from awards.money import amount_in_words, format_vnd
from hoinghi.letterhead import Header, Signature, agency_name, legal_basis_lines, vn_date
from reference.enums import NomineeKind

DECISION_RECIPIENTS = ("- Như Điều 3;", "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, VP.")
PROPOSAL_RECIPIENTS = ("- Như trên;", "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, VP.")


@dataclass(frozen=True)
class ListRow:
    number: int | None
    name: str
    description: str
    achievement: str
    amount: str


@dataclass(frozen=True)
class AwardList:
    """The attached list (Danh sách kèm theo)."""

    subtitle: str
    reference: str
    collectives: tuple[ListRow, ...]
    individuals: tuple[ListRow, ...]
    with_money: bool
    with_achievement: bool
    total: str
    closing: str

    @property
    def sections(self) -> tuple[tuple[str, str, tuple[ListRow, ...]], ...]:
        """ "I. Tập thể", "II. Cá nhân" (numbered over the sections that have rows)."""
        parts = [
            (title, rows) for title, rows in (("Tập thể", self.collectives), ("Cá nhân", self.individuals)) if rows
        ]
        return tuple((("I", "II")[i], title, rows) for i, (title, rows) in enumerate(parts))


@dataclass(frozen=True)
class DecisionDocument:
    title: str
    draft: bool
    header: Header
    type_name: str
    summary: str
    authority: str
    legal_bases: tuple[str, ...]
    proposer: str
    articles: tuple[tuple[str, str], ...]
    recipients: tuple[str, ...]
    signature: Signature
    annex: AwardList


@dataclass(frozen=True)
class ProposalDocument:
    title: str
    draft: bool
    header: Header
    type_name: str
    summary: str
    addressee: str
    legal_bases: tuple[str, ...]
    paragraphs: tuple[str, ...]
    recipients: tuple[str, ...]
    signature: Signature
    annex: AwardList


def _entries(decision: Decision) -> list[DecisionEntry]:
    return list(decision.entries.order_by("register_number", "id"))


def _header(decision: Decision, type_code: str) -> Header:
    organisation = decision.conference.organisation
    symbol = decision.symbol or f"{type_code}-{organisation.abbreviation}"
    number = f"Số: {decision.number_label}" if decision.number else f"Số:        /{symbol}"
    place_date = f"{organisation.place_name}, {vn_date(decision.date)}"
    if decision.date is None:
        place_date = f"{place_date} {timezone.localdate().year}"
    return Header(organisation.parent_name, agency_name(organisation), number, place_date)


def _signature(decision: Decision) -> Signature:
    return Signature(decision.signer_authority.upper(), decision.signer_position.upper(), decision.signer_name)


def _award_list(decision: Decision, entries, *, subtitle: str, reference: str, money: bool) -> AwardList:
    rows = {kind: [] for kind in KIND_LABELS}
    for entry in entries:
        amount = format_vnd(entry.amount) if entry.amount else ""
        row = ListRow(entry.register_number, entry.recipient, entry.description, entry.achievement, amount)
        rows[entry.kind].append(row)
    total = decision.total_amount or sum(e.amount for e in entries)
    collectives, individuals = rows[NomineeKind.COLLECTIVE], rows[NomineeKind.INDIVIDUAL]
    closing = f"Danh sách có {count_phrase(len(collectives), len(individuals))}./."
    return AwardList(
        subtitle=subtitle,
        reference=reference,
        collectives=tuple(collectives),
        individuals=tuple(individuals),
        with_money=money,
        with_achievement=not money,
        total=format_vnd(total) if money and total else "",
        closing=closing,
    )


def _reference(kind: str, decision: Decision, issuer: str) -> str:
    number = decision.number_label or f"     /{decision.symbol or ''}"
    return f"(Kèm theo {kind} số {number} {vn_date(decision.date)} của {issuer})"


def _money_article(entries, total: int, award: str, fund_owner: str) -> str:
    by_kind = {kind: {e.amount for e in entries if e.kind == kind} for kind in KIND_LABELS}
    parts = [
        f"mỗi {KIND_LABELS[kind].lower()} {format_vnd(next(iter(amounts)))} đồng"
        for kind, amounts in by_kind.items()
        if len(amounts) == 1 and next(iter(amounts))
    ]
    each = f" ({'; '.join(parts)})" if parts else ""
    return (
        f"Mức tiền thưởng kèm theo {award} thực hiện theo danh sách kèm theo{each}; "
        f"tổng số tiền: {format_vnd(total)} đồng (Bằng chữ: {amount_in_words(total)}), "
        f"chi từ Quỹ thi đua, khen thưởng của {fund_owner}."
    )


def decision_document(decision: Decision) -> DecisionDocument:
    """The Director's Quyết định tặng Giấy khen (Mẫu 1.2/1.3) with its attached list."""
    conference = decision.conference
    organisation = conference.organisation
    entries = _entries(decision)
    agency = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    issuer = decision.award_form.issuer or f"Giám đốc {agency}"
    award = decision.award_form.name
    collectives = sum(1 for e in entries if e.kind == NomineeKind.COLLECTIVE)
    individuals = len(entries) - collectives
    total = decision.total_amount or sum(e.amount for e in entries)
    achievement = achievement_phrase(decision.title, conference.year)
    article_3 = "Quyết định này có hiệu lực kể từ ngày ký."
    if decision.replaces_id:
        old = decision.replaces
        article_3 = (
            f"Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số {old.number_label} "
            f"{vn_date(old.date)} của {issuer}."
        )
    article_3 += (
        " Chánh Văn phòng Sở, Thủ trưởng các phòng, đơn vị có liên quan và các tập thể, cá nhân có tên "
        "tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    articles = (
        (
            "Điều 1.",
            f"Tặng {award} cho {count_phrase(collectives, individuals)} (có danh sách kèm theo) {achievement}.",
        ),
        ("Điều 2.", _money_article(entries, total, award, agency)),
        ("Điều 3.", article_3),
    )
    annex = _award_list(
        decision,
        entries,
        subtitle=f"Tập thể, cá nhân được tặng {award}",
        reference=_reference("Quyết định", decision, issuer),
        money=True,
    )
    return DecisionDocument(
        title=f"Quyết định {decision.number_label}".strip(),
        draft=decision.status == DecisionStatus.DRAFT,
        header=_header(decision, "QĐ"),
        type_name="QUYẾT ĐỊNH",
        summary=decision.title,
        authority=issuer.upper(),
        legal_bases=legal_basis_lines(decision.legal_bases),
        proposer="Theo đề nghị của Chánh Văn phòng Sở.",
        articles=articles,
        recipients=DECISION_RECIPIENTS,
        signature=_signature(decision),
        annex=annex,
    )


def _meeting_for(decision: Decision) -> CouncilMeeting | None:
    nominations = decision.entries.values("nomination_id")
    ballot = (
        Ballot.objects.filter(items__nomination__in=nominations, status__in=COUNTED)
        .select_related("meeting")
        .order_by("-meeting__date")
        .first()
    )
    return ballot.meeting if ballot else None


def proposal_document(decision: Decision) -> ProposalDocument:
    """The Tờ trình to the Chairman of the Provincial People's Committee, with the list and summaries."""
    conference = decision.conference
    organisation = conference.organisation
    entries = _entries(decision)
    agency = organisation.name.removesuffix(f" tỉnh {organisation.province}")
    chairman = f"Chủ tịch Ủy ban nhân dân tỉnh {organisation.province}"
    award = decision.award_form.name
    collectives = sum(1 for e in entries if e.kind == NomineeKind.COLLECTIVE)
    individuals = len(entries) - collectives
    bases = list(decision.legal_bases)
    meeting = _meeting_for(decision)
    if meeting is not None:
        bases.append(f"Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng {agency} {vn_date(meeting.date)}")
    achievement = achievement_phrase(decision.title, conference.year)
    paragraphs = (
        f"{agency} kính trình {chairman} xem xét, tặng {award} cho {count_phrase(collectives, individuals)} "
        f"{achievement} (có danh sách và tóm tắt thành tích kèm theo).",
        "Hồ sơ kèm theo gồm: danh sách và tóm tắt thành tích; báo cáo thành tích của các tập thể, cá nhân; "
        "biên bản họp và biên bản kiểm phiếu của Hội đồng Thi đua - Khen thưởng Sở.",
        f"{agency} kính trình {chairman} xem xét, quyết định./.",
    )
    annex = _award_list(
        decision,
        entries,
        subtitle=f"Tập thể, cá nhân đề nghị tặng {award}",
        reference=_reference("Tờ trình", decision, agency),
        money=False,
    )
    return ProposalDocument(
        title=f"Tờ trình {decision.number_label}".strip(),
        draft=decision.status == DecisionStatus.DRAFT,
        header=_header(decision, "TTr"),
        type_name="TỜ TRÌNH",
        summary=decision.title,
        addressee=f"{chairman} (qua Sở Nội vụ)",
        legal_bases=legal_basis_lines(bases),
        paragraphs=paragraphs,
        recipients=PROPOSAL_RECIPIENTS,
        signature=_signature(decision),
        annex=annex,
    )
