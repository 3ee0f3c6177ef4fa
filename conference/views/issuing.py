"""Issuing a conference document through the register: one page (the form) and its POST for every kind.

Office only (``office_required``): anonymous users go to the login page, others get 403. The
kinds and what each is made from are ``conference.services.issuing.TYPES``; a kind or a target
the current conference does not have is 404. The issued file is served by ``issued_pdf``.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conference.services import issuing
from hoinghi.downloads import pdf_response
from hoinghi.gates import office_required
from reference.selectors import current_conference
from registry.enums import DocumentStatus
from registry.forms import IssueForm
from registry.selectors import documents_for
from registry.services import RegisterError


def document_page(dtype: issuing.DocumentType, target) -> str:
    """Where the document is shown (the issue page returns there)."""
    if dtype.code == "invitation":
        return reverse("invitation_list")
    if dtype.code == "report":
        return reverse("conference_ceremony")
    if dtype.code == "launch-plan":
        return reverse("registration_list")
    return reverse("conference_summary")


def draft_url(dtype: issuing.DocumentType, target) -> str:
    """The document's own download (the draft before issue, the stored file after)."""
    if dtype.code == "invitation":
        return reverse("invitations_pdf")
    if dtype.code == "report":
        return reverse("conference_report_pdf")
    if dtype.code == "summary":
        return reverse("conference_summary_pdf")
    if dtype.code == "launch-plan":
        return reverse("conference_launch_plan_pdf", args=[target.pk])
    return reverse("conference_progress_pdf") + f"?on={target.on:%Y-%m-%d}"


@require_http_methods(["GET", "POST"])
@office_required
def issue_document(request, code: str, key: str = ""):
    conference = current_conference()
    dtype = issuing.TYPES.get(code)
    target = issuing.target_of(dtype, conference, key) if dtype else None
    if target is None:
        raise Http404
    form = IssueForm(
        request.POST or None,
        request.FILES or None,
        signers=issuing.signers_for(conference.organisation),
        recipients=dtype.recipients(target),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = issuing.issue(
                dtype,
                target,
                on=data["date"],
                signer=form.signature(),
                recipients=data["recipients"],
                by=request.user,
                edited=data["edited"],
            )
        except RegisterError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(number)s was issued.") % {"number": record.number_label})
            return redirect(document_page(dtype, target))
    context = {
        "conference": conference,
        "dtype": dtype,
        "form": form,
        "issued": issuing.issued_document(dtype, target),
        "draft_url": draft_url(dtype, target),
        "back_url": document_page(dtype, target),
        "pending": issuing.pending_delegates(conference).count() if dtype.code == "invitation" else None,
        "supplementary": dtype.code == "invitation" and bool(issuing.invitation_documents(conference)),
    }
    return render(request, "conference/issue.html", context)


@require_GET
@office_required
def issued_pdf(request, pk: int):
    """A register document of the current conference, as it was issued (the stored bytes)."""
    record = get_object_or_404(
        documents_for(request.user), pk=pk, conference=current_conference(), status=DocumentStatus.ISSUED
    )
    return pdf_response(issuing.stored_pdf(record))
