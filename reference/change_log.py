"""The administrator's "Change log" (Nhật ký thay đổi): every tracked model's history in one list.

django-simple-history keeps one table per model; this page asks each of them for its newest
rows matching the search (user, model, object id, dates, change reason), merges them by time
and shows at most ``LIMIT`` rows, each linked to the object's history page in the admin. It is
read-only and for administrators only (superusers and the administrator role); the Office reads
one object's history on that object's page. One query per tracked model, whatever the number
of rows.
"""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges

from hoinghi.gates import administrator_required
from hoinghi.history import readable_reason

LIMIT = 200
TYPE_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def tracked_models() -> dict[str, type]:
    """label ("nominations.nomination") -> historical model, for every model with HistoricalRecords."""
    found = {}
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges):
            tracked = model.instance_type
            found[tracked._meta.label_lower] = model
    return dict(sorted(found.items(), key=lambda item: str(item[1].instance_type._meta.verbose_name)))


class ChangeLogSearch(forms.Form):
    user = forms.CharField(label=_("User"), required=False)
    model = forms.ChoiceField(label=_("Kind of record"), required=False)
    object_id = forms.IntegerField(label=_("Record ID"), required=False, min_value=1)
    text = forms.CharField(label=_("Reason contains"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, models: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(label, str(m.instance_type._meta.verbose_name).capitalize()) for label, m in models.items()]
        self.fields["model"].choices = [("", _("All"))] + choices


def _filtered(queryset, data: dict):
    if data.get("user"):
        queryset = queryset.filter(history_user__username__icontains=data["user"])
    if data.get("object_id"):
        queryset = queryset.filter(id=data["object_id"])
    if data.get("text"):
        queryset = queryset.filter(history_change_reason__icontains=data["text"])
    if data.get("date_from"):
        queryset = queryset.filter(history_date__date__gte=data["date_from"])
    if data.get("date_to"):
        queryset = queryset.filter(history_date__date__lte=data["date_to"])
    return queryset


def _history_url(label: str, object_id) -> str:
    app_label, model_name = label.split(".")
    try:
        return reverse(f"admin:{app_label}_{model_name}_history", args=[object_id])
    except NoReverseMatch:
        return ""


def search(data: dict, models: dict) -> list[dict]:
    chosen = {data["model"]: models[data["model"]]} if data.get("model") in models else models
    rows = []
    for label, historical in chosen.items():
        queryset = _filtered(historical.objects.select_related("history_user"), data)
        for record in queryset.order_by("-history_date", "-history_id")[:LIMIT]:
            rows.append(
                {
                    "when": record.history_date,
                    "who": str(record.history_user) if record.history_user else "—",
                    "action": TYPE_LABELS.get(record.history_type, record.history_type),
                    "model": str(historical.instance_type._meta.verbose_name).capitalize(),
                    "object_id": record.id,
                    "reason": record.history_change_reason or "",  # as stored: what the search matches
                    "reason_label": readable_reason(historical.instance_type, record.history_change_reason or ""),
                    "url": _history_url(label, record.id),
                }
            )
    rows.sort(key=lambda row: row["when"], reverse=True)
    return rows[:LIMIT]


@administrator_required
def change_log_view(request):
    """GET only: the search form and the merged rows (newest first, at most LIMIT)."""
    models = tracked_models()
    form = ChangeLogSearch(request.GET or None, models=models)
    data = form.cleaned_data if form.is_valid() else {}
    context = {
        **admin.site.each_context(request),
        "title": _("Change log"),
        "form": form,
        "rows": search(data, models),
        "limit": LIMIT,
    }
    return TemplateResponse(request, "admin/change_log.html", context)
