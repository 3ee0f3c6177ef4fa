"""gunicorn settings for hoinghi (docs/deploy.md). Every value can be overridden by environment.

    gunicorn -c deploy/gunicorn.conf.py hoinghi.wsgi

Synchronous workers: the application's long work (certificate batches, exports, imports) runs in
the background worker (`manage.py db_worker`), so a request never holds a worker for long.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak in a library can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# nginx on the same machine terminates TLS and sets X-Forwarded-Proto (BEHIND_TLS_PROXY=true).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "hoinghi"
# Each worker warms itself before it accepts a connection (hoinghi/warm.py: URLconfs and views
# imported, templates compiled, catalogues loaded, the database connection open, internal requests
# through the application): the first request after a restart costs what a later one does.
# GUNICORN_WARM=false skips it. preload_app stays off: the code is imported in each worker, so a
# reload (HUP) picks up new code, and nothing (no database connection) is opened before the fork
# (docs/performance.md, "Warm workers").
warm_workers = os.environ.get("GUNICORN_WARM", "true").lower() not in {"false", "0", "no"}


def post_worker_init(worker):
    """gunicorn calls this in a new worker once the application is loaded, before it serves."""
    if not warm_workers:
        return
    from hoinghi.warm import warm

    try:
        report = warm(worker.wsgi)
    except Exception:  # a failed warm-up must not stop the worker: it then warms on its first requests
        worker.log.exception("warm-up failed")
        return
    worker.log.info("worker %s warm in %.2f s: %s", worker.pid, report["seconds"], report)
