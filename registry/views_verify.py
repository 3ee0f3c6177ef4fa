"""The public verify page (/verify/) and the Office's "sign" action on an issued document.

The verify page is public: whoever received a document checks it. Nothing uploaded is stored
(the file is read in memory, or in Django's temporary upload file, and dropped with the
request); one client address may check ``DOCUMENT_VERIFY_PER_HOUR`` files an hour.
"""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hoinghi.client_ip import client_ip_address
from hoinghi.gates import office_required
from hoinghi.signing import stamp_time
from registry.forms_verify import VerifyForm
from registry.selectors import documents_for
from registry.services import RegisterError
from registry.signing import sign_document, verify_pdf

RATE_WINDOW = 3600


def over_rate(request: HttpRequest) -> bool:
    """Count one check for the client's address; True once it is over the hourly limit."""
    key = f"registry:verify:{client_ip_address(request) or 'unknown'}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > settings.DOCUMENT_VERIFY_PER_HOUR


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    verdict = None
    form = VerifyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if over_rate(request):
            context = {"form": VerifyForm(), "refused": _("Too many checks from your address; try again in an hour.")}
            return render(request, "registry/verify.html", context, status=429)
        if form.is_valid():
            verdict = verify_pdf(form.cleaned_data["file"])
    signatures = [
        {"check": check, "time": stamp_time(check.signing_time) if check.signing_time else ""}
        for check in (verdict.signatures if verdict else [])
    ]
    return render(request, "registry/verify.html", {"form": form, "verdict": verdict, "signatures": signatures})


@require_POST
@office_required
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(documents_for(request.user), pk=pk)
    try:
        stored = sign_document(document, by=request.user)
    except RegisterError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The document was signed: %(subject)s.") % {"subject": stored.signer_subject})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("document_verify")
    return redirect(target)
