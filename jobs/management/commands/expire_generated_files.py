"""Delete the files of background jobs past their expiry (GENERATED_FILE_TTL_HOURS); run hourly.

Also marks as failed the jobs left "running" by a worker that died (jobs.services.fail_stale), so
their owners can retry them.
"""

from django.core.management.base import BaseCommand

from jobs import services


class Command(BaseCommand):
    help = "Delete expired generated files (the rows stay, marked expired)."

    def handle(self, *args, **options):
        stale = services.fail_stale()
        count = services.expire()
        if stale:
            self.stdout.write(f"{stale} job(s) left running by a stopped worker marked failed.")
        self.stdout.write(f"{count} expired generated file(s) deleted.")
