"""Decisions (Quyết định, Giấy khen) and proposals (Tờ trình, Bằng khen): draft, issue, replace, record.

An issued document never changes: these services refuse, the admin shows it read-only, and a
correction is a new document that ``replaces`` it (both stay). The only later write to an issued
proposal is the province's decision number and date, which ``record_province_decision`` stores.
"""

from datetime import date as Date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from awards import mail
from awards.enums import DecisionStatus, DocumentType
from awards.errors import DecisionError
from awards.models import Decision, DecisionEntry, LegalBasis, Signer
from awards.money import reward_amount
from awards.services import printing
from awards.transitions import DECISIONS
from hoinghi.letterhead import Signature
from hoinghi.models import set_change_reason, set_history_user
from hoinghi.roles import is_office
from nominations.enums import NominationStatus
from nominations.models import Nomination
from nominations.services import transition
from reference.enums import AwardLevel, NomineeKind
from reference.models import AwardForm, Conference
from registry import services as register
from registry.enums import DocumentKind

TYPE_CODES: dict[str, str] = {DocumentType.DECISION: "QĐ", DocumentType.PROPOSAL: "TTr"}
REGISTER_KINDS: dict[str, DocumentKind] = {
    DocumentType.DECISION: DocumentKind.DECISION,
    DocumentType.PROPOSAL: DocumentKind.PROPOSAL,
}
KIND_ORDER: dict[str, int] = {NomineeKind.COLLECTIVE: 0, NomineeKind.INDIVIDUAL: 1}


def _ensure_office(by: User) -> None:
    if not is_office(by):
        raise PermissionDenied(_("Only the Office prepares and issues decisions."))


def document_type_for(award_form: AwardForm) -> str:
    """The Director decides the Giấy khen; the province's Bằng khen is proposed to its Chairman."""
    return DocumentType.DECISION if award_form.level == AwardLevel.DEPARTMENT else DocumentType.PROPOSAL


def default_title(conference: Conference, award_form: AwardForm) -> str:
    what = "tặng" if document_type_for(award_form) == DocumentType.DECISION else "đề nghị tặng"
    return (
        f"Về việc {what} {award_form.name} cho các tập thể, cá nhân có thành tích xuất sắc "
        f"trong các phong trào thi đua năm {conference.year}"
    )


def awaiting_decision(conference: Conference, award_form: AwardForm | None = None) -> QuerySet:
    """Approved nominations not yet on an issued decision or proposal."""
    queryset = (
        Nomination.objects.alive()
        .filter(conference=conference, status=NominationStatus.APPROVED)
        .exclude(decision_entries__decision__status=DecisionStatus.ISSUED)
    )
    return queryset if award_form is None else queryset.filter(award_form=award_form)


def _list_order(nomination: Nomination) -> tuple:
    return (KIND_ORDER[nomination.nominee.kind], nomination.nominee.sort_key, nomination.pk)


def _recipient(nominee) -> str:
    return " ".join(part for part in (nominee.honorific, nominee.full_name) if part)


def draft_decision(conference: Conference, award_form: AwardForm, *, by: User, title: str | None = None) -> Decision:
    """A draft decision (Giấy khen) or proposal (Bằng khen) listing every approved nomination waiting.

    Side effects: a Decision (draft) and one DecisionEntry per nomination, collectives first,
    then individuals, each in Vietnamese name order.
    """
    _ensure_office(by)
    nominations = sorted(
        awaiting_decision(conference, award_form).select_related("nominee__unit__organisation"), key=_list_order
    )
    if not nominations:
        raise DecisionError(_("No approved nomination of this award form is waiting for a decision."), code="empty")
    with transaction.atomic():
        decision = Decision.objects.create(
            conference=conference,
            document_type=document_type_for(award_form),
            award_form=award_form,
            title=(title or "").strip() or default_title(conference, award_form),
            created_by=by,
        )
        bulk_create_with_history(
            [
                DecisionEntry(
                    decision=decision,
                    nomination=n,
                    kind=n.nominee.kind,
                    recipient=_recipient(n.nominee),
                    description=n.nominee.description,
                    achievement=n.achievement_summary,
                )
                for n in nominations
            ],
            DecisionEntry,
            default_user=by,
        )
    return decision


def legal_bases_on(document_type: str, on: Date) -> list[str]:
    """The "Căn cứ …" lines in force on a date for a decision or a proposal."""
    in_force = Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))
    cited = Q(for_decisions=True) if document_type == DocumentType.DECISION else Q(for_proposals=True)
    return list(LegalBasis.objects.filter(in_force & cited).order_by("order", "id").values_list("text", flat=True))


