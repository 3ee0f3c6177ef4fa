"""The verify page's one field: a PDF, checked by its size and its first bytes (never its name)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.signing import PDF_MAGIC


class VerifyForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("PDF file to check"))

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        limit = settings.DOCUMENT_VERIFY_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)}, code="too_large"
            )
        content = upload.read(limit + 1)
        if not content.startswith(PDF_MAGIC):
            raise ValidationError(_("This file is not a PDF."), code="not_pdf")
        return content
