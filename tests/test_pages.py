"""The public pages: Czech, with the navigation and the coordinator's contact on each."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.helpers import open_form, page_text

NAVIGATION = ["Plány", "Skupiny", "Připomínky", "Podněty", "Katalog poskytovatelů", "Dokumenty"]
PUBLIC_URLS = ["/", "/plany/", "/skupiny/", "/pripominky/", "/podnety/", "/podnety/novy/", "/katalog/", "/dokumenty/",
               "/prohlaseni-o-pristupnosti/", "/prihlaseni/"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_has_header_navigation_and_footer_in_czech(client, town, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == "cs"
    html = response.content.decode()
    assert '<html lang="cs">' in html
    assert "Město Lipovec" in html
    for label in NAVIGATION:
        assert f">{label}</a>" in html
    assert "Mgr. Jana Nováková" in html
    assert 'href="mailto:kpss@lipovec.example"' in html
    assert 'href="/prohlaseni-o-pristupnosti/"' in html


def test_browser_language_does_not_override_czech(client, town):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "cs"
    assert "Co je komunitní plánování?" in response.content.decode()


def test_chosen_language_is_remembered(client, town):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/plany/"})
    assert response.status_code == 302
    response = client.get("/plany/")
    assert response["Content-Language"] == "en"
    assert "<h1>Plans</h1>" in response.content.decode()


def test_home_explains_community_planning_and_lists_what_is_current(client, town):
    html = client.get("/").content.decode()
    assert "Co je komunitní plánování?" in html
    for section in ["Platné plány", "Otevřená připomínková řízení", "Nadcházející jednání"]:
        assert section in html


def test_home_shows_the_coordinators_intro_as_paragraphs(client, town):
    town.intro = "První odstavec o plánování v obci.\n\nDruhý odstavec."
    town.save()
    html = client.get("/").content.decode()
    assert "<p>První odstavec o\u00a0plánování v\u00a0obci.</p>" in html
    assert "<p>Druhý odstavec.</p>" in html


def test_accessibility_statement_has_the_parts_the_law_requires(client, town):
    town.accessibility_exceptions = "Přílohy v PDF z let 2015–2018 nejsou strojově čitelné."
    town.save()
    response = client.get("/prohlaseni-o-pristupnosti/")
    for part in ["Stav souladu", "Nepřístupný obsah", "Vypracování tohoto prohlášení",
                 "Zpětná vazba a kontaktní údaje", "Postupy pro vymáhání", "zákonem č. 99/2019 Sb."]:
        assert part in page_text(response)
    html = response.content.decode()
    assert "částečně v\u00a0souladu" in html
    assert "Přílohy v\u00a0PDF z\u00a0let 2015–2018" in html


def test_unknown_page_is_a_czech_404(client, town, settings):
    settings.DEBUG = False
    response = client.get("/neexistujici-stranka/")
    assert response.status_code == 404
    assert "Stránka nenalezena" in response.content.decode()


def test_server_error_page_is_czech_and_needs_no_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Chyba serveru" in response.content.decode()


def test_every_page_gets_czech_typography_but_form_fields_keep_what_was_typed(client, town, group_b):
    assert "Pracovní skupina Rodiny s\u00a0dětmi" in client.get("/skupiny/").content.decode()
    assert "otevřen k\u00a0připomínkám" in client.get("/").content.decode()
    open_form(client, "/prihlaseni/", fields=["username"])
    html = client.post("/prihlaseni/", {"username": "a v textu", "password": "x"}).content.decode()
    assert 'value="a v textu"' in html


def test_unknown_language_in_the_cookie_falls_back_to_czech(client, town, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/")["Content-Language"] == "cs"


def test_the_page_title_names_the_page_and_the_town(client, town):
    """WCAG 2.4.2: each page's title says what it is and where (it read "PlányMěsto Lipovec")."""
    html = client.get("/plany/").content.decode()
    assert "<title>Plány – Město Lipovec</title>" in html


class TestNotFoundPageWithDebug:
    """The demo runs with DEBUG on, and its visitors see the portal's Czech 404 page, not Django's."""

    @pytest.fixture(autouse=True)
    def _debug(self, settings):
        settings.DEBUG = True

    def test_an_unknown_address_shows_our_page(self, client, town):
        response = client.get("/neexistujici-stranka/")
        assert response.status_code == 404
        assert "Stránka nenalezena" in response.content.decode()
        assert "Using the URLconf" not in response.content.decode()
        assert response.headers["X-Frame-Options"] == "DENY"

    def test_an_object_that_does_not_exist_shows_our_page(self, client, town):
        response = client.get(reverse("planning:plan_detail", args=["neexistuje"]))
        assert response.status_code == 404
        assert "Stránka nenalezena" in response.content.decode()

    def test_a_setting_brings_back_djangos_technical_page(self, client, settings, db):  # the site settings are read
        settings.DEBUG_TECHNICAL_404 = True
        response = client.get("/neexistujici-stranka/")
        assert response.status_code == 404
        assert "Using the URLconf" in response.content.decode()
