"""``manage.py verify_document FILE``: is this PDF one the Department issued, unchanged, and who signed it.

The same check as the verify page (``registry.signing.verify_pdf``). Exit status: 0 when the
file is the Department's and unchanged, 2 when it was modified after signing, 3 when it is not
one of ours or not a readable PDF (1: the command itself failed, e.g. no such file).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from hoinghi.signing import stamp_time
from registry.signing import Outcome, verify_pdf

EXIT_MODIFIED, EXIT_NOT_OURS = 2, 3


class Command(BaseCommand):
    help = "Check whether a PDF is a document the Department issued, unchanged, and who signed it."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the PDF to check")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with translation.override(settings.LANGUAGE_CODE):
            verdict = verify_pdf(path.read_bytes())
            lines = [verdict.message, f"SHA-256: {verdict.sha256}"]
            document = verdict.document
            if document is not None:
                lines.append(
                    _("Register entry: %(number)s of %(date)s, %(summary)s")
                    % {
                        "number": document.number_label,
                        "date": document.date.strftime("%d/%m/%Y") if document.date else "",
                        "summary": document.summary,
                    }
                )
            for check in verdict.signatures:
                lines.append(
                    _("Signed by: %(subject)s, at %(time)s")
                    % {"subject": check.subject, "time": stamp_time(check.signing_time) if check.signing_time else "?"}
                )
        self.stdout.write("\n".join(lines))
        if verdict.genuine:
            return
        raise SystemExit(EXIT_MODIFIED if verdict.outcome == Outcome.MODIFIED else EXIT_NOT_OURS)
