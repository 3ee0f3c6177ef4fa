"""The one form that issues a document through the register: its date, its signer, its recipients
(and, optionally, the draft finished in Word, returned as its bytes once checked).

Every issuing page of the application (the conference day's documents; the decisions when they
move onto the register) asks the same three things. The caller passes the signers it offers
(``awards.Signer`` rows of the issuing organisation) and the document's default Nơi nhận lines;
the date is today by default and is kept as entered (a document issued on 05/7 says so forever).
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi import limits
from hoinghi.letterhead import Signature
from hoinghi.office import validate_docx_upload


class IssueForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Date of the document"),
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    signer = forms.TypedChoiceField(
        label=gettext_lazy("Signer"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    recipients = forms.CharField(
        label=gettext_lazy("Recipients (Nơi nhận), one per line"),
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 5}),
    )
    edited = forms.FileField(
        label=gettext_lazy("Edited Word file (.docx)"),
        required=False,
        help_text=gettext_lazy(
            "Optional: the draft finished in Word. The number and the date are filled in at issue, "
            "and the PDF made from this file is the issued document."
        ),
        widget=forms.FileInput(attrs={"class": "form-control", "accept": ".docx"}),
    )

    def __init__(self, *args: Any, signers: Iterable[Any], recipients: Sequence[str], **kwargs: Any) -> None:
        """``signers``: the awards.Signer rows offered (the first is preselected); ``recipients``: the
        document's default Nơi nhận lines."""
        super().__init__(*args, **kwargs)
        self.signers = {signer.pk: signer for signer in signers}
        self.fields["signer"].choices = [(pk, signer_label(s)) for pk, s in self.signers.items()]
        self.fields["date"].initial = timezone.localdate()
        self.fields["recipients"].initial = "\n".join(recipients)
        if self.signers:
            self.fields["signer"].initial = next(iter(self.signers))

    def clean_recipients(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["recipients"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Name at least one recipient."), code="recipients_required")
        return lines

    def clean_edited(self) -> bytes | None:
        """The uploaded .docx as bytes (checked: a harmless Word document), or None."""
        upload = self.cleaned_data.get("edited")
        if not upload:
            return None
        validate_docx_upload(upload)
        upload.seek(0)
        return upload.read()

    def signature(self) -> Signature:
        """The chosen signer as the signature block prints it (call after ``is_valid()``)."""
        return signature_of(self.signers[self.cleaned_data["signer"]])


def signer_label(signer: Any) -> str:
    """ "Trần Văn B – KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC"."""
    role = ", ".join(part for part in (signer.authority_prefix.upper(), signer.position.upper()) if part)
    return f"{signer.full_name} – {role}"


def signature_of(signer: Any) -> Signature:
    return Signature(signer.authority_prefix.upper(), signer.position.upper(), signer.full_name)
