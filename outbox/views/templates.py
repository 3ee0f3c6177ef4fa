"""Message templates: the list of kinds and the editing page with a preview on real data (Office only)."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hoinghi.gates import office_required
from outbox import kinds, services
from outbox.forms import TemplateForm
from outbox.models import MessageTemplate


@require_GET
@office_required
def template_list(request):
    rows = {t.code: t for t in MessageTemplate.objects.all()}
    entries = []
    for kind in kinds.all_kinds():
        row = rows.get(kind.code)
        entries.append(
            {
                "kind": kind,
                "subject": row.subject if row else kind.subject,
                "send_without_review": row.send_without_review if row else kind.send_without_review,
                "edited": row is not None and row.updated_by_id is not None,
            }
        )
    return render(request, "outbox/templates.html", {"entries": entries})


@require_http_methods(["GET", "POST"])
@office_required
def template_edit(request, code: str):
    kind = kinds.get(code)
    if kind is None:
        raise Http404
    row = MessageTemplate.objects.filter(code=code).first()
    initial = {
        "subject": row.subject if row else kind.subject,
        "body": row.body if row else kind.body,
        "send_without_review": row.send_without_review if row else kind.send_without_review,
    }
    form = TemplateForm(request.POST or None, initial=initial)
    shown = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "preview" in request.POST:
                services.check_template(code, data["subject"], data["body"])
                shown = services.preview(code, data["subject"], data["body"], user=request.user)
            else:
                services.save_template(code, **data, by=request.user)
                flash.success(request, _("Template saved."))
                return redirect("outbox_template_edit", code=code)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
    elif request.method == "GET":
        shown = services.preview(code, initial["subject"], initial["body"], user=request.user)
    context = {
        "kind": kind,
        "form": form,
        "preview": shown,
        "placeholders": sorted(kind.allowed.items()),
    }
    return render(request, "outbox/template_edit.html", context)
