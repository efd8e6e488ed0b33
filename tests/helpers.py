"""Assertions the whole suite shares."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch):
    with CaptureQueriesContext(connection) as context:
        fetch()
    return len(context.captured_queries)


def query_counts(client, pages):
    """{name: queries} of GETting each of `pages` ({name: url}) after a warm-up GET; each must answer 200."""
    counts = {}
    for name, url in pages.items():
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def assert_queries_do_not_grow(fetch, add_rows, few=2, many=20):
    """Fail when `fetch` runs more queries with `many` rows than with `few`: an N+1.

    `add_rows(n)` adds n more rows of whatever the page lists; `fetch()` loads the page, e.g.
    `lambda: client.get(url)`.
    """
    fetch()  # warm up: lazily created rows (site settings) and caches are not what we measure
    add_rows(few)
    with_few = count_queries(fetch)
    add_rows(many - few)
    with_many = count_queries(fetch)
    assert with_many == with_few, (
        f"{with_few} queries with {few} rows but {with_many} with {many}: the count grows with rows"
    )
    return with_many


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []  # (method, action)

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            attrs = dict(attrs)
            self.forms.append(((attrs.get("method") or "get").lower(), attrs.get("action") or ""))


def open_form(client, url, fields=(), **extra):
    """GET the page whose form a test is about to POST, as a person opens it first; fails unless it
    answers 200 with a form posting back to the page (not just the header's sign-out and language
    forms), with a field for each of `fields`. Returns the response.

    tests/conftest.py fails a test that POSTs to a page with a form without GETting it.
    """
    response = client.get(url, **extra)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    html = response.content.decode()
    parser = _Forms()
    parser.feed(html)
    path = urlsplit(url).path
    assert any(method == "post" and urlsplit(action).path in ("", path) for method, action in parser.forms), (
        f"{url} shows no form that posts to it"
    )
    missing = [name for name in fields if f'name="{name}"' not in html]
    assert not missing, f"{url} shows no field {missing}"
    return response


def page_text(response):
    """The page's HTML with non-breaking spaces as plain ones, for asserting on wording.

    Czech typography (kpss.typography) glues words with U+00A0 all over every page; tests that
    check typography itself look at the raw content instead.
    """
    return response.content.decode().replace("\u00a0", " ")


def admin_form_data(response, **changes):
    """What a browser posts back from an admin change page as it was shown, with `changes` applied:
    the main form's fields, and every inline's management form and rows."""
    from django import forms

    data = {}

    def as_text(widget, value):
        text = widget.format_value(value)
        return text[0] if isinstance(text, list) and len(text) == 1 else ("" if text is None else str(text))

    def add_form(form):
        for bound in form:
            widget, value = bound.field.widget, bound.value()
            widget = getattr(widget, "widget", widget)  # the admin wraps related fields' widgets
            if isinstance(widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(widget, forms.MultiWidget):
                parts = value if isinstance(value, list) else widget.decompress(value)
                for index, (subwidget, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                    data[f"{bound.html_name}_{index}"] = as_text(subwidget, part)
            elif getattr(widget, "allow_multiple_selected", False):  # a multiple select, or ticked boxes
                data[bound.html_name] = [str(item) for item in value or []]
            elif value is not None:
                data[bound.html_name] = as_text(widget, value)

    add_form(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add_form(formset.management_form)
        for form in formset.forms:
            add_form(form)
    data.update(changes)
    return data


# What the coordinator fills in on the step that opens a plan for comments: the round it opens.
OPEN_FOR_COMMENTS = {"note": "", "round_title": "Připomínky k návrhu plánu", "round_intro": "",
                     "opens_at": "2026-01-01T08:00", "closes_at": "2099-12-31T23:59"}


def visible_text(response):
    """The page as a reader sees it: tags removed, whitespace (no-break spaces too) collapsed."""
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response))).replace(" .", ".").replace(" ,", ",")
