"""Every public page describes itself to search engines and link previews.

A plan or a comment round shared by e-mail or on social media shows its title and summary (Open
Graph), with an absolute address from SITE_URL; list pages are described by the site's intro.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.test_plan_lifecycle import STEERING

SUMMARY = "Plán popisuje, jaké sociální služby lidé na Lipovecku potřebují a jak je budeme rozvíjet."
INTRO = "Komunitní plánování sociálních služeb na Lipovecku spojuje město, poskytovatele a uživatele služeb."
META = re.compile(r'<meta (?:name|property)="(?P<key>[^"]+)" content="(?P<value>[^"]*)">')


def meta_of(response):
    assert response.status_code == 200, response.status_code
    return {match["key"]: unescape(match["value"]) for match in META.finditer(response.content.decode())}


@pytest.fixture
def summarised(plan, town):
    """Before the plan's first version is frozen, so every version carries the summary."""
    plan.summary = SUMMARY
    plan.save()
    town.intro = INTRO
    town.save()
    return plan


@pytest.fixture
def world(summarised, close_round, coordinator, measure_a, settings):
    settings.SITE_URL = "https://kpss.lipovec.example"
    measure_a.description = "Pečovatelská služba prodlouží provoz do večera a zavede služby o víkendech."
    measure_a.save()
    round_ = close_round()
    round_.publish_settlement(coordinator)
    summarised.transition("approve_by_steering", coordinator, **STEERING)  # a second version to compare
    return {"plan": summarised, "measure": measure_a, "round": round_}


PAGES = {
    "home": lambda w: reverse("home"),
    "plan list": lambda w: reverse("planning:plan_list"),
    "plan": lambda w: reverse("planning:plan_detail", args=[w["plan"].slug]),
    "measure": lambda w: w["measure"].get_absolute_url(),
    "version": lambda w: reverse("planning:version_detail", args=[w["plan"].slug, 2]),
    "version comparison": lambda w: reverse("planning:version_compare", args=[w["plan"].slug]),
    "comment rounds": lambda w: reverse("planning:comment_round_list"),
    "comment round": lambda w: w["round"].get_absolute_url(),
    "settlement table": lambda w: reverse("planning:settlement_table", args=[w["round"].pk]),
    "suggestions": lambda w: reverse("planning:suggestion_list"),
    "new suggestion": lambda w: reverse("planning:suggestion_create"),
    "groups": lambda w: reverse("groups:group_list"),
    "catalogue": lambda w: reverse("catalogue:provider_list"),
    "documents": lambda w: reverse("documents"),
    "accessibility statement": lambda w: reverse("accessibility_statement"),
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_public_page_has_a_description_and_link_preview_tags(client, world, kind):
    path = PAGES[kind](world)
    meta = meta_of(client.get(path))
    assert meta["description"]
    assert meta["og:description"] == meta["description"]
    assert meta["og:title"]
    assert meta["og:type"] in ("website", "article")
    assert meta["og:url"] == f"https://kpss.lipovec.example{path}"
    assert meta["og:site_name"] == "Město Lipovec"
    assert meta["og:locale"] == "cs_CZ"
    assert meta["twitter:card"] == "summary"


@pytest.mark.parametrize("kind", ["home", "plan list", "comment rounds", "groups", "documents"])
def test_list_pages_are_described_by_the_sites_intro(client, world, kind):
    assert meta_of(client.get(PAGES[kind](world)))["description"] == INTRO


def test_a_plan_is_shared_with_its_title_and_summary(client, world):
    meta = meta_of(client.get(PAGES["plan"](world)))
    assert (meta["og:title"], meta["description"], meta["og:type"]) == (world["plan"].title, SUMMARY, "article")


def test_a_measure_is_shared_with_its_code_title_and_description(client, world):
    measure = world["measure"]
    meta = meta_of(client.get(PAGES["measure"](world)))
    assert meta["og:title"] == f"{measure.code} {measure.title}"
    assert meta["description"] == measure.description


def test_a_comment_round_is_shared_with_its_title_and_intro(client, world):
    meta = meta_of(client.get(PAGES["comment round"](world)))
    assert (meta["og:title"], meta["description"]) == (world["round"].title, world["round"].intro)


def test_a_version_is_described_by_the_summary_it_froze(client, world):
    assert meta_of(client.get(PAGES["version"](world)))["description"] == SUMMARY


def test_a_long_summary_is_cut_at_a_word_for_the_description(client, world):
    plan = world["plan"]
    plan.summary = "Plán popisuje služby. " * 30
    plan.save()
    description = meta_of(client.get(PAGES["plan"](world)))["description"]
    assert len(description) <= 200
    assert description.endswith(" služby…")  # the last word that fits, whole
