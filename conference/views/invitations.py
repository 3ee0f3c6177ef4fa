"""Invitations: the Office's list with replies and the Giấy mời PDFs; the delegate's private page.

- Office pages (``office_required``): anonymous users go to the login page, others get 403.
- ``rsvp`` is public: whoever holds the private token (from the letter or its QR code) sees that
  one delegate's name and the conference facts, and may confirm, decline or name a substitute.
  An unknown token is 404. Office staff who open the link (the check-in staff scanning the QR)
  also get a link to the check-in page of that delegate when check-in is installed.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conference import mail
from conference.documents.invitations import time_line
from conference.enums import Rsvp
from conference.models import Delegate
from conference.services import invitations as services
from conference.services import issuing
from hoinghi.downloads import docx_response, pdf_response
from hoinghi.gates import office_required
from hoinghi.roles import is_office
from reference.selectors import current_conference


class RsvpForm(forms.Form):
    rsvp = forms.ChoiceField(
        choices=Rsvp.choices, label=gettext_lazy("Reply"), widget=forms.Select(attrs={"class": "form-select"})
    )
    substitute_name = forms.CharField(
        required=False,
        max_length=200,
        label=gettext_lazy("Substitute's full name"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class PublicRsvpForm(RsvpForm):
    rsvp = forms.ChoiceField(
        choices=[(value, label) for value, label in Rsvp.choices if value != Rsvp.INVITED],
        label=gettext_lazy("Your reply"),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


def _save_reply(request, delegate: Delegate, form: RsvpForm, *, from_link: bool = False) -> bool:
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return False
    try:
        by = request.user if request.user.is_authenticated else None
        data = form.cleaned_data
        services.set_rsvp(delegate, data["rsvp"], data["substitute_name"], by=by, from_link=from_link)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return False
    return True


@require_GET
@office_required
def invitation_list(request):
    conference = current_conference()
    delegates = list(services.delegates_of(conference).order_by("invitation_number"))
    counts = {value: 0 for value in Rsvp.values}
    for delegate in delegates:
        counts[delegate.rsvp] += 1
    context = {
        "conference": conference,
        "delegates": delegates,
        "without_email": [d for d in delegates if not d.email],
        "rsvp_choices": Rsvp.choices,
        "counts": [(label, counts[value]) for value, label in Rsvp.choices],
        "issued_invitations": issuing.invitation_documents(conference),
        "pending": sum(1 for d in delegates if d.invitation_id is None),
        "issue_url": reverse("conference_document_issue", args=["invitation"]),
    }
    return render(request, "conference/invitations/list.html", context)


@require_POST
@office_required
def invitations_email(request):
    """Queue each delegate's invitation e-mail (PDF, reply link, .ics) in the outbox, for the Office's review."""
    created, _without = mail.queue_invitations(current_conference())
    messages.success(
        request,
        _("%(count)d invitation(s) wait in the outbox: read them, then send them.") % {"count": len(created)},
    )
    return redirect(reverse("outbox_list") + "?kind=invitation&status=draft")


@require_POST
@office_required
def delegate_rsvp(request, pk: int):
    delegate = get_object_or_404(Delegate, pk=pk, conference=current_conference())
    if _save_reply(request, delegate, RsvpForm(request.POST)):
        messages.success(request, _("Reply of %(name)s recorded.") % {"name": delegate.full_name})
    return redirect("invitation_list")


@require_GET
@office_required
def invitations_pdf(request):
    return pdf_response(services.invitations_pdf(current_conference(), by=request.user))


@require_GET
@office_required
def invitations_docx(request):
    return docx_response(services.invitations_docx(current_conference(), by=request.user))


@require_GET
@office_required
def invitation_pdf(request, pk: int):
    delegate = get_object_or_404(
        Delegate.objects.select_related("conference__organisation"), pk=pk, conference=current_conference()
    )
    return pdf_response(services.invitation_pdf(delegate, by=request.user))


def checkin_link(delegate: Delegate) -> str | None:
    """The check-in page of the delegate, when the check-in URLs are installed."""
    try:
        return reverse("checkin_delegate", args=[delegate.token])
    except NoReverseMatch:
        return None


@require_http_methods(["GET", "POST"])
def rsvp(request, token: str):
    """The delegate's private page: that delegate's name, the conference, the reply."""
    delegate = get_object_or_404(
        Delegate.objects.select_related("conference__organisation"), token=token, conference__is_current=True
    )
    conference = delegate.conference
    initial = {"rsvp": delegate.rsvp if delegate.rsvp != Rsvp.INVITED else None, "substitute_name": ""}
    form = PublicRsvpForm(request.POST or None, initial=initial)
    if request.method == "POST" and _save_reply(request, delegate, form, from_link=True):
        messages.success(request, _("Thank you, your reply has been recorded."))
        return redirect("rsvp", token=token)
    context = {
        "delegate": delegate,
        "conference": conference,
        "when": time_line(conference),
        "form": form,
        "checkin_url": checkin_link(delegate) if is_office(request.user) else None,
    }
    response = render(request, "conference/invitations/rsvp.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: under no-referrer Chromium posts the form with "Origin: null"
    # and the CSRF check refuses it (issue 9). No Referer (so no token) ever leaves for another site.
    response["Referrer-Policy"] = "same-origin"
    return response
