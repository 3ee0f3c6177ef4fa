# ruff: noqa: S603, S607 (a benchmark runs createdb, gunicorn and wrk from PATH with fixed arguments)
"""Benchmark: check-in at the door under concurrent load, over HTTP on loopback, against a bare view.

Run by hand (never in CI). It creates (and drops) a throw-away PostgreSQL database, fills it
with the demo seed and 60 delegates in 7 groups, starts gunicorn (3 workers) on a free loopback
port, logs in once through the login form (session cookie), then loads with ``wrk``
(``apt-get install wrk``):

- a bare Django view (``HttpResponse("ok")`` through the whole middleware stack) — the yardstick;
- the login page (a template, the session and CSRF; anonymous) — a second reference;
- the htmx search ``/conference/checkin/search/?q=nguyen``;
- the delegate page ``/conference/checkin/<token>/`` (the QR code's target);
- the one-tap POST (htmx), alternating check-in and undo over the 60 delegates.

    .venv/bin/python bench/bench_checkin.py [--duration 10] [--connections 60] [--screenshot out.png]

The bare view is served only here: gunicorn loads ``bench.bench_checkin:application()``, whose
URLconf is this module (the project's URLs plus ``bench/bare/``). Results: docs/benchmarks.md.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "hoinghi_bench_checkin"
DELEGATES = 60
# gunicorn keeps answering the requests queued in its backlog after wrk stops; wait them out.
DRAIN_SECONDS = 5
PG = ["-h", "127.0.0.1", "-U", "postgres"]
USERNAME, PASSWORD = "bench-checkin", "bench-checkin-password"
SERVER_ENV = {
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
    "DJANGO_SETTINGS_MODULE": "hoinghi.settings",
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DEBUG": "false",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "STATIC_MANIFEST": "false",
}
GROUPS = [  # (code, name, target): the plan's groups, when the demo seed made none
    ("lanh-dao-tinh", "Lãnh đạo tỉnh, Văn phòng UBND tỉnh", 6),
    ("khoi-thi-dua", "Lãnh đạo và cán bộ thi đua các đơn vị Khối Văn hóa - Xã hội", 14),
    ("so-noi-vu", "Sở Nội vụ, Ban Thi đua - Khen thưởng", 4),
    ("so-khcn", "Lãnh đạo, Văn phòng và các đơn vị thuộc Sở", 14),
    ("dia-phuong", "Lãnh đạo UBND và phòng Văn hóa - KH&TT các địa phương", 10),
    ("dien-hinh", "Các điển hình tiên tiến", 10),
    ("khac", "Các thành phần khác", 2),
]


# --- the server side: the project's URLs plus a bare view -------------------------------------


def __getattr__(name):  # the URLconf, built only when Django asks for it (after setup)
    if name == "urlpatterns":
        from django.http import HttpResponse
        from django.urls import path

        from hoinghi.urls import urlpatterns

        return [path("bench/bare/", lambda request: HttpResponse("ok"), name="bench_bare"), *urlpatterns]
    raise AttributeError(name)


def application():
    """gunicorn factory: the project's WSGI application with this module as URLconf."""
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    settings.ROOT_URLCONF = __name__
    return app


# --- the client side ------------------------------------------------------------------------------


def _setup_database(env) -> list[str]:
    """Fresh database, demo seed, 60 delegates, a bench office user; the delegates' tokens."""
    subprocess.run(["dropdb", *PG, "--if-exists", DB_NAME], check=True)
    subprocess.run(["createdb", *PG, DB_NAME], check=True)
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from conference.models import Delegate, DelegateGroup
    from reference.models import Conference

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-samples", verbosity=0)
    conference = Conference.objects.current()
    user = User.objects.create_user(USERNAME, password=PASSWORD)
    user.groups.add(Group.objects.get(name="office_staff"))
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    givens = ["An", "Bình", "Cường", "Dũng", "Hùng", "Hường", "Hương", "Lan", "Ánh", "Yến", "Thắng", "Tâm"]
    groups = list(DelegateGroup.objects.filter(conference=conference))  # the seed's, if it made them
    if not groups:
        groups = [
            DelegateGroup.objects.create(conference=conference, code=code, name=name, target=target, order=order)
            for order, (code, name, target) in enumerate(GROUPS, start=1)
        ]
    number = Delegate.objects.filter(conference=conference).count()
    while number < DELEGATES:  # top up to 60, spread over the groups
        number += 1
        group = groups[number % len(groups)]
        Delegate.objects.create(
            conference=conference,
            group=group,
            full_name=f"{families[number % 10]} Văn {givens[number % 12]}",
            position="Chuyên viên",
            organisation=group.name,
            invitation_number=10000 + number,
            rsvp="confirmed" if number % 3 else "invited",
        )
    tokens = list(Delegate.objects.filter(conference=conference).values_list("token", flat=True))
    from django.db import connections

    connections.close_all()
    return tokens


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int, deadline: float = 30) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/bare/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer")


