"""Benchmark: the nominations list, search, sort and dashboard with many rows.

Run by hand (never in CI), against a throw-away database:

    createdb -h 127.0.0.1 -U postgres hoinghi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoinghi_bench \
        .venv/bin/python bench/bench_list.py --rows 5000

Prints the median of 5 timed requests per page and the number of queries each made.
Results are written down in docs/benchmarks.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings_test")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-samples", verbosity=0)
    _fill(args.rows)

    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.get(username="vanphong"))
    pages = {
        "list, first page": "/nominations/",
        "list, search 'nguyen thi'": "/nominations/?q=nguyen+thi",
        "list, sorted Z-A, page 50": "/nominations/?sort=-name&page=50",
        "list, filter status": "/nominations/?status=submitted",
        "review queue": "/nominations/review/",
        "dashboard": "/",
        "export (all rows, xlsx)": "/nominations/export.xlsx",
    }
    print(f"{args.rows} nominations, {connection.vendor}, median of {args.runs} runs")
    for label, url in pages.items():
        timings = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
                timings.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        print(f"  {label:32s} {statistics.median(timings) * 1000:8.1f} ms  {len(queries):3d} queries")


def _fill(rows: int) -> None:
    """Bulk-create synthetic nominations (idempotent: tops up to ``rows``)."""
    import random

    from django.contrib.auth.models import User

    from nominations.enums import NominationStatus
    from nominations.models import Nomination, Nominee
    from reference.models import AwardForm, Conference, Unit

    conference = Conference.objects.current()
    missing = rows - Nomination.objects.alive().filter(conference=conference).count()
    if missing <= 0:
        return
    rng = random.Random(42)
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    middles = ["Văn", "Thị", "Đức", "Thu", "Minh", "Hữu"]
    givens = ["An", "Ân", "Bình", "Cường", "Dũng", "Đức", "Hường", "Hương", "Lan", "Ánh", "Yến"]
    units = list(Unit.objects.all())
    forms = list(AwardForm.objects.all())
    user = User.objects.get(username="vanphong")
    statuses = [NominationStatus.DRAFT, NominationStatus.SUBMITTED, NominationStatus.ACCEPTED]
    nominees = []
    for i in range(missing):
        unit = rng.choice(units)
        nominee = Nominee(
            kind="individual",
            full_name=f"{rng.choice(families)} {rng.choice(middles)} {rng.choice(givens)}",
            gender=rng.choice(["male", "female"]),
            birth_year=1960 + i % 40,
            position="Chuyên viên",
            unit=unit,
        )
        nominee.compute_keys()
        nominees.append(nominee)
    Nominee.objects.bulk_create(nominees, batch_size=1000)
    Nomination.objects.bulk_create(
        [
            Nomination(
                conference=conference,
                nominee=nominee,
                proposing_unit=nominee.unit,
                award_form=rng.choice(forms),
                achievement_summary="Hoàn thành xuất sắc nhiệm vụ.",
                status=rng.choice(statuses),
                created_by=user,
            )
            for nominee in nominees
        ],
        batch_size=1000,
    )


if __name__ == "__main__":
    main()
