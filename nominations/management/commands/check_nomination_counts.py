from django.core.management.base import BaseCommand, CommandError

from nominations import selectors, services


class Command(BaseCommand):
    help = (
        "Count the live nominations again and compare with the dashboard's counters (kept by database "
        "triggers); --fix rewrites the counters from the fresh count. Exits with an error on any difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Rewrite the counters from a fresh count.")

    def handle(self, *args, **options):
        drift = selectors.count_drift()
        for key, counted, stored in drift:
            self.stdout.write(f"{key}: counted {counted}, stored {stored}")
        if options["fix"] and drift:
            rows = services.rebuild_counts()
            self.stdout.write(f"Counters rewritten: {rows} row(s).")
            return
        if drift:
            raise CommandError(f"{len(drift)} counter(s) differ from a fresh count (rerun with --fix).")
        self.stdout.write("The counters match a fresh count.")
