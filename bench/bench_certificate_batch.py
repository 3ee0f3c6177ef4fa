"""Benchmark: certificate batches through the background job (100 vs 2,000 certificates).

Each size runs in its own process (peak RSS is per process), through the real path: the
``awards.tasks.print_certificates`` task enqueued by ``jobs.services.start`` (the immediate backend of
the test settings, so the task runs in this process), chunked rendering, pypdf join, file saved
under MEDIA_ROOT, the print log and its history rows. Everything is rolled back at the end.

    createdb -h 127.0.0.1 -U postgres hoinghi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoinghi_bench .venv/bin/python bench/bench_certificate_batch.py
    ... bench/bench_certificate_batch.py --sizes 100 500 2000 --single 100 500   # also the one-document path
    ... bench/bench_certificate_batch.py --sizes 2000 --processes 1 2 --repeat 2 --plain 100

Each size runs with each ``--processes`` value (settings.PDF_PROCESSES; the runs alternate, so
both see the same load) and prints: seconds, pages per second, the speed-up over the first
``--processes`` value, peak RSS of the process and its rendering children together (sampled) and
its growth over the warmed-up process (WeasyPrint and fonts loaded), the most processes alive at
once, and the PDF size. ``--plain`` sizes also time plain WeasyPrint (``render_html_to_pdf``, one
process) on the same chunks' HTML after the job and print the ratio plain seconds / job seconds.
The load average is printed at the start and the end. Results: docs/performance.md, "Certificate
batches in the background".
"""

import argparse
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings_test")


def _one(size: int, single: bool, processes: int, plain: bool) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from pypdf import PdfReader

    from awards import documents, tasks
    from awards.enums import PrintMode
    from awards.services import printing
    from bench.bench_certificates import _decision
    from bench.process_tree import TreeMemory, tree_rss_mb
    from hoinghi import pdf
    from hoinghi.pdf import render_html, render_html_to_pdf, render_pdf
    from jobs import services

    chunk_seconds: list[float] = []

    def timed_render(*args, **kwargs):
        start = time.perf_counter()
        try:
            return render_pdf(*args, **kwargs)
        finally:
            chunk_seconds.append(time.perf_counter() - start)

    pdf.render_pdf = timed_render  # each chunk of the background path goes through it

    settings.PDF_PROCESSES = processes
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        decision, user = _decision(size)
        entries = list(decision.entries.order_by("register_number")[:1])
        render_pdf("awards/pdf/certificates.html", {"sheet": documents.certificate_sheet(decision, entries, "full")})
        baseline = tree_rss_mb()
        chunk_seconds.clear()
        memory = TreeMemory().__enter__()
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
        memory.__exit__()  # before the check below reads the whole PDF back
        peak = memory.peak_mb
        pages = len(PdfReader(io.BytesIO(content)).pages)
        assert pages == size, (pages, size)  # noqa: S101
        plain_seconds = None
        if plain:
            entries = list(decision.entries.order_by("register_number", "id"))
            chunk = printing.CERTIFICATE_CHUNK
            htmls = [
                render_html(
                    "awards/pdf/certificates.html",
                    {"sheet": documents.certificate_sheet(decision, entries[i : i + chunk], PrintMode.FULL)},
                )
                for i in range(0, len(entries), chunk)
            ]
            start = time.perf_counter()
            for html in htmls:
                render_html_to_pdf(html)
            plain_seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return {
        "size": size,
        "path": "one document" if single else f"job, {processes} process{'es' if processes > 1 else ''}",
        "processes": processes,
        "most_processes": memory.most_processes,
        "plain_seconds": round(plain_seconds, 2) if plain_seconds else None,
        "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 1),
        "ratio_to_plain": round(plain_seconds / seconds, 3) if plain_seconds else None,
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
    parser.add_argument("--processes", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--repeat", type=int, default=1, help="rounds (each round alternates the order)")
    parser.add_argument("--plain", type=int, nargs="*", default=[100], help="sizes also timed on plain WeasyPrint")
    parser.add_argument("--single", type=int, nargs="*", default=[], help="sizes to time on the one-document path")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-single", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--one-processes", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--one-plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one, args.one_single, args.one_processes, args.one_plain)))
        return
    from bench.process_tree import load_average

    print(
        f"{os.cpu_count()} cores; {os.environ.get('DATABASE_URL', 'SQLite')}; load average at start: {load_average()}"
    )
    print(
        f"{'path':>20} {'certs':>6} {'s':>7} {'pages/s':>8} {'speed-up':>8} {'base MB':>8} {'peak MB':>8} "
        f"{'+MB':>5} {'procs':>5} {'PDF KB':>7} {'plain s':>8} {'plain/job':>9}"
    )
    for size in args.sizes:
        runs = []
        for round_ in range(args.repeat):
            order = args.processes if round_ % 2 == 0 else list(reversed(args.processes))
            runs += [(n, size in args.plain and round_ == 0) for n in order]
        base: dict[int, float] = {}
        for processes, plain in runs:
            command = [sys.executable, __file__, "--one", str(size), "--one-processes", str(processes)]
            command += ["--one-plain"] if plain else []
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
            r = json.loads(out.strip().splitlines()[-1])
            base.setdefault(processes, r["seconds"])
            first = base[args.processes[0]] if args.processes[0] in base else r["seconds"]
            _print(r, first / r["seconds"])
    for size in args.single:
        out = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--one", str(size), "--one-single"], capture_output=True, text=True, check=True
        ).stdout
        _print(json.loads(out.strip().splitlines()[-1]), 1.0)
    print(f"load average at end: {load_average()}")


def _print(r: dict, speed_up: float) -> None:
    plain = f"{r['plain_seconds']:>8.1f} {r['ratio_to_plain']:>9.3f}" if r["plain_seconds"] else f"{'':>8} {'':>9}"
    print(
        f"{r['path']:>20} {r['size']:>6} {r['seconds']:>7.1f} {r['pages_per_s']:>8.1f} {speed_up:>7.2f}x "
        f"{r['baseline_mb']:>8} {r['peak_mb']:>8} {r['growth_mb']:>5} {r['most_processes']:>5} {r['pdf_kb']:>7} {plain}"
        f"  chunks first {r['first_chunks']} last {r['last_chunks']}",
        flush=True,
    )


if __name__ == "__main__":
    main()
