"""Two-factor enrolment and verification: the only code that writes OTP devices."""

import django_otp
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup codes"
BACKUP_CODE_COUNT = 10


def confirmed_device(user) -> TOTPDevice | None:
    """The user's enrolled authenticator app, if any (one per user)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The not yet confirmed authenticator shown on the enrolment page, created on first visit.

    The same secret is kept until it is confirmed, so reloading the page does not invalidate
    a QR code the user has already scanned.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending device with its first code and mark this session as verified.

    Returns the new one-time backup codes (shown once, for a lost phone), or None for a wrong code.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user, confirmed=False)
        if not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        backup_codes = issue_backup_codes(request.user)
    django_otp.login(request, device)
    return backup_codes


def issue_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with BACKUP_CODE_COUNT new ones; each works once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_backup_code(request, code: str) -> bool:
    """Accept one unused backup code (then spent) and verify the session."""
    device = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return False
    verified = django_otp.verify_token(request.user, device.persistent_id, code)
    if verified is None:
        return False
    django_otp.login(request, verified)
    return True


def verify(request, device: TOTPDevice, code: str) -> bool:
    """Check a code against the enrolled device (throttled by django-otp) and verify the session."""
    verified = django_otp.verify_token(request.user, device.persistent_id, code)
    if verified is None:
        return False
    django_otp.login(request, verified)
    return True
