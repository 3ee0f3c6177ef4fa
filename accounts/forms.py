import re

from django import forms
from django.utils.translation import gettext_lazy as _

TOTP_CODE = re.compile(r"^\d{6}$")
BACKUP_CODE = re.compile(r"^[a-z2-7]{8}$")  # django-otp's StaticToken.random_token(): 8 base32 characters


class CodeForm(forms.Form):
    """The six digits an authenticator app shows, or (after enrolment) one of the backup codes."""

    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=20,
        error_messages={"required": _("Enter the six digits your authenticator app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args, allow_backup_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_backup_code = allow_backup_code
        if allow_backup_code:
            self.fields["code"].help_text = _("Lost your phone? Enter one of your backup codes instead.")
        else:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        if TOTP_CODE.match(code) or (self.allow_backup_code and BACKUP_CODE.match(code)):
            return code
        raise forms.ValidationError(_("Enter the six digits your authenticator app shows."), code="format")

    @property
    def is_backup_code(self) -> bool:
        return not TOTP_CODE.match(self.cleaned_data["code"])
