"""A gunicorn worker warms itself before it serves (hoinghi/warm.py, deploy/gunicorn.conf.py)."""

import gc
import runpy
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import get_resolver
from django.urls.resolvers import get_ns_resolver

from hoinghi.warm import WARM_PATHS, _template_names, warm

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_warm_imports_the_urls_compiles_the_templates_and_answers_its_requests():
    # As Django's test client does: the test's transaction must survive the internal requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    get_ns_resolver.cache_clear()
    try:
        report = warm()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()  # the test process's heap goes back to the collector
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert report["requests"] == {"/healthz/": "200 OK", "/accounts/login/": "200 OK"}
    assert report["urls"] > 100
    assert report["templates"] == len(_template_names())
    assert "conference/checkin/_results.html" in _template_names()
    assert "base.html" in _template_names()
    assert WARM_PATHS == ("/healthz/", "/accounts/login/")
    # The heap it built is out of the collector's reach; every language's reverse map and every
    # namespace's resolver ("admin:…" and the apps') are built.
    assert report["frozen"] > 50_000 and frozen > 50_000
    assert set(get_resolver()._reverse_dict) >= {"vi", "en"}
    namespaces = set(get_resolver().namespace_dict)
    assert "admin" in namespaces
    assert get_ns_resolver.cache_info().currsize >= len(namespaces)


def test_gunicorn_config_warms_each_worker_and_does_not_preload(monkeypatch):
    monkeypatch.delenv("GUNICORN_WARM", raising=False)
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert callable(config["post_worker_init"]) and config["warm_workers"] is True
    assert "preload_app" not in config
    monkeypatch.setenv("GUNICORN_WARM", "false")
    assert runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["warm_workers"] is False
