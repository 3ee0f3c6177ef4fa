"""Benchmark: every list page over HTTP through gunicorn at province scale (issue 15, item 1).

Run by hand (never in CI); a few minutes:

    .venv/bin/python bench/bench_http.py            # builds hoinghi_bench_http (seed_scale), keeps it
    .venv/bin/python bench/bench_http.py --reuse    # the database already seeded: only migrate

It creates (or with ``--reuse`` keeps) the PostgreSQL database ``hoinghi_bench_http`` with
``seed_scale`` (300 units, 50,000 nominations, 500,000 history rows), adds an Office account
with a password, counts each page's queries with the test client (``hoinghi.settings``,
DEBUG off), then starts gunicorn with ``deploy/gunicorn.conf.py`` and the production settings
(bench/http_support.py), logs in through the login form over HTTP and, after ``--warmup``
requests per page, times ``--requests`` requests per page, ``--repeats`` times, one request at
a time. It prints p50/p95/p99 over all repetitions, the worst repetition's p95, the queries and
the load average at the start and the end. Two-factor sign-in is switched off for the bench
account's role (``TWO_FACTOR_REQUIRED_ROLES=none``): a script cannot read an authenticator.

Results: docs/performance.md, "Over HTTP through gunicorn".
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_support import Browser, Gunicorn, ScaleDatabase, loadavg, percentiles  # noqa: E402

USERNAME = "bench-http-office"
PASSWORD = "bench-http-office-Pw-2026"  # noqa: S105 (a throw-away account of a throw-away database)
SETTINGS_ENV = {"TWO_FACTOR_REQUIRED_ROLES": "none"}


def _django(database_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="hoinghi.settings",
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="bench-http-in-process",  # noqa: S106 (the in-process pass of a throw-away database)
        ALLOWED_HOSTS="testserver,127.0.0.1",
        STATIC_ROOT=tempfile.mkdtemp(prefix="hoinghi-bench-http-static-"),
        **SETTINGS_ENV,
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", "--noinput", verbosity=0)  # the manifest the pages' {% static %} reads


def _office_user():
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(username=USERNAME, defaults={"is_staff": True})
    user.is_staff = True
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name="office_staff"))
    return user


def _cursor(queryset, sort: str, position: int) -> str:
    """The cursor that opens the list at row ``position + 1`` in ``sort`` (as following "next" would)."""
    from hoinghi.paging import KeysetPage, _ordering
    from nominations.filters import SORTS

    ordered = queryset.order_by(*SORTS[sort])
    row = ordered[position - 1]
    return KeysetPage(
        [row], count=0, start_index=position, ordering=_ordering(ordered), has_previous=True, has_next=True
    ).next_cursor


def _pages(user) -> list[tuple[str, str, str]]:
    """(label, path, text the page must show)."""
    from hoinghi.paging import KeysetPage
    from nominations.enums import NominationStatus
    from nominations.selectors import nominations_visible_to
    from reference.models import Unit
    from reference.selectors import current_conference

    conference = current_conference()
    visible = nominations_visible_to(user).filter(conference=conference)
    unit = Unit.objects.get(code="scale-0150").pk
    accepted = visible.filter(status=NominationStatus.ACCEPTED)
    review = visible.filter(status__in=[NominationStatus.SUBMITTED, NominationStatus.RESUBMITTED])
    z_a_200 = _cursor(visible, "-name", 4975)
    oldest = review.order_by("submitted_at", "id")[474]
    ordering = ["submitted_at", "id"]
    review_cursor = KeysetPage(
        [oldest], count=0, start_index=475, ordering=ordering, has_previous=True, has_next=True
    ).next_cursor
    return [
        ("list, page 1", "/nominations/", "Dòng 1–25 trong hơn 1.000"),
        ("list, Z–A, page 200 (cursor)", f"/nominations/?sort=-name&after={z_a_200}", "page-next"),
        ("list, Z–A, back from page 200", f"/nominations/?sort=-name&before={z_a_200}", "Dòng"),
        ("list, by unit, page 100", f"/nominations/?sort=unit&after={_cursor(visible, 'unit', 2475)}", "page-next"),
        ("list, by status, page 100", f"/nominations/?sort=status&after={_cursor(visible, 'status', 2475)}", "Dòng"),
        (
            "list, recently changed, page 50",
            f"/nominations/?sort=-updated&after={_cursor(visible, '-updated', 1225)}",
            "Dòng",
        ),
        ("list, last page", "/nominations/?before=end", "Trong hơn 1.000"),
        ("search 'dang'", "/nominations/?q=dang", "nomination-row"),
        ("search 'nguyen thi huong'", "/nominations/?q=nguyen+thi+huong", "nomination-row"),
        ("search 'khue' (rare)", "/nominations/?q=khue", "nomination-row"),
        ("search 'nguyen thi huong', Z–A", "/nominations/?q=nguyen+thi+huong&sort=-name", "nomination-row"),
        ("filtered by unit", f"/nominations/?proposing_unit={unit}", "nomination-row"),
        (
            "filtered by status, page 50",
            f"/nominations/?status=accepted&after={_cursor(accepted, 'name', 1225)}",
            "page-next",
        ),
        ("review queue", "/nominations/review/", "nomination-row"),
        ("review queue, page 20", f"/nominations/review/?after={review_cursor}", "page-next"),
        ("dashboard", "/", "<table"),
        ("delegates", "/conference/delegates/", "delegate-count"),
        ("decisions", "/awards/decisions/", "<h1"),
        ("admin: nominations", "/admin/nominations/nomination/", "bounded-count"),
        ("admin: nominations, search", "/admin/nominations/nomination/?q=nguyen+thi+huong", "result_list"),
        (
            "admin: nominations, by unit",
            f"/admin/nominations/nomination/?proposing_unit__id__exact={unit}",
            "result_list",
        ),
        ("admin: nominees", "/admin/nominations/nominee/", "bounded-count"),
        ("admin: commendation history", "/admin/nominations/commendationrecord/", "bounded-count"),
        ("admin: history, search", "/admin/nominations/commendationrecord/?q=khue", "result_list"),
    ]


def _query_counts(user, pages) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    counts = {}
    for label, path, _ in pages:
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(queries)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="hoinghi_bench_http")
    parser.add_argument("--reuse", action="store_true", help="Keep the database if it is already seeded.")
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--nominations", type=int, default=50_000)
    parser.add_argument("--history", type=int, default=500_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=10, help="Untimed requests per page first (every worker).")
    parser.add_argument("--only", default="", help="Only the pages whose label contains this.")
    args = parser.parse_args()

    database = ScaleDatabase(args.db)
    database.ensure(units=args.units, nominations=args.nominations, history=args.history, reuse=args.reuse)
    _django(database.url)
    from django.db import connections

    user = _office_user()
    pages = [p for p in _pages(user) if args.only in p[0]]
    queries = _query_counts(user, pages)
    connections.close_all()
    shutil.rmtree(os.environ["STATIC_ROOT"], ignore_errors=True)

    with Gunicorn(database.url, **SETTINGS_ENV) as server:
        browser = Browser(server.base)
        browser.login(USERNAME, PASSWORD)
        for label, path, marker in pages:
            for _ in range(args.warmup):
                elapsed, status, body = browser.timed_get(path)
                assert status == 200 and marker.encode() in body, (label, status, marker)
        start_load = loadavg()
        timings: dict[str, list[list[float]]] = {label: [] for label, _, _ in pages}
        loads = []
        for repeat in range(args.repeats):
            for label, path, _ in pages:
                run = []
                for _ in range(args.requests):
                    elapsed, status, _body = browser.timed_get(path)
                    assert status == 200, (label, status)
                    run.append(elapsed)
                timings[label].append(run)
            loads.append(loadavg())
            print(f"repetition {repeat + 1}: load average {loads[-1]}", flush=True)
        end_load = loadavg()

    print(f"\n{args.requests} requests × {args.repeats} per page, one at a time, after {args.warmup} warm-up ones;")
    print(f"gunicorn -c deploy/gunicorn.conf.py ({os.cpu_count()} cores); load average (1/5/15 min) ", end="")
    print(f"{start_load} at the start, {end_load} at the end")
    print("| page | p50 | p95 | p99 | worst run's p95 | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, _, _ in pages:
        runs = timings[label]
        p50, p95, p99 = percentiles([t for run in runs for t in run])
        worst = max(percentiles(run)[1] for run in runs)
        print(f"| {label} | {p50:.0f} ms | **{p95:.0f} ms** | {p99:.0f} ms | {worst:.0f} ms | {queries[label]} |")


if __name__ == "__main__":
    main()
