"""The admin keeps django-otp's authenticator devices (to reset a lost phone) but not the backup
codes: their admin would show every unused code in clear text. Enrolment issues new ones."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice

admin.site.unregister(StaticDevice)