def _login(port: int) -> dict[str, str]:
    """Log in through the login form once; the cookies (session and CSRF)."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    page = response.read().decode()
    cookies = dict(re.findall(r"(csrftoken)=([^;]+)", response.getheader("Set-Cookie", "")))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookies['csrftoken']}"}
    conn.request("POST", "/accounts/login/", body, headers)
    response = conn.getresponse()
    response.read()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _sep, rest = value.partition("=")
            cookies[name] = rest.split(";")[0]
    if response.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"login failed: {response.status}")
    return cookies


def _check(port: int, cookie: str, path: str, status: int = 200) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    if response.status != status:
        raise SystemExit(f"{path}: {response.status}")


TAP_SCRIPT = """
paths = {%(paths)s}
counter = 0
wrk.method = "POST"
wrk.headers["Cookie"] = "%(cookie)s"
wrk.headers["X-CSRFToken"] = "%(csrf)s"
wrk.headers["HX-Request"] = "true"
wrk.headers["Referer"] = "http://127.0.0.1/conference/checkin/"
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  return wrk.format(nil, path)
end
response = function(status, headers, body)
  if status ~= 200 then print("status " .. status) end
end
"""


def _wrk(
    url: str, args, *, cookie: str = "", script: str | None = None, one: bool = False
) -> tuple[float, float, float, int]:
    """(requests/s, p99 and p50 in ms, non-2xx responses) from one wrk run (``one``: a single connection)."""
    threads, connections = (1, 1) if one else (args.threads, args.connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{args.duration}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, _percentile(out, 99), _percentile(out, 50), int(errors.group(1)) if errors else 0


def _percentile(out: str, which: int) -> float:
    value, unit = re.search(rf"{which}%\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def _screenshot(port: int, cookies: dict[str, str], path: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        context.add_cookies([{"name": k, "value": v, "url": f"http://127.0.0.1:{port}"} for k, v in cookies.items()])
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/conference/checkin/")
        page.fill("[data-testid=checkin-search]", "nguyen hu")
        page.wait_for_selector("[data-testid=delegate-row]")
        page.locator("[data-testid=delegate-row] button").first.click()  # check in, or undo
        page.wait_for_load_state("networkidle")
        page.screenshot(path=path)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--screenshot", help="also save a 390×844 screenshot of the check-in page here")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="hoinghi-bench-checkin-"))
    env = {**SERVER_ENV, "STATIC_ROOT": str(workdir / "static"), "HOINGHI_VAR_DIR": str(workdir / "var")}
    tokens = _setup_database(env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    port = _free_port()
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
        + ["--log-level", "warning", "bench.bench_checkin:application()"],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    try:
        _wait(port)
        cookies = _login(port)
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        base = f"http://127.0.0.1:{port}"
        _check(port, cookie, "/conference/checkin/search/?q=nguyen")
        _check(port, cookie, f"/conference/checkin/{tokens[0]}/")
        paths = ", ".join(f'"/conference/checkin/{t}/in/", "/conference/checkin/{t}/undo/"' for t in tokens)
        script = workdir / "tap.lua"
        script.write_text(TAP_SCRIPT % {"paths": paths, "cookie": cookie, "csrf": cookies["csrftoken"]})
        loads = [
            ("bare Django view (yardstick)", f"{base}/bench/bare/", {}),
            ("login page (template, CSRF)", f"{base}/accounts/login/", {}),
            ("search ?q=nguyen (htmx)", f"{base}/conference/checkin/search/?q=nguyen", {"cookie": cookie}),
            ("delegate page (QR link)", f"{base}/conference/checkin/{tokens[0]}/", {"cookie": cookie}),
            ("tap: check in / undo (POST)", f"{base}/", {"script": str(script)}),
        ]
        runs = []
        for label, url, kw in loads:  # one connection first, then the load; let the backlog drain after it
            one = _wrk(url, args, one=True, **kw)
            runs.append((label, _wrk(url, args, **kw), one))
            time.sleep(DRAIN_SECONDS)
        (bare_rps, bare_p99, _p50, _errors), (_rps, _p99, bare_p50_one, _e) = runs[0][1], runs[0][2]
        print(f"{len(tokens)} delegates, gunicorn {args.workers} workers, {args.duration} s per run; ", end="")
        print(f"wrk with {args.connections} connections, then with 1")
        print(f"| request | req/s ({args.connections} conn.) | ratio | p99 | ratio | p50 / p99 (1 conn.) | p50 ratio |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for label, (rps, p99, _p50, errors), (_rps, p99_one, p50_one, errors_one) in runs:
            assert errors + errors_one == 0, (label, errors, errors_one)
            print(
                f"| {label} | {rps:,.0f} | {rps / bare_rps:.2f} | {p99:.0f} ms | {p99 / bare_p99:.1f}× "
                f"| {p50_one:.1f} / {p99_one:.0f} ms | {p50_one / bare_p50_one:.1f}× |"
            )
        if args.screenshot:
            _screenshot(port, cookies, args.screenshot)
            print("screenshot:", args.screenshot)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        subprocess.run(["dropdb", *PG, "--if-exists", DB_NAME], check=False)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
