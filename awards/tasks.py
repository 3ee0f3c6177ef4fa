"""Background tasks of the awards stage (the Tasks API; see jobs.services and docs/background-jobs.md)."""

import tempfile

from django.core.files import File
from django.utils.translation import gettext as _
from django_tasks import task

from awards.models import Decision
from awards.services import printing
from jobs.services import Job, Output, run

DECISIONS = Decision.objects.select_related("conference__organisation", "award_form", "replaces")


def _produce_certificates(job: Job) -> Output:
    decision = DECISIONS.get(pk=job.params["decision"])
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by jobs.services.run once saved)
    label = _("Certificates rendered")
    printed = printing.certificates_batch(
        decision,
        out,
        mode=job.params.get("mode"),
        by=job.user,
        progress=lambda done, total: job.progress(done, total, label),
    )
    return Output(printed.filename, printed.display_name, "application/pdf", file=File(out, name=printed.filename))


@task()
def print_certificates(file_id: int) -> None:
    """Every certificate of a decision in one PDF (params: decision, mode)."""
    run(file_id, _produce_certificates)
