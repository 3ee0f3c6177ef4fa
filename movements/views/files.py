"""Files attached to a movement report: upload, download, delete (scoped like the report)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.downloads import upload_response
from hoinghi.gates import proposer_required
from movements import services
from movements.forms import AttachmentForm
from movements.selectors import attachments_visible_to
from movements.views.reports import get_visible_report


@require_POST
@proposer_required
def attachment_upload(request, public_id):
    report = get_visible_report(request.user, public_id)
    services.ensure_can_edit(request.user, report)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(report, form.cleaned_data["file"], by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The file was attached."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("movement_report_detail", public_id=public_id)


@proposer_required
def attachment_download(request, public_id):
    attachment = get_object_or_404(attachments_visible_to(request.user), public_id=public_id)
    return upload_response(attachment)


@require_POST
@proposer_required
def attachment_delete(request, public_id):
    attachment = get_object_or_404(attachments_visible_to(request.user), public_id=public_id)
    report_id = attachment.report.public_id
    services.delete_attachment(attachment, by=request.user)
    messages.success(request, _("The file was removed."))
    return redirect("movement_report_detail", public_id=report_id)
