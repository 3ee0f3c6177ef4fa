from django.core.management.base import BaseCommand

from outbox.services import send_due


class Command(BaseCommand):
    help = "Send the queued messages whose time has come (retries, and messages whose task was lost)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_due()} message(s) sent.")
