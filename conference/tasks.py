"""Background tasks of the conference day (the Tasks API; see jobs.services and docs/background-jobs.md)."""

import tempfile

from django.contrib.auth.models import User
from django.core.files import File
from django.http import QueryDict
from django.utils.translation import gettext as _
from django_tasks import task

from conference.exports import LIST_IDENTIFIER, export_delegates
from conference.forms import DelegateFilter
from conference.selectors import delegates_visible_to
from conference.services import book, invitations, issuing
from hoinghi.excel import XLSX_CONTENT_TYPE, export_filename
from jobs.services import Job, Output, run
from reference.models import Conference


def _conference(job: Job) -> Conference:
    return Conference.objects.select_related("organisation").get(pk=job.params["conference"])


def _produce_invitations(job: Job) -> Output:
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by jobs.services.run once saved)
    label = _("Invitations rendered")
    printed = invitations.invitations_batch(
        _conference(job), out, by=job.user, progress=lambda done, total: job.progress(done, total, label)
    )
    return Output(printed.filename, printed.display_name, "application/pdf", file=File(out, name=printed.filename))


@task()
def print_invitations(file_id: int) -> None:
    """Every Giấy mời of the conference in one PDF (params: conference)."""
    run(file_id, _produce_invitations)


def filtered_delegates(user: User, conference: Conference, query: str):
    """The delegate list as the user saw it: their scope, the list's filter and order (``query``)."""
    base = delegates_visible_to(user).filter(conference=conference).select_related("group")
    return DelegateFilter(QueryDict(query) or None, queryset=base, conference=conference).qs


def _produce_delegates_export(job: Job) -> Output:
    conference = _conference(job)
    label = _("Rows written")
    content = export_delegates(
        filtered_delegates(job.user, conference, job.params.get("query", "")),
        progress=lambda done, total: job.progress(done, total, label),
    )
    filename = export_filename(conference.slug, LIST_IDENTIFIER)
    return Output(filename, filename, XLSX_CONTENT_TYPE, content=content)


@task()
def export_delegates_xlsx(file_id: int) -> None:
    """The delegate list as .xlsx (params: conference, query = the list's GET parameters)."""
    run(file_id, _produce_delegates_export)


def _produce_report(job: Job) -> Output:
    job.progress(0, 1, _("Rendering the report and its annexes"))
    printed = issuing.document_pdf(issuing.TYPES["report"], _conference(job))
    job.progress(1, 1, _("Rendering the report and its annexes"))
    return Output(printed.filename, printed.display_name, "application/pdf", content=printed.content)


@task()
def print_report(file_id: int) -> None:
    """The report to the Department of Home Affairs with its annexes, one PDF (params: conference)."""
    run(file_id, _produce_report)


def _produce_book(job: Job) -> Output:
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by jobs.services.run once saved)
    label = _("Honour book pages rendered")
    printed = book.book_batch(
        _conference(job), out, by=job.user, progress=lambda done, total: job.progress(done, total, label)
    )
    return Output(printed.filename, printed.display_name, "application/pdf", file=File(out, name=printed.filename))


@task()
def print_book(file_id: int) -> None:
    """The honour book (kỷ yếu): a cover and one page per honoured exemplar, one PDF (params: conference)."""
    run(file_id, _produce_book)
