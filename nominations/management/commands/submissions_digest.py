import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from nominations import mail


class Command(BaseCommand):
    help = "Queue the Office's digest of the dossiers sent on a day (default: yesterday; run once a day)."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="The day of the submissions (YYYY-MM-DD).")

    def handle(self, *args, **options):
        on = (
            datetime.date.fromisoformat(options["day"])
            if options["day"]
            else timezone.localdate() - datetime.timedelta(days=1)
        )
        created = mail.digest(on)
        self.stdout.write(f"{len(created)} digest message(s) queued for {on:%d/%m/%Y}.")
