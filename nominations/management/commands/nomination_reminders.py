import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nominations import mail
from reference.models import Conference


class Command(BaseCommand):
    help = (
        "Queue the reminder to the units that have proposed nothing, NOMINATION_REMINDER_DAYS days before the "
        "current conference's nomination deadline (run daily; a day already reminded is not mailed twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, action="append", help="Days before the deadline (repeatable).")
        parser.add_argument("--today", help="The day to act as (YYYY-MM-DD), for tests and catching up.")

    def handle(self, *args, **options):
        conference = Conference.objects.current()
        if conference is None:
            raise CommandError("No current conference.")
        today = datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        created = mail.remind(conference, today, options["days"] or settings.NOMINATION_REMINDER_DAYS)
        self.stdout.write(f"{len(created)} reminder(s) queued.")
