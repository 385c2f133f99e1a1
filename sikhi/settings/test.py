"""Test settings: whatever database DATABASE_URL names (SQLite by default), fast hashing, locmem e-mail."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, TASK_QUEUES, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Jobs run at once, in the caller (after commit, as queued); the worker tests use the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
STORAGES = {
    "default": {"BACKEND": "sikhi.storage.PrivateStorage"},
    "private": {"BACKEND": "sikhi.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Rate limiting and lock-outs live in the cache: keep them per test process, cleared per test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Each test run gets its own database (two runs at once must not share one); the name is put in the
# environment so that processes the tests start (live servers) use the same one.
_run = os.environ.setdefault("SIKHI_TEST_RUN_ID", str(os.getpid()))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not ":memory:", so that several threads (concurrency tests, the sweep) share it
    # and honour IMMEDIATE transactions and the busy timeout.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{_run}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": env("SIKHI_TEST_DB_NAME", default=f"test_sikhi_{_run}")}

MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405

# Concurrent test runs share one Redis: each run gets its own channel-layer prefix.
if "BACKEND" in CHANNEL_LAYERS["default"] and CHANNEL_LAYERS["default"]["BACKEND"].startswith("channels_redis"):  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test{_run}"  # noqa: F405