def register_source(decision: Decision) -> str:
    """What the register says a decision's entry was made from: "awards.decision:12"."""
    return f"awards.decision:{decision.pk}"


def _award_note(decision: Decision) -> str:
    return _("Decision No. %(number)s of %(date)s.") % {
        "number": decision.number_label,
        "date": f"{decision.date:%d/%m/%Y}",
    }


def _award(decision: Decision, *, by: User, note: str) -> None:
    """Approved → awarded for the decision's nominations (those awarded already stay)."""
    for entry in decision.entries.select_related("nomination"):
        if entry.nomination.status == NominationStatus.APPROVED:
            transition(entry.nomination, NominationStatus.AWARDED, by=by, note=note, record=True)


def _check_entries(decision: Decision, entries: list[DecisionEntry]) -> None:
    if not entries:
        raise DecisionError(_("The list is empty."), code="empty")
    allowed = {NominationStatus.APPROVED}
    if decision.replaces_id:
        allowed.add(NominationStatus.AWARDED)
    elsewhere = (
        DecisionEntry.objects.filter(
            nomination__in=[e.nomination_id for e in entries], decision__status=DecisionStatus.ISSUED
        )
        .exclude(decision=decision.replaces_id)
        .exclude(decision=decision)
    )
    taken = set(elsewhere.values_list("nomination_id", flat=True))
    wrong = [e.recipient for e in entries if e.nomination.status not in allowed or e.nomination_id in taken]
    if wrong:
        raise DecisionError(
            _("Not approved, or already on an issued decision: %(names)s.") % {"names": ", ".join(wrong)},
            code="not_approved",
        )


def _number_in_register(decision: Decision, entries: list[DecisionEntry], old: Decision | None) -> None:
    """Register numbers (số sổ vàng): they run on across the conference's decisions of one award form.

    A new decision's list starts after the highest number already given (01/QĐ lists 1–10, 02/QĐ
    starts at 11). A correction keeps each awardee's number from the decision it replaces; an
    awardee it adds gets the next free number.
    """
    kept = dict(old.entries.values_list("nomination_id", "register_number")) if old is not None else {}
    given = DecisionEntry.objects.filter(
        decision__conference=decision.conference_id,
        decision__award_form=decision.award_form_id,
        decision__status__in=(DecisionStatus.ISSUED, DecisionStatus.REPLACED),
    ).aggregate(highest=Max("register_number"))["highest"]
    following = (given or 0) + 1
    for entry in entries:
        if kept.get(entry.nomination_id) is not None:
            entry.register_number = kept[entry.nomination_id]
        else:
            entry.register_number, following = following, following + 1


def issue_decision(decision: Decision, *, date: Date, signer: Signer, by: User) -> Decision:
    """Number, date, sign and freeze a draft.

    Side effects, in one transaction:
    - an entry in the register of outgoing documents (``registry.services.issue``): the next number
      of the issuer's series for the kind and year (row lock; restarts each year), the date, the
      signer, the recipients, and the issued PDF with its SHA-256 (every later download is that
      file); a correction's entry cites the entry of the decision it replaces;
    - the signer and the legal bases in force on the date, copied onto the decision;
    - each entry's register number (số sổ vàng, in list order, running on from the conference's
      earlier decisions of the award form: ``_number_in_register``) and reward money, and the total;
    - status draft → issued; the decision it corrects, if any, issued → replaced (``DECISIONS.move``,
      history rows);
    - for a Quyết định: each nomination approved → awarded (history rows);
    - the e-mail to the units concerned (``awards.mail.decision_issued``).
    """
    _ensure_office(by)
    conference = decision.conference
    organisation = conference.organisation
    if signer.organisation_id != organisation.pk or not signer.is_active:
        raise DecisionError(_("Choose an active signer of the Department."), code="signer")
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        DECISIONS.ensure_allowed(decision, DecisionStatus.ISSUED)
        entries = sorted(
            decision.entries.select_related("nomination__nominee"), key=lambda e: _list_order(e.nomination)
        )
        _check_entries(decision, entries)
        old = None
        if decision.replaces_id:
            old = Decision.objects.select_for_update().get(pk=decision.replaces_id)
            DECISIONS.ensure_allowed(old, DecisionStatus.REPLACED)
        decision.date = date
        decision.signer = signer
        decision.signer_name, decision.signer_position = signer.full_name, signer.position
        decision.signer_authority = signer.authority_prefix
        decision.legal_bases = legal_bases_on(decision.document_type, date)
        money = {kind: reward_amount(decision.award_form, kind, date) for kind in {e.kind for e in entries}}
        _number_in_register(decision, entries, old)
        for entry in entries:
            entry.multiple, entry.base_salary, entry.amount = money[entry.kind]
        bulk_update_with_history(
            entries, DecisionEntry, ["register_number", "multiple", "base_salary", "amount"], default_user=by
        )
        decision.total_amount = sum(e.amount for e in entries)
        decision.issued_by, decision.issued_at = by, timezone.now()
        draft = register.open_draft(
            kind=REGISTER_KINDS[decision.document_type],
            issuer_code=organisation.abbreviation,
            source=register_source(decision),
            summary=decision.title,
            by=by,
            conference=conference,
            corrects=old.document if old is not None else None,
            reason=decision.correction_reason,
        )

        def numbered_and_printed(document) -> bytes:
            """The register's number on the decision, the move to issued, then the PDF it stores."""
            decision.number, decision.symbol, decision.document = document.number, document.symbol, document
            DECISIONS.move(decision, DecisionStatus.ISSUED, by=by)
            return printing.render_decision(decision)

        register.issue(
            draft,
            on=date,
            signer=Signature(decision.signer_authority, decision.signer_position, decision.signer_name),
            recipients=printing.recipients_of(decision),
            render=numbered_and_printed,
            filename=lambda document: printing.decision_filename(decision),
            by=by,
        )
        if decision.document_type == DocumentType.DECISION:
            _award(decision, by=by, note=_award_note(decision))
        mail.decision_issued(decision)  # the units concerned, in the outbox (docs/outbox.md)
        if old is not None:
            DECISIONS.move(old, DecisionStatus.REPLACED, by=by, fields=[], note=decision.number_label)
    return decision


