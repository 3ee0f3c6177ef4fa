from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.downloads import upload_response
from nominations import services
from nominations.forms import AttachmentForm
from nominations.selectors import attachments_visible_to
from nominations.views.nominations import get_visible_nomination


@login_required
@require_POST
def attachment_upload(request, public_id):
    nomination = get_visible_nomination(request.user, public_id)
    services.ensure_can_edit(request.user, nomination)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                nomination, form.cleaned_data["file"], kind=form.cleaned_data["kind"], by=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The file was attached."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("nomination_detail", public_id=public_id)


@login_required
def attachment_download(request, public_id):
    attachment = get_object_or_404(attachments_visible_to(request.user), public_id=public_id)
    return upload_response(attachment)


@login_required
@require_POST
def attachment_delete(request, public_id):
    attachment = get_object_or_404(attachments_visible_to(request.user), public_id=public_id)
    nomination_id = attachment.nomination.public_id
    services.delete_attachment(attachment, by=request.user)
    messages.success(request, _("The file was removed."))
    return redirect("nomination_detail", public_id=nomination_id)
