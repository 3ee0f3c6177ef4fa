"""The admin keeps django-otp's authenticator devices (to reset a lost phone) but not the backup
codes: their admin would show every unused code in clear text. Enrolment issues new ones.

The authenticator devices' page speaks Vietnamese: django-otp's section titles and QR column are
plain English strings, translated here through the ``third-party`` context (docs/i18n.md).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import pgettext, pgettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoinghi.thirdparty_apps import CONTEXT

admin.site.unregister(StaticDevice)
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class VietnameseTOTPDeviceAdmin(TOTPDeviceAdmin):
    search_help_text = pgettext_lazy(CONTEXT, "Search by username or email address")

    def get_fieldsets(self, request, obj=None):
        return [(name and pgettext(CONTEXT, name), options) for name, options in super().get_fieldsets(request, obj)]

    @admin.display(description=pgettext_lazy(CONTEXT, "QR Code"))
    def qrcode_link(self, device):
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', href, pgettext(CONTEXT, "qrcode"))
