# ruff: noqa: S603, S607 (a benchmark runs createdb, manage.py and gunicorn with fixed arguments)
"""Shared by the HTTP benchmarks: a province-scale PostgreSQL database, gunicorn started with the
project's own ``deploy/gunicorn.conf.py`` and the production settings, and a logged-in browser.

    from bench.http_support import ScaleDatabase, Gunicorn, Browser, percentiles

- ``ScaleDatabase(name).ensure(units=…, nominations=…, history=…)`` creates (or, with ``reuse``,
  keeps) the database, migrates it and runs ``seed_scale``; ``ensure_user`` adds an Office
  account with a password (the seeded unit accounts have none).
- ``Gunicorn(env).start()`` runs ``gunicorn -c deploy/gunicorn.conf.py hoinghi.wsgi`` on a free
  port with ``hoinghi.settings`` (DEBUG off, a fresh SECRET_KEY, ALLOWED_HOSTS, no TLS redirect:
  the requests carry ``X-Forwarded-Proto: https`` as nginx's would, as in ``deploy/smoke.py``)
  after ``collectstatic`` into a temporary folder.
- ``Browser(base).login(username, password)`` logs in through the login form (CSRF cookie and
  token, then the session cookie) and ``timed_get(path)`` returns (seconds, status, body).
  Every request is a new TCP connection to loopback, one at a time (gunicorn's sync workers
  close the connection after each answer): "one connection" in the sense of one client.
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PG = ["-h", "127.0.0.1", "-U", "postgres"]


def percentiles(timings: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in ms (nearest rank)."""
    ordered = sorted(timings)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))] * 1000

    return rank(50), rank(95), rank(99)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def loadavg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def production_env(database_url: str, workdir: Path, port: int, **extra: str) -> dict[str, str]:
    """The environment of a production start on loopback (docs/deploy.md; Makefile smoke-prod)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hoinghi.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{port}",
        BEHIND_TLS_PROXY="true",
        DATABASE_URL=database_url,
        HOINGHI_VAR_DIR=str(workdir / "var"),
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        PUBLIC_BASE_URL=f"https://127.0.0.1:{port}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG=str(workdir / "access.log"),
        GUNICORN_ERROR_LOG=str(workdir / "error.log"),
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
        **extra,
    )
    env.pop("DATABASE_CONN_MAX_AGE", None)
    return env


class ScaleDatabase:
    """A PostgreSQL database with the ``seed_scale`` data set, made once and reused on request."""

    def __init__(self, name: str):
        self.name = name
        self.url = f"postgres://postgres@127.0.0.1:5432/{name}"

    def _exists(self) -> bool:
        out = subprocess.run(["psql", *PG, "-Atc", "SELECT datname FROM pg_database"], capture_output=True, text=True)
        return self.name in out.stdout.split()

    def _seeded(self) -> bool:
        query = "SELECT count(*) FROM reference_conference WHERE slug = 'scale'"
        out = subprocess.run(["psql", *PG, "-d", self.name, "-Atc", query], capture_output=True, text=True)
        return out.returncode == 0 and out.stdout.strip() == "1"

    def ensure(self, *, units: int, nominations: int, history: int, reuse: bool) -> bool:
        """True when it had to build the data set; migrates in any case (new migrations apply)."""
        env = {**os.environ, "DATABASE_URL": self.url, "DJANGO_SETTINGS_MODULE": "hoinghi.settings"}
        build = not (reuse and self._exists() and self._seeded())
        if build:
            subprocess.run(["dropdb", *PG, "--if-exists", self.name], check=True)
            subprocess.run(["createdb", *PG, self.name], check=True)
        subprocess.run([str(PYTHON), "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        if build:
            sizes = ["--units", str(units), "--nominations", str(nominations), "--history", str(history)]
            start = time.perf_counter()
            subprocess.run(
                [str(PYTHON), "manage.py", "seed_scale", *sizes, "--delegates", "60"], cwd=ROOT, env=env, check=True
            )
            print(f"seed_scale: {time.perf_counter() - start:.0f} s")
        return build


class Gunicorn:
    """gunicorn -c deploy/gunicorn.conf.py hoinghi.wsgi, with production settings, on a free port."""

    def __init__(self, database_url: str, **extra_env: str):
        self.workdir = Path(tempfile.mkdtemp(prefix="hoinghi-bench-http-"))
        self.port = free_port()
        self.env = production_env(database_url, self.workdir, self.port, **extra_env)
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "Gunicorn":
        subprocess.run(
            [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=self.env, check=True
        )
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "hoinghi.wsgi"], cwd=ROOT, env=self.env
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if Browser(self.base).get("/healthz/", https=False)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz/")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> "Gunicorn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class Browser:
    """Cookies by hand (they are Secure; this is plain HTTP behind "nginx"), one request at a time."""

    def __init__(self, base: str):
        self.base = base
        parsed = urllib.parse.urlparse(base)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.cookies: dict[str, str] = {}

    def get(self, path: str, *, https: bool = True) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, https=https)

    def request(
        self, method: str, path: str, *, data: dict | None = None, https: bool = True
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "vi"}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{headers['Host']}"
            headers["Referer"] = f"https://{headers['Host']}{path}"
        connection = HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.headers.items()), content
        finally:
            connection.close()

    def timed_get(self, path: str) -> tuple[float, int, bytes]:
        start = time.perf_counter()
        status, _, body = self.get(path)
        return time.perf_counter() - start, status, body

    def login(self, username: str, password: str) -> None:
        """Through the login form, as a person would: the CSRF cookie and token, then a session."""
        status, _, body = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or token is None:
            raise RuntimeError(f"no login form ({status})")
        status, headers, _ = self.request(
            "POST",
            "/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token.group(1).decode()},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login refused ({status}, {headers.get('Location')})")


def main_guard() -> None:
    if not GUNICORN.exists():
        sys.exit(f"{GUNICORN} is missing: make setup")
