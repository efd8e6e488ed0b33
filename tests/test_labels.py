"""Form labels start with a capital letter, as Czech pages write them.

A label that continues another ("Compare version" … "with version") is read alone by a screen
reader and stands alone on a phone; choices of checkboxes and radios are values, not labels.
"""

import re

from django.urls import reverse

from tests.test_plan_lifecycle import take_to_force

LABEL = re.compile(r"<label(?P<attributes>[^>]*)>\s*(?P<text>[^<\s][^<]*)", re.S)


def lowercase_labels(html):
    return [match["text"].strip() for match in LABEL.finditer(html)
            if "form-check-label" not in match["attributes"] and match["text"].strip()[0].islower()]


def assert_labels_start_with_a_capital(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert LABEL.search(html), url
        assert lowercase_labels(html) == [], url


def test_the_version_comparison_form_of_a_plan(client, plan, coordinator):
    take_to_force(plan, coordinator)  # three versions: the plan page offers to compare them
    assert_labels_start_with_a_capital(client, [
        reverse("planning:plan_detail", args=[plan.slug]), reverse("planning:version_compare", args=[plan.slug]),
    ])


def test_the_public_forms(client, comment_round):
    assert_labels_start_with_a_capital(client, [
        reverse("planning:comment_round_detail", args=[comment_round.pk]), reverse("planning:suggestion_create"),
    ])


def test_the_staff_forms(client_as, coordinator, plan, measure_a):
    slug = plan.slug
    assert_labels_start_with_a_capital(client_as(coordinator), [
        reverse("planning:measure_edit", args=[slug, measure_a.pk]), reverse("planning:goal_create", args=[slug]),
        reverse("planning:swot_create", args=[slug]),
        reverse("planning:activity_create", args=[slug]) + f"?opatreni={measure_a.pk}",
    ])


def test_the_form_of_a_lifecycle_step(client_as, coordinator, plan):
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    assert_labels_start_with_a_capital(client_as(coordinator), [
        reverse("planning:plan_transition", args=[plan.slug, "approve_by_steering"]),
    ])


def test_the_forms_of_settling_and_hiding_a_comment(client_as, coordinator, submit_comment, close_round):
    comment = submit_comment()
    close_round()
    assert_labels_start_with_a_capital(client_as(coordinator), [
        reverse("planning:comment_settle", args=[comment.pk]), reverse("planning:hide_comment", args=[comment.pk]),
    ])
