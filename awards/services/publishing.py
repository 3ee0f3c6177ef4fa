"""The documents the Department chooses to publish on the public page (plan IV.3, docs/next-round.md).

Only an issued decision or proposal may be published; the Office publishes and withdraws it. The
public page (conference/views/rounds.py) lists a year's published documents and serves their PDF
without a login; nothing is logged for a public read.
"""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from awards import documents
from awards.enums import DecisionStatus, DocumentType
from awards.errors import DecisionError
from awards.models import Decision
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.models import set_change_reason, set_history_user
from hoinghi.pdf import render_pdf
from hoinghi.roles import is_office
from registry.selectors import stored_file


def set_published(decision: Decision, *, published: bool, by: User) -> Decision:
    """Publish (or withdraw) an issued document; a draft or a replaced one is refused."""
    if not is_office(by):
        raise PermissionDenied(_("Only the Office publishes documents."))
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if published and decision.status != DecisionStatus.ISSUED:
            raise DecisionError(_("Only an issued document can be published."), code="not_issued")
        decision.published = published
        set_history_user(decision, by)
        set_change_reason(decision, "published" if published else "withdrawn from the public page")
        decision.save(update_fields=["published"])
    return decision


def published_documents(conference) -> QuerySet:
    return (
        Decision.objects.filter(conference=conference, status=DecisionStatus.ISSUED, published=True)
        .select_related("award_form", "conference__organisation")
        .order_by("date", "number", "id")
    )


def published_pdf(decision: Decision) -> PrintedPdf:
    """The published document's PDF, as the Office prints it: the register's stored file, byte for byte
    (docs/document-register.md); a document issued before the register is rendered."""
    type_code = "QĐ" if decision.document_type == DocumentType.DECISION else "TTr"
    if decision.document is not None and not decision.document.is_draft:
        content = bytes(stored_file(decision.document).content)
    elif decision.document_type == DocumentType.DECISION:
        content = render_pdf("awards/pdf/decision.html", {"doc": documents.decision_document(decision)})
    else:
        content = render_pdf("awards/pdf/proposal.html", {"doc": documents.proposal_document(decision)})
    abbreviation = decision.conference.organisation.abbreviation
    return named_pdf(
        content, f"{type_code}-{decision.number:02d}-{decision.date.year if decision.date else ''}-{abbreviation}"
    )
