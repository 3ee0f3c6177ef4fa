# ruff: noqa: S603, S607 (a benchmark runs createdb, gunicorn and wrk from PATH with fixed arguments)
"""Benchmark: the province-scale data set (issue 5) — pages, admin, import, and HTTP under load.

Run by hand (never in CI). It creates a throw-away PostgreSQL database (``hoinghi_bench_scale``,
dropped at the end unless ``--keep``), migrates it, runs ``seed_scale`` (300 units, 50,000
nominations, 500,000 commendation-history rows, 60 delegates by default), then:

1. in-process (Django test client, ``hoinghi.settings`` with DEBUG off): p50/p95/p99 over
   ``--requests`` requests per page, and the queries each page made — the nominations list,
   sorted, searched without diacritics, filtered, the dashboard, exports, admin changelists;
2. the Excel import of 5,000 valid rows (read + validate, then save; rolled back) and of a
   5,000-row file where every row is wrong (all errors reported);
3. over HTTP on loopback: gunicorn (``--workers``) and ``wrk`` (``apt-get install wrk``) with
   ``--connections`` connections on the check-in search, the check-in tap and the nominations
   list, each beside a bare Django view of the same server (req/s and p99 as ratios).

    .venv/bin/python bench/bench_scale.py [--nominations 50000] [--history 500000] [--requests 40]
        [--duration 10] [--connections 60] [--skip-load] [--keep]

Results: docs/performance.md.
"""

import argparse
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_checkin import DRAIN_SECONDS, SERVER_ENV, TAP_SCRIPT, _free_port, _percentile, _wait  # noqa: E402

DB_NAME = "hoinghi_bench_scale"
PG = ["-h", "127.0.0.1", "-U", "postgres"]
ENV = {
    **SERVER_ENV,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    # The superuser is logged in with force_login for the admin pages: no second factor in a throw-away database.
    "TWO_FACTOR_REQUIRED_ROLES": "none",
    "STATIC_ROOT": tempfile.mkdtemp(prefix="hoinghi-bench-scale-static-"),
}
# (label, URL); the unit's id is filled in. The lists page by cursor since issue 15 (?page= is no
# longer read): the deep pages are measured by bench/bench_http.py, which builds their cursors.
PAGES = [
    ("list, page 1", "/nominations/"),
    ("search 'nguyen thi huong'", "/nominations/?q=nguyen+thi+huong"),
    ("search 'dang'", "/nominations/?q=dang"),
    ("search 'khue' (rare)", "/nominations/?q=khue"),
    ("search 'nguyen thi huong', Z–A", "/nominations/?q=nguyen+thi+huong&sort=-name"),
    ("filtered by unit", "/nominations/?proposing_unit={unit}"),
    ("filtered by status", "/nominations/?status=accepted"),
    ("review queue", "/nominations/review/"),
    ("dashboard", "/"),
    ("export, one unit (.xlsx)", "/nominations/export.xlsx?proposing_unit={unit}"),
    ("admin: nominations", "/admin/nominations/nomination/"),
    ("admin: nominations, search", "/admin/nominations/nomination/?q=nguyen+thi+huong"),
    ("admin: nominees", "/admin/nominations/nominee/"),
    ("admin: commendation history", "/admin/nominations/commendationrecord/"),
    ("admin: history, search", "/admin/nominations/commendationrecord/?q=khue"),
]
BENCH_USER = "bench-scale-office"


