from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The six digits an authenticator app shows."""

    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=6,
        min_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Enter the six digits your authenticator app shows."))],
        error_messages={
            "required": _("Enter the six digits your authenticator app shows."),
            "min_length": _("Enter the six digits your authenticator app shows."),
            "max_length": _("Enter the six digits your authenticator app shows."),
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True, "pattern": r"\d{6}"}
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()
