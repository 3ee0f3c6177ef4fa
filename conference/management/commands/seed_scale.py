"""Fill a throw-away database with a province-scale synthetic data set (for bench/bench_scale.py).

    python manage.py seed_scale --units 300 --nominations 50000 --history 500000 --delegates 60 --seed 2026

It lives in the top floor (``conference``), next to seed_demo, because it writes into every app
up to the conference day.
It refuses a database that already holds a conference of its own making (run it once, into a
fresh database) and, unless ``--force``, a database holding any other conference — the demo's
or a real one: 50,000 made-up nominations are not to be mixed into real data by a typo.
Everything is written in one transaction: on an error nothing is kept.
"""

import time

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from conference.scale import SLUG, ScaleSeeder, Sizes
from hoinghi.roles import Role
from reference.models import Conference


class Command(BaseCommand):
    help = "Create a province-scale synthetic data set (units, nominations, commendation history, delegates)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=300)
        parser.add_argument("--nominations", type=int, default=50_000)
        parser.add_argument("--history", type=int, default=500_000, help="Commendation-history rows in all.")
        parser.add_argument("--delegates", type=int, default=60)
        parser.add_argument("--seed", type=int, default=2026, help="Random seed: the same seed, the same rows.")
        parser.add_argument(
            "--force", action="store_true", help="Run even though the database already holds another conference."
        )

    def handle(self, *args, **options):
        sizes = Sizes(options["units"], options["nominations"], options["history"], options["delegates"])
        self.check_arguments(sizes)
        self.check_database(force=options["force"])
        start = time.perf_counter()
        seeder = ScaleSeeder(sizes, options["seed"], log=self.stdout.write)
        with transaction.atomic():
            report = seeder.run()
        seeder.analyze()
        elapsed = time.perf_counter() - start
        counts = ", ".join(f"{n:,} {label}" for label, n in report.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Scale data set “{SLUG}” in {elapsed:.1f} s: {counts}."))

    def check_arguments(self, sizes: Sizes) -> None:
        if sizes.units < 1:
            raise CommandError("--units must be at least 1.")
        if min(sizes.nominations, sizes.history, sizes.delegates) < 0:
            raise CommandError("--nominations, --history and --delegates cannot be negative.")
        if sizes.history and not sizes.nominations:
            raise CommandError("--history needs at least one nomination (the rows belong to nominees).")

    def check_database(self, *, force: bool) -> None:
        if not Group.objects.filter(name=Role.UNIT_STAFF.value).exists():
            raise CommandError("The role groups are missing: run 'manage.py migrate' first.")
        if Conference.objects.filter(slug=SLUG).exists():
            raise CommandError(f"The conference “{SLUG}” already exists: seed_scale runs once, into a fresh database.")
        others = list(Conference.objects.values_list("slug", flat=True))
        if others and not force:
            raise CommandError(
                f"This database already holds conferences ({', '.join(others)}): seed_scale is for a throw-away "
                "database. Use --force to add the synthetic data set anyway."
            )