def percentiles(timings: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in ms (nearest rank)."""
    ordered = sorted(timings)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))] * 1000

    return rank(50), rank(95), rank(99)


# --- setup --------------------------------------------------------------------------------------


def setup(args) -> None:
    subprocess.run(["dropdb", *PG, "--if-exists", DB_NAME], check=True)
    subprocess.run(["createdb", *PG, DB_NAME], check=True)
    os.environ.update(ENV)
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    out = io.StringIO()
    sizes = ["--units", str(args.units), "--nominations", str(args.nominations), "--history", str(args.history)]
    call_command("seed_scale", *sizes, "--delegates", "60", stdout=out)
    print(out.getvalue().rstrip())
    office = User.objects.create_user(BENCH_USER)
    office.groups.add(Group.objects.get(name="office_staff"))
    User.objects.create_superuser("bench-scale-admin")


# --- 1. pages, in-process ---------------------------------------------------------------------------


def bench_pages(args) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from reference.models import Unit

    unit = Unit.objects.get(code="scale-0150").pk
    office, admin = Client(), Client()
    office.force_login(User.objects.get(username=BENCH_USER))
    admin.force_login(User.objects.get(username="bench-scale-admin"))
    print(f"\n{args.requests} requests per page (after 3 warm-up), office user or superuser (admin), in-process")
    print("| page | p50 | p95 | p99 | Django CPU (p50) | SQL (last request) | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, url in PAGES:
        url = url.format(unit=unit)
        client = admin if url.startswith("/admin/") else office
        timings, cpu = [], []
        for i in range(args.requests + 3):
            connection.queries_log.clear()  # it keeps 9,000 queries, and the count is taken from its length
            with CaptureQueriesContext(connection) as queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            assert response.status_code == 200 and body, (url, response.status_code)
            if i >= 3:
                timings.append(elapsed)
                cpu.append(elapsed_cpu)
        p50, p95, p99 = percentiles(timings)
        sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(f"| {label} | {p50:.0f} ms | {p95:.0f} ms | {p99:.0f} ms ", end="")
        print(f"| {percentiles(cpu)[0]:.0f} ms | {sql:.0f} ms | {len(queries)} |")
    print(f"(load average {os.getloadavg()[0]:.1f})")
    start = time.perf_counter()
    response = office.get("/nominations/export.xlsx")
    size = len(response.content)
    print(f"export of all {args.nominations:,} rows (.xlsx, {size // 1024:,} KB): {time.perf_counter() - start:.1f} s")


# --- 2. import --------------------------------------------------------------------------------------


def _invalid_workbook(rows: int) -> bytes:
    """Every row wrong twice: an impossible birth date and a proposing unit that does not exist."""
    from openpyxl import Workbook

    from nominations import imports as cols

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(cols.SHEET_TITLE)
    ws.append(list(cols.HEADERS))
    for i in range(rows):
        values = {
            cols.STT: i + 1,
            cols.KIND: "Cá nhân",
            cols.NAME: f"Nguyễn Văn Sai {i}",
            cols.GENDER: "Nam",
            cols.BIRTH_DATE: "31/02/1980",
            cols.POSITION: "Chuyên viên",
            cols.WORK_UNIT: "Đơn vị không có",
            cols.PROPOSING_UNIT: "Đơn vị không có",
            cols.AWARD_FORM: "Giấy khen của Giám đốc Sở",
            cols.SUMMARY: "Hoàn thành xuất sắc nhiệm vụ.",
        }
        ws.append([values.get(h) for h in cols.HEADERS])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def bench_import(args) -> None:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from bench.bench_import import _workbook
    from hoinghi.excel import ExcelError
    from nominations.imports import parse_nominations, save_nominations
    from reference.models import Conference

    conference = Conference.objects.current()
    user = User.objects.get(username=BENCH_USER)
    rows = 5000
    valid, invalid = _workbook(rows), _invalid_workbook(rows)
    parse, save, report = [], [], []
    for _ in range(args.import_runs):
        start = time.perf_counter()
        parsed = parse_nominations(SimpleUploadedFile("list.xlsx", valid), conference=conference, by=user)
        parse.append(time.perf_counter() - start)
        with transaction.atomic():
            start = time.perf_counter()
            result = save_nominations(parsed, conference=conference, by=user)
            save.append(time.perf_counter() - start)
            transaction.set_rollback(True)
        start = time.perf_counter()
        try:
            parse_nominations(SimpleUploadedFile("bad.xlsx", invalid), conference=conference, by=user)
        except ExcelError as exc:
            errors = len(exc.errors)
        else:
            raise AssertionError("the invalid file was accepted")
        report.append(time.perf_counter() - start)
    print(f"\nExcel import of {rows:,} rows into the data set, median of {args.import_runs} (each save rolled back)")
    print(f"  valid ({len(valid) // 1024} KB): read + validate {statistics.median(parse):.2f} s, ", end="")
    print(f"save {statistics.median(save):.2f} s ({result.created:,} nominations)")
    print(f"  invalid ({len(invalid) // 1024} KB): {errors:,} errors reported in {statistics.median(report):.2f} s")


# --- 3. HTTP under load ------------------------------------------------------------------------------


def _session_cookie() -> tuple[str, str]:
    """A logged-in session for the bench office user, made directly (no login form, no lockout)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.middleware.csrf import _get_new_csrf_string

    user = User.objects.get(username=BENCH_USER)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.RolesModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = _get_new_csrf_string()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}", csrf


