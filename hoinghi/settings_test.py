"""Test settings: the real settings with fast hashing, plain static storage, temp media.

The database comes from DATABASE_URL like everywhere else (PostgreSQL in CI, and once
more on SQLite); see .ci/run.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")

from hoinghi.settings import *  # noqa: E402,F403

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405 (no connection outlives a test: clean teardown)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Background jobs run inside enqueue(), so a test sees the finished job at once.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hoinghi-test-media-"))
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["*"]
LANGUAGE_CODE = "vi"
# Serve static files from the finders (node_modules, static/) without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Two-factor login is off for the suite's personas; tests/accounts/test_two_factor.py turns it on
# with the production default through @override_settings.
TWO_FACTOR_REQUIRED_ROLES = []
# The permission matrix asks every API route many times from one address: the limits are tested
# on their own (tests/api/test_limits.py) with small rates set there.
API_RATES = {"per_token": "100000/minute", "per_address": "100000/minute"}  # nosec B105 (request rates, not secrets)

# The secret ballot's Paillier keys (awards/ballot_crypto.py): 1024 bits keep the suite fast; 2048 in use.
AWARDS_BALLOT_KEY_BITS = 1024

# Print batches render in this process; tests/jobs/test_tasks.py runs the parallel path with 2.
PDF_PROCESSES = 1
