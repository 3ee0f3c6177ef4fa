"""`make run`'s development server never exhausts PostgreSQL (docs/deploy.md, "Database connections").

Found from outside: `manage.py runserver` on PostgreSQL kept one database connection per request
thread (CONN_MAX_AGE=60), and a thread lives as long as its browser keeps the HTTP connection
alive, until PostgreSQL answered "too many clients" and the login page failed with a 500.
"""

import http.client
import os
import socket
import subprocess  # nosec B404 (the test starts the project's own manage.py)
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="counts PostgreSQL's own connections"),
]

ROOT = Path(settings.BASE_DIR)
KEPT_ALIVE = 15  # browsers' HTTP connections kept open at once (well under the shared max_connections)
REQUESTS = 150
# A returning browser's expired session: the login page then looks the session up in the database.
EXPIRED_SESSION = "sessionid=" + "x" * 32


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# What `make run` gives runserver (DEBUG=true, the real settings); and runserver with DEBUG off
# (plain HTTP, static files from their folders), which must not leak either.
MAKE_RUN = {"DEBUG": "true"}
RUNSERVER_WITHOUT_DEBUG = {
    "DEBUG": "false",
    "SECRET_KEY": "runserver-test-only-7Hq2vX9pL4mZ8rT1wK6nB3cY5dF0gJaQeRsUtVw",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "STATIC_MANIFEST": "false",
}


def _server_environment(variables: dict[str, str]) -> dict[str, str]:
    """The real settings with ``variables``, on the test's PostgreSQL database."""
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        variables,
        DJANGO_SETTINGS_MODULE="hoinghi.settings",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        DATABASE_CONN_MAX_AGE="60",  # an operator's production value does not make runserver leak
    )
    return env


def _wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)  # waiting for the server to start listening, not for a result
    raise AssertionError("runserver did not start")


def _server_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )
        return cursor.fetchone()[0]


@pytest.fixture(params=[MAKE_RUN, RUNSERVER_WITHOUT_DEBUG], ids=["make-run", "debug-off"])
def dev_server(request, tmp_path):
    port = _free_port()
    log = tmp_path / "runserver.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603  # nosec B603
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=_server_environment(request.param),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(port, server, log)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_runserver_keeps_no_database_connection_per_browser(dev_server):
    browsers = [http.client.HTTPConnection("127.0.0.1", dev_server, timeout=30) for _ in range(KEPT_ALIVE)]
    statuses = []
    try:
        for number in range(REQUESTS):
            browser = browsers[number % KEPT_ALIVE]
            browser.request("GET", "/accounts/login/", headers={"Cookie": EXPIRED_SESSION, "Accept-Language": "vi"})
            response = browser.getresponse()
            body = response.read().decode()
            statuses.append((response.status, "Đăng nhập" in body))
        # Every browser still holds its HTTP connection (and so its server thread) open.
        held = _server_connections()
    finally:
        for browser in browsers:
            browser.close()
    assert statuses == [(200, True)] * REQUESTS
    assert held <= 1  # at most the last request's connection, closed right after its response


def test_production_settings_keep_persistent_checked_connections():
    """gunicorn (DEBUG off, not runserver) keeps connections 60 s and checks them before reuse."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hoinghi.settings",
        DEBUG="false",
        SECRET_KEY="settings-check-only-7Hq2vX9pL4mZ8rT1wK6nB3cY5dF0gJaQeRsUtVw",
        ALLOWED_HOSTS="hoinghi.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/hoinghi",
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    output = subprocess.run(  # noqa: S603  # nosec B603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert output == "60 True\n"
