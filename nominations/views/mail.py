"""The call for nominations: the Office queues it to every unit from the review queue, then reviews it in the outbox."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.gates import office_required
from nominations import mail
from reference.selectors import current_conference


@require_POST
@office_required
def call_for_nominations(request):
    created = mail.call_for_nominations(current_conference())
    messages.success(
        request,
        _("%(count)d message(s) of the call for nominations wait in the outbox: read them, then send them.")
        % {"count": len(created)},
    )
    return redirect(reverse("outbox_list") + "?kind=call_for_nominations&status=draft")
