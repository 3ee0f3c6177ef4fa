"""Reading django-simple-history's tables for people: who changed what, when, and why.

One function turns the historical rows of one or more objects into a timeline of changes
(field label, old value → new value, in the model's verbose names), and one renders it with
``templates/history/object_history.html``. The views that call it fetch the object through its
scoping function first, so the history is exactly as visible as the object itself.

Nothing here writes: history is never edited from the interface (``hoinghi.apps`` also refuses
the admin's "revert" POST everywhere).
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoinghi.templatetags.hoinghi_tags import person_name

# Internal columns that say nothing to a reader (keys computed from the name, the lock counter).
HIDDEN_FIELDS = frozenset({"id", "sort_key", "search_text", "identity_key", "version", "token", "public_id"})
TYPE_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
EMPTY = "—"


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryRow:
    when: datetime
    who: str
    what: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(model_field: models.Field, value: Any, related_names: dict[tuple[Any, Any], str]) -> str:
    if value is None or value == "":
        return EMPTY
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(model_field, models.ForeignKey):
        return related_names.get((model_field.related_model, value), f"#{value}")
    if isinstance(model_field, models.DateTimeField):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(model_field, models.DateField):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _tracked_fields(model: type[models.Model], historical_model: type[models.Model]) -> list[models.Field]:
    """The model's fields that its history keeps (``excluded_fields`` are not), minus internal ones."""
    kept = {f.attname for f in historical_model._meta.concrete_fields}
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and f.attname in kept]


def _related_names(records: list, fields: list[models.Field]) -> dict:
    """One query per related model for every id the rows mention (str() of the current row)."""
    wanted: dict = {}
    for f in fields:
        if isinstance(f, models.ForeignKey):
            ids = {getattr(r, f.attname) for r in records} - {None}
            if ids:
                wanted.setdefault(f.related_model, set()).update(ids)
    names = {}
    for model, ids in wanted.items():
        for obj in model._base_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = str(obj)
    return names


# Reasons the services write in English (stored, so never translated in the table itself).
KNOWN_REASONS = {
    "province decision": _("The province's decision was recorded"),
    "deleted (kept: part of a decision)": _("Deleted (kept: part of a decision)"),
}
KNOWN_NOTES = {"private link": _("on the delegate's private page")}


def _state_labels(model: type[models.Model], states: list[str]) -> dict[Any, Any] | None:
    """value -> label of the model's choice field that holds every one of ``states`` (a workflow's field)."""
    for f in model._meta.concrete_fields:
        labels = dict(f.flatchoices) if f.choices else {}
        if labels and all(state in labels or state == "" for state in states):
            return labels
    return None


def readable_reason(model: type[models.Model], reason: str) -> str:
    """ "submitted → accepted" or "issued → replaced: 02/QĐ-SKHCN" (what a workflow's move writes)
    with the state labels the pages use; the note follows the colon."""
    if reason in KNOWN_REASONS:
        return str(KNOWN_REASONS[reason])
    move, colon, note = reason.partition(": ")
    parts = [part.strip() for part in move.split("→")]
    labels = _state_labels(model, parts) if len(parts) == 2 else None
    if labels is None:
        return reason
    readable = " → ".join(str(labels.get(part, "")) for part in parts).strip()
    note = str(KNOWN_NOTES.get(note, note))
    return f"{readable}{colon}{note}"


def history_rows(records_by_label: list[tuple[str, models.QuerySet]]) -> list[HistoryRow]:
    """Turn historical querysets (one per kind of object) into one timeline, newest first."""
    rows: list[HistoryRow] = []
    for what, queryset in records_by_label:
        records = list(queryset.select_related("history_user").order_by("id", "history_date", "history_id"))
        if not records:
            continue
        model = records[0].instance_type
        fields = _tracked_fields(model, type(records[0]))
        names = _related_names(records, fields)
        # Each object is named once, by its newest version (str() may follow relations).
        titles = {record.id: str(record.instance) for record in {r.id: r for r in records}.values()}
        previous: dict = {}
        for record in records:
            before = previous.get(record.id)
            changes = []
            for f in fields:
                new = getattr(record, f.attname)
                old = getattr(before, f.attname) if before is not None else None
                if before is None and record.history_type == "+" and new in (None, "", [], {}):
                    continue
                if before is not None and old == new:
                    continue
                if record.history_type == "-":
                    continue
                changes.append(Change(str(f.verbose_name), _display(f, old, names), _display(f, new, names)))
            previous[record.id] = record
            rows.append(
                HistoryRow(
                    when=record.history_date,
                    who=person_name(record.history_user) or EMPTY,
                    what=f"{what}: {titles[record.id]}" if what else titles[record.id],
                    action=str(TYPE_LABELS.get(record.history_type, record.history_type)),
                    reason=readable_reason(model, record.history_change_reason or ""),
                    changes=changes,
                )
            )
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows


def render_history(
    request: HttpRequest, obj: models.Model, records_by_label: list[tuple[str, models.QuerySet]], *, back_url: str
) -> HttpResponse:
    """The "change history" page of one object (already fetched through its scoping function)."""
    context = {"object": obj, "rows": history_rows(records_by_label), "back_url": back_url}
    return render(request, "history/object_history.html", context)
