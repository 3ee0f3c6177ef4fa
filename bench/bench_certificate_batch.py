"""Benchmark: certificate batches through the background job (100 vs 2,000 certificates).

Each size runs in its own process (peak RSS is per process), through the real path: the
``awards.tasks.print_certificates`` task enqueued by ``jobs.services.start`` (the immediate backend of
the test settings, so the task runs in this process), chunked rendering, pypdf join, file saved
under MEDIA_ROOT, the print log and its history rows. Everything is rolled back at the end.

    createdb -h 127.0.0.1 -U postgres hoinghi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoinghi_bench .venv/bin/python bench/bench_certificate_batch.py
    ... bench/bench_certificate_batch.py --sizes 100 500 2000 --single 100 500   # also the one-document path

Prints, per size: seconds, pages per second, peak RSS and its growth over the warmed-up process
(WeasyPrint and fonts loaded), and the PDF size. Results: docs/performance.md, "Certificate batches
in the background".
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings_test")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _one(size: int, single: bool) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from pypdf import PdfReader

    from awards import documents, tasks
    from awards.enums import PrintMode
    from awards.services import printing
    from bench.bench_certificates import _decision
    from hoinghi import pdf
    from hoinghi.pdf import render_pdf
    from jobs import services

    chunk_seconds: list[float] = []

    def timed_render(*args, **kwargs):
        start = time.perf_counter()
        try:
            return render_pdf(*args, **kwargs)
        finally:
            chunk_seconds.append(time.perf_counter() - start)

    pdf.render_pdf = timed_render  # each chunk of the background path goes through it

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        decision, user = _decision(size)
        entries = list(decision.entries.order_by("register_number")[:1])
        render_pdf("awards/pdf/certificates.html", {"sheet": documents.certificate_sheet(decision, entries, "full")})
        baseline = _peak_mb()
        chunk_seconds.clear()
        start = time.perf_counter()
        if single:
            content = printing.certificates_pdf(decision, mode=PrintMode.FULL, by=user).content
        else:
            job = services.start(
                task=tasks.print_certificates,
                kind="certificates",
                title="bench",
                params={"decision": decision.pk, "mode": PrintMode.FULL},
                by=user,
            )
            assert job.status == "done", (job.status, job.error)  # noqa: S101 (checks what it timed)
            with job.file.open("rb") as file:
                content = file.read()
            job.file.delete(save=False)
        seconds = time.perf_counter() - start
        peak = _peak_mb()  # before the check below reads the whole PDF back
        pages = len(PdfReader(io.BytesIO(content)).pages)
        assert pages == size, (pages, size)  # noqa: S101
        transaction.set_rollback(True)
    return {
        "size": size,
        "path": "one document" if single else "background job (chunks of 50)",
        "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 1),
        "baseline_mb": round(baseline),
        "peak_mb": round(peak),
        "growth_mb": round(peak - baseline),
        "pdf_kb": len(content) // 1024,
        # seconds per chunk of 50: the first two and the last two (constant = no slow-down with the batch)
        "first_chunks": [round(x, 2) for x in chunk_seconds[:2]] if not single else [],
        "last_chunks": [round(x, 2) for x in chunk_seconds[-2:]] if not single else [],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000])
    parser.add_argument("--single", type=int, nargs="*", default=[], help="sizes to time on the one-document path")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-single", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one, args.one_single)))
        return
    print(f"{os.cpu_count()} cores; {os.environ.get('DATABASE_URL', 'SQLite')}")
    print(f"{'path':>30} {'certs':>6} {'s':>7} {'pages/s':>8} {'base MB':>8} {'peak MB':>8} {'+MB':>5} {'PDF KB':>7}")
    runs = [(size, False) for size in args.sizes] + [(size, True) for size in args.single]
    for size, single in runs:
        command = [sys.executable, __file__, "--one", str(size)] + (["--one-single"] if single else [])
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"{r['path']:>30} {r['size']:>6} {r['seconds']:>7.1f} {r['pages_per_s']:>8.1f} "
            f"{r['baseline_mb']:>8} {r['peak_mb']:>8} {r['growth_mb']:>5} {r['pdf_kb']:>7}"
            f"  chunks first {r['first_chunks']} last {r['last_chunks']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
