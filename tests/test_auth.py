"""Signing in and out, login throttling, idle sessions and password reset, for staff."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.core import mail

from kpss import middleware
from tests.factories import PASSWORD, UserFactory
from tests.helpers import open_form, page_text


def sign_in(client, username, password, ip="203.0.113.5"):
    open_form(client, "/prihlaseni/", fields=["username", "password"], REMOTE_ADDR=ip)
    return client.post("/prihlaseni/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_page_is_czech(client, db):
    html = client.get("/prihlaseni/").content.decode()
    assert "<h1>Přihlášení</h1>" in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html


def test_member_signs_in_and_lands_on_what_waits_for_them(client, member_a):
    response = sign_in(client, member_a.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/sprava/"
    assert "_auth_user_id" in client.session


def test_wrong_password_gets_a_czech_message_and_keeps_the_username(client, member_a):
    response = sign_in(client, member_a.username, "spatne")
    assert response.status_code == 200
    html = page_text(response)
    assert "Zadejte správnou hodnotu pole uživatelské jméno a heslo" in html
    assert f'value="{member_a.username}"' in html


@pytest.mark.parametrize("url", ["/prihlaseni/", "/admin/login/"])
def test_an_overlong_username_is_refused_next_to_the_field_without_trying_to_sign_in(client, db, url):
    attempts = []
    user_login_failed.connect(lambda **kwargs: attempts.append(kwargs), weak=False, dispatch_uid="overlong")
    try:
        # 300 characters: past the User model's 150 and past django-axes' 255-character column,
        # which made this a 500 on PostgreSQL.
        open_form(client, url, fields=["username", "password"])
        response = client.post(url, {"username": "a" * 300, "password": "spatne"}, REMOTE_ADDR="203.0.113.5")
    finally:
        user_login_failed.disconnect(dispatch_uid="overlong")
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["Tato hodnota má mít nejvýše 150 znaků (nyní má 300)."]
    assert "nejvýše 150 znaků" in page_text(response)
    assert attempts == []
    assert not AccessAttempt.objects.exists()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_out_that_username_from_that_address(client, member_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, member_a.username, "spatne")
    response = sign_in(client, member_a.username, PASSWORD)
    assert response.status_code == 429
    html = page_text(response)
    assert "Přihlašování je dočasně zablokováno" in html
    assert "15 minut" in html
    assert "_auth_user_id" not in client.session


def test_lockout_does_not_block_the_same_user_from_another_address(client, member_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, member_a.username, "spatne", ip="203.0.113.5")
    response = sign_in(client, member_a.username, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302


def test_lockout_behind_a_proxy_uses_the_address_the_proxy_saw(client, member_a, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    open_form(client, "/prihlaseni/", fields=["username", "password"])
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # A client cannot escape the lockout by forging the left part of X-Forwarded-For.
        client.post("/prihlaseni/", {"username": member_a.username, "password": "spatne"},
                    HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 203.0.113.5", REMOTE_ADDR="127.0.0.1")
    response = client.post("/prihlaseni/", {"username": member_a.username, "password": PASSWORD},
                           HTTP_X_FORWARDED_FOR="203.0.113.5", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 429


def test_sign_out_needs_post_and_ends_the_session(client_as, member_a):
    client = client_as(member_a)
    assert client.get("/odhlaseni/").status_code == 405
    response = client.post("/odhlaseni/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_idle_session_is_signed_out(client_as, member_a, monkeypatch, settings):
    client = client_as(member_a)
    now = 1_800_000_000.0
    monkeypatch.setattr(middleware.time, "time", lambda: now)
    client.get("/")
    now += settings.STAFF_IDLE_TIMEOUT.total_seconds() - 60
    assert client.get("/").wsgi_request.user.is_authenticated
    now += settings.STAFF_IDLE_TIMEOUT.total_seconds() - 60
    assert client.get("/").wsgi_request.user.is_authenticated, "activity must extend the session"
    now += settings.STAFF_IDLE_TIMEOUT.total_seconds() + 1
    response = client.get("/")
    assert not response.wsgi_request.user.is_authenticated
    assert "Byli jste odhlášeni" in response.content.decode()


def request_reset(client, email, ip="203.0.113.5"):
    open_form(client, "/zapomenute-heslo/", fields=["email"], REMOTE_ADDR=ip)
    return client.post("/zapomenute-heslo/", {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_by_email_end_to_end(client, db, tasks, settings):
    user = UserFactory(email="clen@example.cz")
    response = request_reset(client, "clen@example.cz")
    assert response["Location"] == "/zapomenute-heslo/odeslano/"
    assert mail.outbox == []  # sent by the worker, not inside the request
    # The task gets the account's key and the language; the link is made by the worker, never queued.
    [queued] = tasks.backend.results
    assert (queued.task.name, queued.args) == ("send_password_reset", [user.pk, "cs"])
    tasks.run_all()
    [message] = mail.outbox
    assert message.to == ["clen@example.cz"]
    assert "Obnovení hesla" in message.subject
    link = re.search(rf"{re.escape(settings.SITE_URL)}(/obnova-hesla/\S+/)", message.body).group(1)

    form_url = client.get(link)["Location"]
    open_form(client, form_url, fields=["new_password1", "new_password2"])
    new_password = "nove-bezpecne-heslo-42"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == "/obnova-hesla/hotovo/"
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert "Tento odkaz už neplatí" in page_text(client.get(link))  # a link serves once


def test_password_reset_does_not_reveal_unknown_addresses(client, db, tasks):
    response = request_reset(client, "nikdo@example.cz")
    assert response["Location"] == "/zapomenute-heslo/odeslano/"
    assert tasks.names == []
    assert mail.outbox == []


def test_password_reset_is_throttled_per_address_and_answers_the_same(client, db, tasks, settings):
    assert settings.PASSWORD_RESET_LIMIT_PER_HOUR == 3
    UserFactory(email="clen@example.cz")
    UserFactory(email="jiny@example.cz")
    # Other spellings of the address count as the same, and changing the client address does not help.
    for n, spelling in enumerate(["clen@example.cz", "CLEN@example.cz", " Clen@Example.cz "]):
        assert request_reset(client, spelling, ip=f"203.0.113.{n}")["Location"] == "/zapomenute-heslo/odeslano/"
    assert tasks.names == ["send_password_reset"] * 3
    fourth = request_reset(client, "clen@example.cz", ip="198.51.100.7")
    assert fourth.status_code == 302
    assert fourth["Location"] == "/zapomenute-heslo/odeslano/"
    assert tasks.names == ["send_password_reset"] * 3
    request_reset(client, "jiny@example.cz")
    assert tasks.names == ["send_password_reset"] * 4
    tasks.run_all()
    assert len(mail.outbox) == 4


def test_the_reset_task_sends_nothing_to_an_account_deactivated_meanwhile(client, db, tasks):
    user = UserFactory(email="clen@example.cz")
    request_reset(client, "clen@example.cz")
    user.is_active = False
    user.save(update_fields=["is_active"])
    tasks.run_all()
    assert mail.outbox == []


@pytest.mark.parametrize("url", ["/zmena-hesla/", "/admin/"])
def test_staff_pages_send_the_public_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "prihlaseni" in response["Location"] or "/admin/login/" in response["Location"]
