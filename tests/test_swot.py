"""A SWOT analysis is headed in the plural on the plan page and in the PDF: "Silné stránky"."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from planning.documents import PlanVersionLayout
from planning.models import SwotItem
from tests.factories import SwotItemFactory
from tests.helpers import page_text


def plural_headings():
    with translation.override("cs"):
        return [str(kind.heading) for kind in SwotItem.Kind]


def singular_headings():
    with translation.override("cs"):
        return [str(kind.label).capitalize() for kind in SwotItem.Kind]


def test_the_four_headings_are_plurals():
    with translation.override("en"):
        assert [str(kind.heading) for kind in SwotItem.Kind] == ["Strengths", "Weaknesses", "Opportunities",
                                                                 "Threats"]


def test_the_plan_page_heads_each_quadrant_in_the_plural(client, plan, coordinator, group_a):
    for kind in SwotItem.Kind:
        SwotItemFactory(plan=plan, group=group_a, kind=kind)
    plan.transition("open_for_comments", coordinator)
    text = page_text(client.get(reverse("planning:plan_detail", args=[plan.slug])))
    for heading in plural_headings():
        assert f">{heading}</h4>" in text
    for heading in singular_headings():
        assert f">{heading}</h4>" not in text  # "Silná stránka" over a list of them


def test_the_pdf_heads_each_quadrant_in_the_plural(plan, coordinator, group_a):
    SwotItemFactory(plan=plan, group=group_a, kind=SwotItem.Kind.THREAT)
    version = plan.transition("open_for_comments", coordinator)
    layout = PlanVersionLayout()
    with translation.override("cs"):
        html = render_to_string(layout.template(version), layout.context(version))
    for heading in plural_headings():
        assert f"<h4>{heading}</h4>" in html
    for heading in singular_headings():
        assert f"<h4>{heading}</h4>" not in html
