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
