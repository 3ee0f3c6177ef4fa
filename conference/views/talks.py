"""Exemplars' talks: the list, one talk's page (upload, review), its file.

The Office sees every exemplar's talk; unit staff only their own unit's exemplars' (another
unit's answers 404); others 403 (``proposer_required``). The review is the Office's.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conference.models import TALK_TITLE
from conference.services import talks as services
from conference.transitions import TALKS
from hoinghi.downloads import upload_response
from hoinghi.gates import office_required, proposer_required
from hoinghi.roles import is_office
from hoinghi.transitions import parse_reason
from reference.selectors import current_conference


class TalkForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title of the talk"),
        max_length=TALK_TITLE,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    file = forms.FileField(
        label=gettext_lazy("The talk (PDF or DOCX)"), widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )


def _item(request, pk: int):
    return get_object_or_404(services.talk_items_visible_to(request.user, current_conference()), pk=pk)


@require_GET
@proposer_required
def talk_list(request):
    items = list(services.talk_items_visible_to(request.user, current_conference()))
    return render(request, "conference/talks/list.html", {"items": items})


@require_http_methods(["GET", "POST"])
@proposer_required
def talk_detail(request, pk: int):
    item = _item(request, pk)
    form = TalkForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_talk(item, form.cleaned_data["file"], title=form.cleaned_data["title"], by=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The talk was uploaded."))
            return redirect("talk_detail", pk=item.pk)
    item = _item(request, pk)  # the talk as it is now
    talk = getattr(item, "talk", None)
    history = []
    if talk is not None:
        for row in talk.history.select_related("history_user").order_by("-history_date", "-history_id"):
            move = parse_reason(row.history_change_reason)
            if move is not None:
                history.append((row, TALKS.label(move.frm) if move.frm else "", TALKS.label(move.to), move.note))
    targets = sorted(TALKS.moves.get(talk.status, frozenset())) if talk is not None and is_office(request.user) else []
    context = {
        "item": item,
        "talk": talk,
        "form": form,
        "can_upload": services.can_upload(request.user, item),
        "targets": targets,
        "history": history,
    }
    return render(request, "conference/talks/detail.html", context, status=400 if form.errors else 200)


@require_POST
@office_required
def talk_review(request, pk: int):
    item = _item(request, pk)
    talk = getattr(item, "talk", None)
    if talk is None:
        messages.error(request, _("No talk has been uploaded yet."))
        return redirect("talk_detail", pk=item.pk)
    try:
        services.review(talk, request.POST.get("to", ""), by=request.user, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The talk is now “%(status)s”.") % {"status": talk.get_status_display()})
    return redirect("talk_detail", pk=item.pk)


@require_GET
@proposer_required
def talk_file(request, pk: int):
    item = _item(request, pk)
    talk = getattr(item, "talk", None)
    if talk is None:
        return redirect("talk_detail", pk=item.pk)
    return upload_response(talk)
