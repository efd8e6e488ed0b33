"""With the database unreachable, /healthz and every page answer 503 within seconds, in Czech.

The subprocess tests run the portal's request handling (Django's test client in `manage.py shell`)
against a PostgreSQL address where nothing listens, as production would meet a database that is
down; before the pool's timeout was shortened each request waited 10 seconds and pages answered 500.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.utils import translation

from kpss import views
from kpss.models import SiteSettings
from tests.helpers import page_text

BASE_DIR = Path(__file__).resolve().parent.parent

# Hashed static names need collectstatic, which has nothing to do with the database.
PROBE = """
import json, time
from django.conf import settings
from django.test import Client, override_settings

storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
answers = {}
with override_settings(STORAGES=storages):
    client = Client(raise_request_exception=False)
    for name, path, cookies in [("healthz", "/healthz", {}), ("home", "/", {}),
                                ("signed in", "/plany/", {settings.SESSION_COOKIE_NAME: "a-session-key"})]:
        client.cookies.clear()
        for cookie, value in cookies.items():
            client.cookies[cookie] = value
        began = time.monotonic()
        response = client.get(path, secure=True)
        answers[name] = {"status": response.status_code, "seconds": time.monotonic() - began,
                         "retry_after": response.get("Retry-After"), "page": response.content.decode()}
print("ANSWERS" + json.dumps(answers))
"""


def czech(message):
    with translation.override("cs"):
        return translation.gettext(message)


@pytest.mark.parametrize("pool", ["1", "0"], ids=["with the pool", "without the pool"])
def test_the_portal_fails_fast_with_a_czech_503_when_the_database_is_down(pool):
    environment = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(DATABASE_URL="postgres://postgres@127.0.0.1:1/none", DB_POOL=pool, DEBUG="0",
                       SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
                       ALLOWED_HOSTS="testserver")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", PROBE], cwd=BASE_DIR, env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.split("ANSWERS", 1)[1])
    for name, answer in answers.items():
        assert answer["status"] == 503, name
        assert answer["seconds"] < 3, f"{name} took {answer['seconds']:.1f} s"
    assert answers["healthz"]["page"] == "database unavailable\n"
    for name in ("home", "signed in"):
        page = answers[name]["page"].replace("\u00a0", " ")
        assert answers[name]["retry_after"] == "60"
        assert '<html lang="cs">' in page
        assert f"<h1>{czech('Temporarily unavailable')}</h1>" in page
        assert czech("The portal cannot reach its database at the moment. Please try again in a few minutes.") in page


class UnreachablePlans:
    def __init__(self, error):
        self.error = error

    @property
    def objects(self):
        raise self.error("connection refused")


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_error_gives_the_503_page_without_another_query(db, monkeypatch, django_assert_num_queries, error):
    monkeypatch.setattr(views, "Plan", UnreachablePlans(error))
    SiteSettings.get_solo()
    with django_assert_num_queries(1):  # the site settings the language middleware reads, none after the error
        response = Client(raise_request_exception=False).get("/?x=1")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-cache" in response["Cache-Control"]
    html = page_text(response)
    assert f"<h1>{czech('Temporarily unavailable')}</h1>" in html
    assert '<a href="/">' in html


def test_other_errors_still_give_the_500_page(db, monkeypatch):
    monkeypatch.setattr(views, "Plan", UnreachablePlans(RuntimeError))
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "<h1>Chyba serveru</h1>" in page_text(response)
    assert "Retry-After" not in response
