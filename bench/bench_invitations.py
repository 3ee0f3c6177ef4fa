"""Benchmark: the Giấy mời of 60 delegates in one PDF, and a batch of letters on 1 and N processes.

Run by hand against a throw-away database (everything is created in a transaction that is
rolled back at the end):

    createdb -h 127.0.0.1 -U postgres hoinghi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoinghi_bench .venv/bin/python bench/bench_invitations.py
    HOINGHI_VAR_DIR=/tmp/hnbench .venv/bin/python bench/bench_invitations.py      # SQLite
    ... bench/bench_invitations.py --delegates 60 --runs 5 --batch 300 --processes 1 2

1. ``conference.services.invitations.invitations_pdf`` (context with 60 QR codes, one HTML
   document, WeasyPrint, a printed-document row) against plain WeasyPrint on the same HTML
   (``hoinghi.pdf.render_html_to_pdf`` of the letters' HTML, built beforehand), interleaved run by run
   (the two sides alternate who goes first) so both see the same load: the ratio is
   plain seconds / service seconds (1.0 = the service costs nothing besides WeasyPrint). "cold" is
   the first run with the QR codes not yet made in this process, "warm" the median of the others.
2. ``invitations_batch`` (the background job's path: chunks of 50) for ``--batch`` delegates with
   each ``--processes`` value (settings.PDF_PROCESSES), QR codes cold each time, alternating; peak
   resident memory of this process and its rendering children together.

Prints the load average at the start and the end. Results go in docs/performance.md.
"""

import argparse
import datetime
import io
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings_test")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Thanh", "Minh", "Quốc", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hường", "Lan", "Yến", "Ánh", "Tuyết", "Thắng", "Khánh", "Huy"]


