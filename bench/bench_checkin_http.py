# ruff: noqa: S603, S607, S311 (a benchmark runs gunicorn with fixed arguments; random picks delegates)
"""Benchmark: check-in over HTTP through gunicorn with the production settings, 10 phones at once.

Run by hand (never in CI); PostgreSQL on 127.0.0.1. It reuses bench/bench_checkin.py's throw-away
database (demo seed, 60 delegates in 7 groups, an office user), starts gunicorn with the project's
``deploy/gunicorn.conf.py`` and ``hoinghi.wsgi`` (production settings: DEBUG off, cached templates,
persistent connections), logs in once per simulated phone (each thread its own session), then:

1. CPU per request: one client sends N requests of one kind (the health check as the yardstick,
   the htmx search ``?q=nguyen``, a tap "check in", a tap "undo"); the server's CPU time (user +
   system, from ``/proc/<pid>/stat``: the master, its workers, and the workers it reaped after a
   recycle) before and after, divided by N. This counts everything the server does for the
   request (gunicorn's parsing and access log included).
2. 10 phones: 10 threads, each with its own session and connection, for ``--duration`` seconds,
   each looping "search, then tap (check in or undo) a random delegate"; p50/p95/p99 latency and
   the CPU per request over the run.
3. Warm workers: a second gunicorn with one worker; the worker is restarted (SIGTERM, the master
   forks a new one) and once it is up the first logged-in request is timed against the next 20,
   with the warm-up (``GUNICORN_WARM=true``, the default) and without.

    .venv/bin/python bench/bench_checkin_http.py [--duration 20] [--requests 300] [--workers 3]
"""

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_checkin import DB_NAME, PG, SERVER_ENV, _free_port, _login, _setup_database  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
PHONES = 10
SEARCH = "/conference/checkin/search/?q=nguyen"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _server_cpu_seconds(master: int) -> float:
    """CPU time of the whole server: the master, its live workers, and the workers it has reaped.

    A worker that recycles (``max_requests``) during a measurement leaves the live list; its CPU
    then sits in the master's ``cutime``/``cstime`` (children waited for), so the sum stays exact
    and also counts the new worker's boot and warm-up, which a recycle costs.
    """
    total = 0
    for pid in [master, *_children(master)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a worker that exited between the listing and the read: in cutime
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        if pid == master:
            total += int(fields[13]) + int(fields[14])  # cutime, cstime (16, 17): the reaped workers
    return total / TICKS


class Phone:
    """One client: its own session (cookies) and keep-alive connection."""

    def __init__(self, port: int):
        self.port = port
        cookies = _login(port)
        self.cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.csrf = cookies["csrftoken"]
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str) -> tuple[int, float, bytes]:
        headers = {"Cookie": self.cookie, "HX-Request": "true"}
        if method == "POST":
            headers |= {"X-CSRFToken": self.csrf, "Referer": f"http://127.0.0.1:{self.port}/conference/checkin/"}
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, headers=headers)
                response = self.conn.getresponse()
                body = response.read()
                break
            except (http.client.HTTPException, ConnectionError):  # keep-alive closed by the server: reconnect
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        return response.status, (time.perf_counter() - started) * 1000, body


def _start(port: int, env: dict[str, str], workers: int, log: Path, *, warm: bool = True) -> subprocess.Popen:
    server_env = {
        **os.environ,
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_WARM": "true" if warm else "false",
        "GUNICORN_ERROR_LOG": str(log),
        "GUNICORN_ACCESS_LOG": str(log.with_suffix(".access")),
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "hoinghi.wsgi"],
        cwd=ROOT,
        env=server_env,
    )
    end = time.monotonic() + 60
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz/")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer")


def _cpu_per_request(master: int, phone: Phone, label: str, paths: list[tuple[str, str]], n: int) -> tuple:
    for method, path in paths[:20]:  # warm this path in every worker a little
        phone.request(method, path)
    before = _server_cpu_seconds(master)
    times = []
    for i in range(n):
        method, path = paths[i % len(paths)]
        status, ms, _body = phone.request(method, path)
        assert status == 200, (label, path, status)
        times.append(ms)
    cpu_ms = (_server_cpu_seconds(master) - before) * 1000 / n
    return label, cpu_ms, statistics.median(times)


