"""The deployment kit: the health check and the gunicorn settings file (docs/deploy.md).

The full production smoke test (gunicorn, WhiteNoise, the worker, DEBUG off) is deploy/smoke.py,
run by `make smoke-prod` as part of `make test`.
"""

import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError

pytestmark = pytest.mark.django_db

GUNICORN_CONF = Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"


def test_healthz_answers_ok_with_one_query(anon_client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = anon_client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_fails(anon_client):
    with mock.patch("hoinghi.views.connection.cursor", side_effect=OperationalError("down")):
        response = anon_client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "database"}


def test_healthz_refuses_post(anon_client):
    assert anon_client.post("/healthz/").status_code == 405


def test_healthz_is_exempt_from_the_https_redirect():
    assert settings.SECURE_REDIRECT_EXEMPT == [r"^healthz/$"]


def test_gunicorn_settings_read_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9123")
    monkeypatch.setenv("GUNICORN_WORKERS", "4")
    conf = runpy.run_path(str(GUNICORN_CONF))
    assert (conf["bind"], conf["workers"], conf["timeout"], conf["forwarded_allow_ips"]) == (
        "127.0.0.1:9123",
        4,
        60,
        "127.0.0.1",
    )
