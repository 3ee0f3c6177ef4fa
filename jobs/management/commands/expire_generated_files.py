"""Delete the files of background jobs past their expiry (GENERATED_FILE_TTL_HOURS); run hourly."""

from django.core.management.base import BaseCommand

from jobs import services


class Command(BaseCommand):
    help = "Delete expired generated files (the rows stay, marked expired)."

    def handle(self, *args, **options):
        count = services.expire()
        self.stdout.write(f"{count} expired generated file(s) deleted.")