def _conference(count: int, slug: str = ""):
    """A conference with its agenda and ``count`` delegates (rows only)."""
    from django.contrib.auth.models import User

    from conference.models import Delegate, DelegateGroup
    from conference.services.agenda import default_agenda
    from reference.models import Conference, Organisation

    user, _ = User.objects.get_or_create(username="bench-printer")
    organisation = Organisation.objects.create(
        name="Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        short_name="Sở KH&CN",
        abbreviation="SKHCN",
        parent_name="UBND TỈNH HƯNG YÊN",
        province="Hưng Yên",
        place_name="Hưng Yên",
    )
    conference = Conference.objects.create(
        organisation=organisation,
        name="Hội nghị Tổng kết các phong trào thi đua và Tuyên dương điển hình tiên tiến",
        slug=slug or f"bench-inv-{count}",
        year=2025,
        date=datetime.date(2025, 12, 20),
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 30),
        venue="Hội trường tầng 2, Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        contact="Bà Trần Thị Minh Thư, Chánh Văn phòng Sở, điện thoại 0221 3862 555",
    )
    group = DelegateGroup.objects.create(conference=conference, code="bench", name="Đại biểu", target=count)
    for i in range(count):
        Delegate.objects.create(
            conference=conference,
            group=group,
            invitation_number=i + 1,
            gender="female" if i % 3 == 0 else "male",
            full_name=f"{FAMILY[i % len(FAMILY)]} {MIDDLE[i // 10 % len(MIDDLE)]} {GIVEN[i // 3 % len(GIVEN)]}",
            position="Phó Chủ tịch Ủy ban nhân dân",
            organisation="Ủy ban nhân dân thị xã Mỹ Hào, tỉnh Hưng Yên",
        )
    default_agenda(conference)
    return conference, user


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=300, help="delegates of the batch job (0: skip)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import override_settings
    from pypdf import PdfReader

    from bench.process_tree import TreeMemory, load_average
    from conference.documents import invitations as documents
    from conference.documents.invitations import invitation_sheet
    from conference.services import invitations
    from conference.services.invitations import INVITATION_TEMPLATE, delegates_of
    from hoinghi.pdf import render_html, render_html_to_pdf

    call_command("migrate", verbosity=0)
    print(f"{os.cpu_count()} cores, {connection.vendor}; load average at start: {load_average()}", flush=True)
    with transaction.atomic():
        conference, user = _conference(args.delegates)
        delegates = list(delegates_of(conference).order_by("invitation_number"))
        invitations.render_invitations(conference, delegates[:1])  # WeasyPrint and the fonts loaded once
        documents.qr_svg.cache_clear()
        start = time.perf_counter()
        html = render_html(INVITATION_TEMPLATE, {"sheet": invitation_sheet(conference, delegates)})
        context_cold = time.perf_counter() - start
        start = time.perf_counter()
        render_html(INVITATION_TEMPLATE, {"sheet": invitation_sheet(conference, delegates)})
        context_warm = time.perf_counter() - start
        documents.qr_svg.cache_clear()
        printed = None

        def service():
            nonlocal printed
            printed = invitations.invitations_pdf(conference, by=user)

        def plain():
            render_html_to_pdf(html)

        pairs = []  # (service seconds, plain seconds); the first service run is cold
        for run in range(args.runs + 1):
            if run % 2:
                p = _timed(plain)
                s = _timed(service)
            else:
                s = _timed(service)
                p = _timed(plain)
            pairs.append((s, p))
        assert printed is not None  # noqa: S101
        pages = len(PdfReader(io.BytesIO(printed.content)).pages)
        assert pages == args.delegates, (pages, args.delegates)  # noqa: S101 (the benchmark checks what it timed)
        cold_s, cold_p = pairs[0]
        warm_s = statistics.median(s for s, _ in pairs[1:])
        warm_p = statistics.median(p for _, p in pairs[1:])
        print(f"context + HTML of {args.delegates} letters: cold {context_cold:.3f} s, warm {context_warm:.3f} s")
        print(f"cold: service {cold_s:.2f} s, plain WeasyPrint {cold_p:.2f} s, ratio {cold_p / cold_s:.3f}")
        print(
            f"warm (median of {args.runs}): service {warm_s:.2f} s, plain WeasyPrint {warm_p:.2f} s, "
            f"ratio {warm_p / warm_s:.3f}; per-run ratios {[round(p / s, 3) for s, p in pairs[1:]]}"
        )
        print(f"{pages / warm_s:.1f} pages/s, {len(printed.content) // 1024} KB", flush=True)

        if args.batch:
            batch_conference, _ = _conference(args.batch, slug="bench-inv-batch")
            results: dict[int, list[tuple[float, float, int]]] = {n: [] for n in args.processes}
            order = list(args.processes)
            for round_ in range(2):
                for n in order if round_ == 0 else reversed(order):
                    documents.qr_svg.cache_clear()
                    out = io.BytesIO()
                    with override_settings(PDF_PROCESSES=n), TreeMemory() as memory:
                        start = time.perf_counter()
                        invitations.invitations_batch(batch_conference, out, by=user)
                        seconds = time.perf_counter() - start
                    assert len(PdfReader(io.BytesIO(out.getvalue())).pages) == args.batch  # noqa: S101
                    results[n].append((seconds, memory.peak_mb, memory.most_processes))
            base = min(s for s, _, _ in results[order[0]])
            print(f"batch of {args.batch} letters (chunks of {invitations.INVITATION_CHUNK}), best of 2:")
            for n, rows in results.items():
                seconds = min(s for s, _, _ in rows)
                print(
                    f"  PDF_PROCESSES={n}: {seconds:.2f} s, {args.batch / seconds:.1f} pages/s, "
                    f"speed-up {base / seconds:.2f}x, peak RSS (all processes) {max(m for _, m, _ in rows):.0f} MB, "
                    f"processes {max(c for _, _, c in rows)}",
                    flush=True,
                )
        transaction.set_rollback(True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak resident memory of this process: {peak} MB; load average at end: {load_average()}")


if __name__ == "__main__":
    main()