def replace_decision(decision: Decision, *, reason: str, by: User) -> Decision:
    """Start a correction: a new draft that replaces the issued one, with the same list.

    Side effects: a Decision (draft, ``replaces`` the old one) and copies of its entries. The old
    one stays issued until the correction is issued, then it becomes replaced; both are kept.
    """
    _ensure_office(by)
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError(_("Give the reason for the correction."), code="reason_required")
    with transaction.atomic():
        old = Decision.objects.select_for_update().get(pk=decision.pk)
        if old.status != DecisionStatus.ISSUED:
            raise DecisionError(_("Only an issued decision can be corrected."), code="not_issued")
        if Decision.objects.filter(replaces=old).exists():
            raise DecisionError(_("A correction of this decision already exists."), code="exists")
        new = Decision.objects.create(
            conference=old.conference,
            document_type=old.document_type,
            award_form=old.award_form,
            title=old.title,
            replaces=old,
            correction_reason=reason,
            created_by=by,
        )
        bulk_create_with_history(
            [
                DecisionEntry(
                    decision=new,
                    nomination_id=e.nomination_id,
                    kind=e.kind,
                    recipient=e.recipient,
                    description=e.description,
                    achievement=e.achievement,
                )
                for e in old.entries.order_by("register_number", "id")
            ],
            DecisionEntry,
            default_user=by,
        )
    return new


def record_province_decision(proposal: Decision, *, number: str, date: Date, by: User) -> Decision:
    """The province decided on an issued proposal: store its number and date; the awardees are awarded.

    Side effects: the proposal's province number and date; each nomination approved → awarded
    (history rows); the proposal's history row, reason "province decision", by ``by``.
    """
    _ensure_office(by)
    number = (number or "").strip()
    if not number:
        raise DecisionError(_("Give the number of the province's decision."), code="number_required")
    with transaction.atomic():
        proposal = Decision.objects.select_for_update().get(pk=proposal.pk)
        if proposal.document_type != DocumentType.PROPOSAL or proposal.status != DecisionStatus.ISSUED:
            raise DecisionError(_("Only an issued proposal awaits the province's decision."), code="not_proposal")
        if proposal.province_decision_number:
            raise DecisionError(_("The province's decision is already recorded."), code="recorded")
        if proposal.date is not None and date < proposal.date:  # an issued proposal is dated
            raise DecisionError(_("The province's decision cannot be dated before the proposal."), code="date")
        proposal.province_decision_number, proposal.province_decision_date = number, date
        set_change_reason(proposal, "province decision")
        set_history_user(proposal, by)  # also outside a request
        proposal.save(update_fields=["province_decision_number", "province_decision_date"])
        note = _("Province's decision No. %(number)s of %(date)s.") % {"number": number, "date": f"{date:%d/%m/%Y}"}
        _award(proposal, by=by, note=note)
    return proposal
