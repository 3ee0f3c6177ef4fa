# ruff: noqa: S603, S607, S310 (runs manage.py, gunicorn and the worker with fixed arguments; HTTP to loopback)
"""Production smoke test: the production settings, gunicorn, WhiteNoise and the worker, over real HTTP.

    .venv/bin/python deploy/smoke.py --database-url postgres://postgres@127.0.0.1:5432/hoinghi_smoke

`make smoke-prod` runs it (and `make test`, so CI does). It builds a throw-away installation the way
docs/deploy.md describes — its own database (dropped and created), media, static and var folders,
`check --deploy`, `migrate`, `collectstatic`, the demo data — starts gunicorn with
deploy/gunicorn.conf.py and one background worker, then talks to it as nginx would (loopback,
`X-Forwarded-Proto: https`) and as a browser would (CSRF, cookies). Any failed expectation stops it
with a non-zero exit code and the servers' logs.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
UNIT_USER = "donvi-bcvt"
DEMO_PASSWORD = "hoinghi-demo"  # noqa: S105 (the published demo password of seed_demo)


class SmokeFailure(AssertionError):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)
    print(f"  ok  {message}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url: str) -> None:
    """Drop and create a PostgreSQL database; SQLite files start empty in the temporary folder."""
    if not url.startswith("postgres"):
        return
    import psycopg2

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    server = {"host": parsed.hostname, "port": parsed.port or 5432, "user": parsed.username}
    admin = psycopg2.connect(**server, password=parsed.password, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def production_environment(database_url: str, workdir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hoinghi.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{port}",
        BEHIND_TLS_PROXY="true",
        DATABASE_URL=database_url,
        HOINGHI_VAR_DIR=str(workdir / "var"),
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        PUBLIC_BASE_URL=f"https://127.0.0.1:{port}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        LOG_LEVEL="INFO",
    )
    env.pop("DATABASE_CONN_MAX_AGE", None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    print(f"$ manage.py {' '.join(args)}")
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


class Browser:
    """Just enough of a browser: cookies by hand (they are Secure, and this is plain HTTP behind 'nginx')."""

    def __init__(self, base: str, forwarded_for: str = ""):
        self.base = base
        self.forwarded_for = forwarded_for
        self.cookies: dict[str, str] = {}
        self.set_cookie_headers: list[str] = []

    def request(self, path: str, *, data: dict | None = None, https: bool = True, follow: bool = False):
        headers = {"Host": urllib.parse.urlparse(self.base).netloc, "Accept-Language": "vi"}
        if self.forwarded_for:
            # What nginx sends: the client's own header (if any) with the address it saw appended.
            headers["X-Forwarded-For"] = self.forwarded_for
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = "https://" + headers["Host"]
            headers["Referer"] = "https://" + headers["Host"] + path
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            self.set_cookie_headers.append(header)
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        content = response.read()
        if follow and response.status in (301, 302):
            location = urllib.parse.urlparse(response.headers["Location"])
            return self.request(location.path + (f"?{location.query}" if location.query else ""), https=https)
        return response.status, response.headers, content


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_until_up(browser: Browser, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _, _ = browser.request("/healthz/", https=False)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SmokeFailure("gunicorn did not answer /healthz/ in time")


def check_site(browser: Browser, port: int) -> None:
    status, headers, body = browser.request("/healthz/", https=False)
    expect(status == 200 and json.loads(body) == {"status": "ok"}, "/healthz/ answers ok over plain HTTP")

    status, headers, _ = browser.request("/", https=False)
    expect(status == 301 and headers["Location"] == f"https://127.0.0.1:{port}/", "plain HTTP redirects to HTTPS")

    status, headers, _ = browser.request("/")
    expect(status == 302 and headers["Location"] == "/accounts/login/?next=/", "anonymous / goes to the login page")

    status, headers, body = browser.request("/accounts/login/")
    page = body.decode()
    expect(status == 200 and "Đăng nhập" in page, "the login page answers in Vietnamese")
    expect(headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", "HSTS for a year")
    expect(headers["X-Frame-Options"] == "DENY", "X-Frame-Options DENY")
    expect(headers["X-Content-Type-Options"] == "nosniff", "X-Content-Type-Options nosniff")
    expect(headers["Referrer-Policy"] == "same-origin", "Referrer-Policy same-origin")
    csp = headers["Content-Security-Policy"] or ""
    expect("script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0], "CSP without inline script")

    stylesheet = re.search(r'href="(/static/vendor/bootstrap/css/bootstrap\.min\.[0-9a-f]{12}\.css)"', page)
    expect(stylesheet is not None, "Bootstrap is linked under a hashed name (collectstatic manifest)")
    status, headers, css = browser.request(stylesheet.group(1))
    expect(status == 200 and len(css) > 100_000, "WhiteNoise serves the stylesheet")
    expect("max-age=315360000" in headers["Cache-Control"], "hashed static files are cached for ten years")

    token = browser.cookies.get("csrftoken", "")
    status, headers, _ = browser.request(
        "/accounts/login/",
        data={"username": UNIT_USER, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
    )
    expect(status == 302, f"{UNIT_USER} logs in through the form")
    session_cookie = next(h for h in browser.set_cookie_headers if h.startswith("sessionid="))
    expect("Secure" in session_cookie and "HttpOnly" in session_cookie, "the session cookie is Secure and HttpOnly")

    status, _, body = browser.request("/")
    expect(status == 200 and "Bưu chính" in body.decode(), "the dashboard shows the unit's own data")


def check_lockout_behind_proxy(base: str) -> None:
    """Five wrong passwords from one client address do not lock the owner out at another one."""
    attacker = Browser(base, forwarded_for="203.0.113.9")
    attacker.request("/accounts/login/")
    codes = [
        attacker.request(
            "/accounts/login/",
            data={"username": "vanphong", "password": "wrong", "csrfmiddlewaretoken": attacker.cookies["csrftoken"]},
        )[0]
        for _ in range(5)
    ]
    expect(codes == [200, 200, 200, 200, 429], "five wrong passwords from 203.0.113.9 lock vanphong out there")
    # The owner's browser sent no header of its own; the attacker's forged one names the owner.
    for label, forwarded_for in (("the owner", "198.51.100.7"), ("a forged header", "198.51.100.7, 203.0.113.9")):
        visitor = Browser(base, forwarded_for=forwarded_for)
        visitor.request("/accounts/login/")
        token = visitor.cookies["csrftoken"]
        status, _, _ = visitor.request(
            "/accounts/login/", data={"username": "vanphong", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
        )
        expected = 302 if label == "the owner" else 429
        expect(status == expected, f"through the proxy, {label} ({forwarded_for}) gets {expected}")


def check_background_export(browser: Browser) -> None:
    """The Excel export as a background job: queued by the web process, run by the worker, downloaded."""
    from io import BytesIO

    from openpyxl import load_workbook

    token = browser.cookies["csrftoken"]
    status, headers, _ = browser.request("/nominations/export/job/", data={"csrfmiddlewaretoken": token})
    job_path = headers.get("Location", "")
    expect(status == 302 and re.fullmatch(r"/jobs/\d+/", job_path) is not None, "the export is queued as a job")
    deadline = time.monotonic() + 60
    state = ""
    while time.monotonic() < deadline:
        _, _, fragment = browser.request(job_path + "progress/")
        state = re.search(r'data-status="(\w+)"', fragment.decode()).group(1)
        if state in ("done", "failed"):
            break
        time.sleep(0.5)
    expect(state == "done", f"the worker finished the job (status: {state})")
    status, headers, content = browser.request(job_path + "download/")
    expect(status == 200 and content[:2] == b"PK", "the generated workbook downloads")
    sheet = load_workbook(BytesIO(content), read_only=True).worksheets[0]
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    expect(any("Bưu chính" in cell for cell in cells), "the workbook holds the unit's nominations")


def run(database_url: str, keep: bool) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="hoinghi-smoke-"))
    port = free_port()
    env = production_environment(database_url, workdir, port)
    recreate_database(database_url)
    processes: list[subprocess.Popen] = []
    logs = {name: open(workdir / f"{name}.log", "w+b") for name in ("gunicorn", "worker")}  # noqa: SIM115
    try:
        manage(env, "check", "--deploy", "--fail-level", "WARNING")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "seed_demo")
        processes.append(
            subprocess.Popen(
                [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "hoinghi.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=logs["gunicorn"],
                stderr=subprocess.STDOUT,
            )
        )
        browser = Browser(f"http://127.0.0.1:{port}")
        processes.append(
            subprocess.Popen(
                [str(PYTHON), "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=logs["worker"],
                stderr=subprocess.STDOUT,
            )
        )
        wait_until_up(browser)
        print(f"gunicorn with production settings on 127.0.0.1:{port}, one background worker")
        check_site(browser, port)
        check_lockout_behind_proxy(browser.base)
        check_background_export(browser)
        print("smoke test passed")
        return 0
    except (SmokeFailure, subprocess.CalledProcessError) as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        for name, log in logs.items():
            log.seek(0)
            tail = log.read()[-3000:].decode(errors="replace")
            print(f"--- {name} log (last 3000 bytes) ---\n{tail}", file=sys.stderr)
        return 1
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs.values():
            log.close()
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="a database this test may drop and create")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, media, static)")
    args = parser.parse_args()
    return run(args.database_url, args.keep)


if __name__ == "__main__":
    sys.exit(main())
