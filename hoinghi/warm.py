"""Warm a web worker before it takes traffic (gunicorn's ``post_worker_init``, deploy/gunicorn.conf.py).

A fresh worker pays on its first requests for everything Django does lazily: importing the
URLconfs and views, building the URL resolver, compiling templates, loading the translation
catalogues and the static files' manifest, opening the database connection. That first request
cost 350–570 ms. ``warm`` does it all once, before the worker accepts a connection, and ends with
internal requests through the WSGI application itself (the health check and the login page, both
anonymous), so the middleware stack, the context processors and ``base.html`` have run once.
Last, it freezes the heap it built (``_freeze_heap``), so that full garbage collections stop
walking it.
docs/performance.md ("Warm workers") has the measurement.
"""

import gc
import io
import logging
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# Internal requests run through the WSGI application: the health check (database, middleware)
# and the login page (a full template on base.html, the context processors, CSRF, the catalogue).
WARM_PATHS = ("/healthz/", "/accounts/login/")


def _import_urls() -> int:
    """Import every URLconf and view (the resolver imports the included modules) and build reverse's map."""
    from django.urls import get_resolver

    resolver = get_resolver()

    def walk(patterns: Iterable[Any]) -> int:
        count = 0
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                count += walk(pattern.url_patterns)
            else:
                count += 1
        return count

    count = walk(resolver.url_patterns)
    from django.conf import settings
    from django.utils import translation

    for code, _name in settings.LANGUAGES:  # the reverse map is built per language (Vietnamese first)
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018  # builds this language's map, as reverse() would
            _reverse_in_namespaces(resolver, "")
    return count


def _reverse_in_namespaces(resolver: Any, prefix: str) -> None:
    """Reverse one name in every namespace ("admin:…", "nominations:…"), nested ones included.

    ``reverse`` builds and caches a resolver per namespace on its first use (``get_ns_resolver``);
    the admin's took 60 ms on a worker's first request.
    """
    from django.urls import NoReverseMatch, reverse

    for namespace, (_pattern, sub) in resolver.namespace_dict.items():
        path = f"{prefix}{namespace}:"
        name = next((key for key in sub.reverse_dict if isinstance(key, str)), None)
        if name is not None:
            with suppress(NoReverseMatch):  # a name that needs arguments: the namespace's resolver is built anyway
                reverse(path + name)
        _reverse_in_namespaces(sub, path)


def _template_names() -> list[str]:
    """The project's own templates (templates/ and the project apps' templates folders)."""
    from django.conf import settings

    base = Path(settings.BASE_DIR)
    dirs: list[str] = list(settings.TEMPLATES[0]["DIRS"])  # type: ignore[call-overload]  # settings are untyped
    folders = [Path(folder) for folder in dirs]
    folders += [p for p in base.glob("*/templates") if p.is_dir() and not p.parent.name.startswith(".")]
    names: set[str] = set()
    for folder in folders:
        names.update(str(path.relative_to(folder)) for path in folder.rglob("*.html"))
    return sorted(names)


def _compile_templates() -> int:
    """Load and compile each template once: the cached loader (DEBUG off) keeps them for the worker's life."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    compiled = 0
    for name in _template_names():
        try:
            get_template(name)
            compiled += 1
        except (TemplateDoesNotExist, TemplateSyntaxError):  # a fragment meant for another engine
            logger.debug("warm: template %s not compiled", name)
    return compiled


def _host() -> str:
    from django.conf import settings

    for host in settings.ALLOWED_HOSTS:
        if host != "*":
            return host.lstrip(".")
    return "localhost"


def _request(app: Callable, path: str) -> str:
    """One GET through the WSGI application, as over HTTPS (no redirect to it); the status line."""
    host = _host()
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status: list[str] = []

    def start_response(line: str, headers: list, exc_info: Any = None) -> Callable:
        status.append(line)
        return lambda data: None

    result = app(environ, start_response)
    try:
        for _chunk in result:
            pass
    finally:
        if hasattr(result, "close"):
            result.close()
    return status[0] if status else "no answer"


def warm(app: Callable | None = None) -> dict[str, Any]:
    """Warm this process; what was done, with the time it took (for the log)."""
    started = time.perf_counter()
    from django.apps import apps
    from django.db import connection

    if app is None:
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
    for model in apps.get_models():
        model._meta.get_fields()  # the field caches every first query of a model would build
    report: dict[str, Any] = {"urls": _import_urls(), "templates": _compile_templates()}
    connection.ensure_connection()
    report["requests"] = {path: _request(app, path) for path in WARM_PATHS}
    report["frozen"] = _freeze_heap()
    report["seconds"] = round(time.perf_counter() - started, 3)
    return report


def _freeze_heap() -> int:
    """Move everything loaded so far out of the garbage collector's reach (``gc.freeze``); how many objects.

    A warmed worker holds a few hundred thousand long-lived objects (modules, compiled templates,
    URL patterns, model metadata). Every full collection walked them all: ~100 ms, on one request
    in about forty (measured: docs/performance.md, "Warm workers"). Frozen, they are still freed
    by reference counting if ever released, but no collection visits them again.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