def _phones_run(port: int, master: int, phones: list[Phone], tokens: list[str], duration: float) -> dict:
    latencies: dict[str, list[float]] = {"search": [], "tap": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def loop(phone: Phone, seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            status, ms, _body = phone.request("GET", "/conference/checkin/search/?q=nguyen")
            token = rng.choice(tokens)
            action = rng.choice(("in", "in", "undo"))
            status2, ms2, _body2 = phone.request("POST", f"/conference/checkin/{token}/{action}/")
            with lock:
                latencies["search"].append(ms)
                latencies["tap"].append(ms2)
                if status != 200 or status2 != 200:
                    errors.append(f"{status} {status2}")

    before = _server_cpu_seconds(master)
    threads = [threading.Thread(target=loop, args=(phone, i)) for i, phone in enumerate(phones)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    count = sum(len(v) for v in latencies.values())
    return {
        "requests": count,
        "rate": count / elapsed,
        "cpu_ms": (_server_cpu_seconds(master) - before) * 1000 / count,
        "errors": errors,
        "latencies": latencies,
    }


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _warm_run(env: dict[str, str], workdir: Path, *, warm: bool, restarts: int) -> list[tuple[float, float]]:
    """(first request, median of the next 20) after each restart of a one-worker gunicorn, in ms."""
    port = _free_port()
    log = workdir / f"warm-{warm}.log"
    server = _start(port, env, 1, log, warm=warm)
    results = []
    try:
        phone = Phone(port)
        for _restart in range(restarts):
            (old,) = _children(server.pid)
            os.kill(old, signal.SIGTERM)
            end = time.monotonic() + 120
            while time.monotonic() < end and _children(server.pid) in ([], [old]):
                time.sleep(0.05)
            (new,) = _children(server.pid)
            ready = f"worker {new} warm in" if warm else f"Booting worker with pid: {new}"
            while time.monotonic() < end and ready not in log.read_text():
                time.sleep(0.1)
            time.sleep(3)  # then idle, so that the first request does not meet the boot itself
            phone.conn.close()
            phone.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            path = "/conference/checkin/search/?q=nguyen"
            status, first, _body = phone.request("GET", path)
            assert status == 200, status
            later = [phone.request("GET", path)[1] for _ in range(20)]
            results.append((first, statistics.median(later)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--restarts", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="hoinghi-bench-checkin-http-"))
    env = {**SERVER_ENV, "STATIC_ROOT": str(workdir / "static"), "HOINGHI_VAR_DIR": str(workdir / "var")}
    tokens = _setup_database(env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    port = _free_port()
    server = _start(port, env, args.workers, workdir / "gunicorn.log")
    try:
        phones = [Phone(port) for _ in range(PHONES)]
        one = phones[0]
        taps_in = [("POST", f"/conference/checkin/{t}/in/") for t in tokens]
        taps_undo = [("POST", f"/conference/checkin/{t}/undo/") for t in tokens]
        n = args.requests
        rows = [
            _cpu_per_request(server.pid, one, "health check (yardstick)", [("GET", "/healthz/")], n),
            _cpu_per_request(server.pid, one, "search ?q=nguyen (htmx)", [("GET", SEARCH)], n),
            _cpu_per_request(server.pid, one, "counts (the 5 s poll)", [("GET", "/conference/checkin/counts/")], n),
        ]
        search = one.request("GET", "/conference/checkin/search/?q=nguyen")[2].decode()
        shown = len(re.findall(r'data-testid="delegate-row"', search))
        for _round in range(max(1, args.requests // (2 * len(tokens)))):  # each tap a real insert, then a real delete
            rows.append(_cpu_per_request(server.pid, one, "tap: check in (INSERT)", taps_in, len(tokens)))
            rows.append(_cpu_per_request(server.pid, one, "tap: undo (DELETE)", taps_undo, len(tokens)))
        load = _phones_run(port, server.pid, phones, tokens, args.duration)
    finally:
        server.terminate()
        server.wait(timeout=30)
    warm = _warm_run(env, workdir, warm=True, restarts=args.restarts)
    cold = _warm_run(env, workdir, warm=False, restarts=args.restarts)
    subprocess.run(["dropdb", *PG, "--if-exists", DB_NAME], check=False)
    shutil.rmtree(workdir, ignore_errors=True)

    print(f"gunicorn {args.workers} workers (deploy/gunicorn.conf.py, production settings); load average ", end="")
    print(" ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"\n1. CPU per request (one client, {args.requests} requests; search shows {shown} rows)\n")
    print("| request | CPU per request | median latency |\n| --- | ---: | ---: |")
    merged: dict[str, list[tuple[float, float]]] = {}
    for label, cpu, median in rows:
        merged.setdefault(label, []).append((cpu, median))
    for label, values in merged.items():
        cpu = statistics.mean(v[0] for v in values)
        median = statistics.mean(v[1] for v in values)
        print(f"| {label} | {cpu:.2f} ms | {median:.1f} ms |")
    lat = load["latencies"]
    print(f"\n2. {PHONES} phones for {args.duration:.0f} s: {load['requests']} requests, ", end="")
    print(f"{load['rate']:.0f}/s, ", end="")
    print(f"CPU {load['cpu_ms']:.2f} ms per request, {len(load['errors'])} errors\n")
    print("| request | p50 | p95 | p99 | max |\n| --- | ---: | ---: | ---: | ---: |")
    for kind in ("search", "tap"):
        values = lat[kind]
        print(
            f"| {kind} | {_pct(values, 0.5):.1f} ms | {_pct(values, 0.95):.1f} ms "
            f"| {_pct(values, 0.99):.1f} ms | {max(values):.1f} ms |"
        )
    print("\n3. First request after a worker restart (search, logged in) vs the median of the next 20\n")
    print("| worker | first | next 20 (median) |\n| --- | --- | --- |")
    for label, runs in (("warmed (post_worker_init)", warm), ("not warmed (GUNICORN_WARM=false)", cold)):
        print(
            f"| {label} | {', '.join(f'{a:.0f}' for a, _b in runs)} ms | {', '.join(f'{b:.1f}' for _a, b in runs)} ms |"
        )


if __name__ == "__main__":
    main()
