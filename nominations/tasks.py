"""Background tasks of the nominations (the Tasks API; see jobs.services and docs/background-jobs.md)."""

import uuid

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from hoinghi.excel import XLSX_CONTENT_TYPE, export_filename
from hoinghi.roles import unit_of
from jobs.services import Job, Output, run
from nominations.exports import NominationListExporter
from nominations.filters import NominationFilter
from nominations.imports import parse_nominations, save_nominations
from nominations.selectors import nominations_visible_to
from reference.models import Conference


def filtered_nominations(user: User, conference: Conference, query: str):
    """The nomination list as the user saw it: their scope, the list's filter (``query``: its GET parameters)."""
    base = nominations_visible_to(user).filter(conference=conference)
    return NominationFilter(QueryDict(query) or None, queryset=base, conference=conference, unit=unit_of(user)).qs


def _produce_export(job: Job) -> Output:
    conference = Conference.objects.get(pk=job.params["conference"])
    exporter = NominationListExporter(filtered_nominations(job.user, conference, job.params.get("query", "")))
    label = _("Rows written")
    content = exporter.render(progress=lambda done, total: job.progress(done, total, label))
    filename = export_filename(conference.slug, exporter.identifier)
    return Output(filename, filename, XLSX_CONTENT_TYPE, content=content)


@task()
def export_nominations_xlsx(file_id: int) -> None:
    """The nomination list as .xlsx (params: conference, query = the list's GET parameters)."""
    run(file_id, _produce_export)


UPLOADS = "job-uploads"


def keep_upload(upload) -> str:
    """Store an uploaded workbook under MEDIA_ROOT for the worker; the storage name goes in the job's params."""
    return default_storage.save(f"{UPLOADS}/{uuid.uuid4().hex}.xlsx", upload)


def _produce_import(job: Job) -> Output:
    conference = Conference.objects.get(pk=job.params["conference"])
    name = job.params["upload"]
    label = _("Rows checked")
    try:
        with default_storage.open(name, "rb") as upload:
            parsed = parse_nominations(
                upload,
                conference=conference,
                by=job.user,
                progress=lambda done, total: job.progress(done, total, label),
            )
        result = save_nominations(parsed, conference=conference, by=job.user)
    finally:
        default_storage.delete(name)
    summary = ngettext(
        "%(count)s nomination was imported as a draft.",
        "%(count)s nominations were imported as drafts.",
        result.created,
    ) % {"count": result.created}
    if result.warnings:
        summary += " " + _("%(count)s possible duplicates: check them in the list.") % {"count": len(result.warnings)}
    return Output(summary=summary)


@task()
def import_nominations_xlsx(file_id: int) -> None:
    """A large nomination workbook (params: conference, upload = its storage name): all rows or none."""
    run(file_id, _produce_import)
