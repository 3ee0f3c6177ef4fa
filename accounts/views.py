"""The two-factor page: enrol an authenticator app, or enter its code after the password."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.forms import CodeForm
from accounts.policy import requires_two_factor

WRONG_CODE = _("This code is wrong or has expired. Enter the code your app shows now.")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = {request.get_host()}
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts=allowed, require_https=request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _grouped(secret: str) -> str:
    """The base32 secret in groups of four, easier to type into a phone."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def two_factor(request):
    """Enrolment when the user has no authenticator yet, else the code prompt."""
    next_url = _next_url(request)
    if request.user.is_verified() or not requires_two_factor(request.user):
        return redirect(next_url)
    device = services.confirmed_device(request.user)
    enrolling = device is None
    if enrolling:
        device = services.pending_device(request.user)
    form = CodeForm(request.POST or None, allow_backup_code=not enrolling)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if enrolling:
            backup_codes = services.confirm_enrolment(request, device, code)
            if backup_codes is not None:
                context = {"backup_codes": backup_codes, "next": next_url}
                return render(request, "accounts/backup_codes.html", context)
        elif form.is_backup_code:
            if services.verify_backup_code(request, code):
                return redirect(next_url)
        elif services.verify(request, device, code):
            return redirect(next_url)
        form.add_error("code", WRONG_CODE)
    context = {"form": form, "next": next_url, "enrolling": enrolling}
    if enrolling:
        context["qr_data_uri"] = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
        context["secret"] = _grouped(b32encode(device.bin_key).decode())
    return render(request, "accounts/two_factor.html", context)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (settings.AXES_LOCKOUT_CALLABLE): 429, in Vietnamese."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/lockout.html", {"cooloff_minutes": minutes}, status=429)
