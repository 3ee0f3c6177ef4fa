"""The Office's outbox: the list (search, filter by status and kind), one message (edit), send or discard.

Every page is ``office_required``. A message is changed only through ``outbox.services``.
"""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hoinghi.downloads import as_attachment
from hoinghi.gates import office_required
from outbox import kinds, services
from outbox.forms import MessageForm, OutboxFilter
from outbox.models import EDITABLE, Message, MessageStatus

PAGE_SIZE = 50


def filtered(params) -> tuple[OutboxFilter, object]:
    form = OutboxFilter(params or None, kinds=kinds.all_kinds())
    rows = Message.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            rows = rows.filter(
                Q(to_email__icontains=q) | Q(to_name__icontains=q) | Q(subject__icontains=q) | Q(body__icontains=q)
            )
        if data["status"]:
            rows = rows.filter(status=data["status"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
    return form, rows.order_by("-created_at", "-id")


def kind_label(code: str) -> str:
    kind = kinds.get(code)
    return str(kind.label) if kind else code


@require_GET
@office_required
def outbox_list(request):
    form, rows = filtered(request.GET)
    page = Paginator(rows.only(*LIST_FIELDS), PAGE_SIZE).get_page(request.GET.get("page"))
    for message in page:
        message.kind_label = kind_label(message.kind)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "waiting": rows.filter(status=MessageStatus.DRAFT).count(),
    }
    return render(request, "outbox/list.html", context)


LIST_FIELDS = ("id", "kind", "to_email", "to_name", "subject", "status", "attempts", "created_at", "sent_at")


@require_POST
@office_required
def outbox_act(request):
    """Send or discard the ticked messages, or every message waiting for review in the filtered list."""
    action = request.POST.get("action")
    if request.POST.get("scope") == "filtered":
        _form, rows = filtered(request.POST)
        chosen = rows.filter(status=MessageStatus.DRAFT)
    else:
        ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
        chosen = Message.objects.filter(pk__in=ids)
    if action == "send":
        count = services.send(chosen, by=request.user)
        flash.success(request, _("%(count)d message(s) handed to the sender.") % {"count": count})
    elif action == "discard":
        count = services.discard(chosen, by=request.user)
        flash.success(request, _("%(count)d message(s) discarded.") % {"count": count})
    else:
        flash.error(request, _("Choose what to do with the messages."))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/outbox/") else reverse("outbox_list"))


@require_http_methods(["GET", "POST"])
@office_required
def outbox_message(request, pk: int):
    message = get_object_or_404(Message.objects.select_related("recipient", "reviewed_by"), pk=pk)
    editable = message.status in EDITABLE
    form = MessageForm(request.POST or None, initial={"subject": message.subject, "body": message.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit(message, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            flash.error(request, error.messages[0])
        else:
            flash.success(request, _("Message saved."))
            return redirect("outbox_message", pk=pk)
    context = {"message": message, "form": form, "editable": editable, "kind_label": kind_label(message.kind)}
    return render(request, "outbox/message.html", context)


@require_GET
@office_required
def outbox_attachment(request, pk: int, index: int):
    """One attachment of a message, built now as it will be (or was) sent."""
    message = get_object_or_404(Message, pk=pk)
    files = services.build_attachments(message)
    if not 0 <= index < len(files):
        raise Http404
    name, content, mimetype = files[index]
    return as_attachment(HttpResponse(content, content_type=mimetype), name)


def list_url(**params) -> str:
    return reverse("outbox_list") + ("?" + urlencode(params) if params else "")
