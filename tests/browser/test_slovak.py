"""The Slovak demo (seed_demo --country sk) in a real browser: its home, plan and comment pages are in
Slovak, say so with lang="sk", and pass axe."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from planning.models import CommentRound, Plan
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def slovak_demo(db, settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--country", "sk", "--no-pdf", stdout=io.StringIO())
    settings.DEBUG = False


def test_the_slovak_demo_is_in_slovak_and_accessible(page, slovak_demo):
    plan = Plan.objects.get(slug="kpss-2026-2030")
    round_ = CommentRound.objects.get(plan=plan)
    pages = [
        ("/", "Mikroregión Pod Javorom"),
        ("/plany/", "Plány"),
        (plan.get_absolute_url(), plan.title),
        ("/pripominky/", "Pripomienky"),
        (f"/pripominky/{round_.pk}/", round_.title),
        (f"/pripominky/{round_.pk}/vyporadani/", "Vysporiadanie pripomienok"),
        ("/prohlaseni-o-pristupnosti/", "Vyhlásenie o prístupnosti"),
    ]
    for url, heading in pages:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", "sk")
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_accessible(page)
    page.goto(plan.get_absolute_url())
    expect(page.get_by_text("Komunitný plán sociálnych služieb", exact=True)).to_be_visible()  # the kind, by SK law
    expect(page.locator("#approval")).to_contain_text("Verzia 2: schválilo 4 z 6 orgánov.")
    expect(page.get_by_role("row", name=re.compile("Obecné zastupiteľstvo obce Nová Lehota"))).to_contain_text(
        "zatiaľ nerozhodol")
    page.goto("/prohlaseni-o-pristupnosti/")
    expect(page.get_by_role("main")).to_contain_text("zákonom č. 95/2019 Z. z.")
    assert page.problems == []
