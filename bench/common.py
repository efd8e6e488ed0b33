"""What the benchmarks share: Django set up as in the tests, a throw-away seeded database, timing.

Import this first in a bench script: it puts the project on the path and sets Django up.
"""

import contextlib
import io
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def prepare():
    """As in production and in the tests: no query log growing in the background (it would also be
    cleared at each request start and spoil the count), plain static names (the hashed ones need
    collectstatic first), and tasks kept in memory instead of run."""
    setup_test_environment(debug=False)
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise: no collectstatic here
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@contextlib.contextmanager
def demo_database(scale):
    """A throw-away test database (SQLite in memory, or PostgreSQL's test_<name>) with the demo town
    at `scale`, dropped afterwards."""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", scale=scale, force=True, no_pdf=True, stdout=io.StringIO())
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.settings_dict["NAME"] = old_name


def timed(call, repeat):
    """Median and 95th percentile in ms of `call()`, and the queries of one call after a warm-up."""
    call()
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        call()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], len(queries)


def timed_side_by_side(calls, repeat):
    """{name: (median ms, p95 ms, queries)} of several calls measured in alternation, a round of each
    at a time, so that a ratio between them is not skewed by what the machine did meanwhile."""
    queries = {}
    for name, call in calls.items():
        call()
        log = []
        with connection.execute_wrapper(lambda execute, sql, *args, log=log: log.append(sql) or execute(sql, *args)):
            call()
        queries[name] = len(log)
    timings = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - start) * 1000)
    results = {}
    for name, values in timings.items():
        values.sort()
        results[name] = statistics.median(values), values[int(0.95 * (len(values) - 1))], queries[name]
    return results
