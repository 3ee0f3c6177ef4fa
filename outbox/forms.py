from django import forms
from django.utils.translation import gettext_lazy as _

from outbox.models import MessageStatus


class OutboxFilter(forms.Form):
    q = forms.CharField(
        required=False,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "placeholder": _("address, name, subject, text")}
        ),
    )
    status = forms.ChoiceField(
        required=False,
        label=_("Status"),
        choices=[("", _("All statuses")), *MessageStatus.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    kind = forms.ChoiceField(
        required=False, label=_("Kind"), widget=forms.Select(attrs={"class": "form-select form-select-sm"})
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *[(k.code, k.label) for k in kinds]]


class MessageForm(forms.Form):
    subject = forms.CharField(
        max_length=300, label=_("Subject"), widget=forms.TextInput(attrs={"class": "form-control"})
    )
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"class": "form-control", "rows": 14}))


class TemplateForm(MessageForm):
    send_without_review = forms.BooleanField(
        required=False,
        label=_("Send without review"),
        help_text=_("Messages of this kind are sent at once, without waiting in the outbox for the Office."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