def _wrk(url: str, args, *, cookie: str = "", script: str | None = None) -> tuple[float, float, float, int, int]:
    """(req/s, p99 and p50 in ms, non-2xx answers, timeouts) from one wrk run; a request may take 10 s."""
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", "--latency"]
    command += ["--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return (
        rps,
        _percentile(out, 99),
        _percentile(out, 50),
        int(errors.group(1)) if errors else 0,
        int(timeouts.group(1)) if timeouts else 0,
    )


def bench_load(args) -> None:
    from django.db import connections

    from conference.models import Delegate

    cookie, csrf = _session_cookie()
    tokens = list(Delegate.objects.values_list("token", flat=True))
    connections.close_all()
    workdir = Path(tempfile.mkdtemp(prefix="hoinghi-bench-scale-"))
    env = {**os.environ, **ENV, "HOINGHI_VAR_DIR": str(workdir / "var")}
    port = _free_port()
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
        + ["--log-level", "warning", "bench.bench_checkin:application()"],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait(port)
        base = f"http://127.0.0.1:{port}"
        paths = ", ".join(f'"/conference/checkin/{t}/in/", "/conference/checkin/{t}/undo/"' for t in tokens)
        script = workdir / "tap.lua"
        script.write_text(TAP_SCRIPT % {"paths": paths, "cookie": cookie, "csrf": csrf})
        loads = [
            ("bare Django view (yardstick)", f"{base}/bench/bare/", {}),
            ("check-in search ?q=nguyen (htmx)", f"{base}/conference/checkin/search/?q=nguyen", {"cookie": cookie}),
            ("check-in tap: in / undo (POST)", f"{base}/", {"script": str(script)}),
            ("nominations list, page 1", f"{base}/nominations/", {"cookie": cookie}),
            (
                "nominations list, search 'nguyen thi huong'",
                f"{base}/nominations/?q=nguyen+thi+huong",
                {"cookie": cookie},
            ),
        ]
        runs = []
        for label, url, kw in loads:
            runs.append((label, _wrk(url, args, **kw)))
            time.sleep(DRAIN_SECONDS)
        bare_rps, bare_p99 = runs[0][1][0], runs[0][1][1]
        print(f"\nwrk, {args.connections} connections, {args.duration} s per run, ", end="")
        print(f"gunicorn {args.workers} sync workers (load average {os.getloadavg()[0]:.1f} at the end)")
        print("| request | req/s | ratio to bare | p50 | p99 | p99 ratio to bare |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, (rps, p99, p50, errors, timeouts) in runs:
            assert errors == 0 and timeouts == 0, (label, errors, timeouts)
            print(
                f"| {label} | {rps:,.0f} | {rps / bare_rps:.2f} | {p50:.0f} ms | {p99:.0f} ms | {p99 / bare_p99:.1f}× |"
            )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--nominations", type=int, default=50_000)
    parser.add_argument("--history", type=int, default=500_000)
    parser.add_argument("--requests", type=int, default=40, help="Timed requests per page.")
    parser.add_argument("--import-runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--skip-load", action="store_true", help="No gunicorn/wrk part.")
    parser.add_argument("--keep", action="store_true", help=f"Keep the database {DB_NAME} afterwards.")
    parser.add_argument("--reuse", action="store_true", help=f"Reuse {DB_NAME} kept by an earlier run (no seeding).")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    if not args.skip_load and not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk (or --skip-load)")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; ", end="")
    try:
        if args.reuse:  # the database of an earlier run with --keep
            os.environ.update(ENV)
            import django

            django.setup()
        else:
            setup(args)
        bench_pages(args)
        if not args.skip_import:
            bench_import(args)
        if not args.skip_load:
            bench_load(args)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(ENV["STATIC_ROOT"], ignore_errors=True)
        if not args.keep:
            subprocess.run(["dropdb", *PG, "--if-exists", DB_NAME], check=False)


if __name__ == "__main__":
    main()
