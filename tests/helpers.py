"""Assertions the whole suite shares."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch):
    with CaptureQueriesContext(connection) as context:
        fetch()
    return len(context.captured_queries)


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


def page_text(response):
    """The page's HTML with non-breaking spaces as plain ones, for asserting on wording.

    Czech typography (kpss.typography) glues words with U+00A0 all over every page; tests that
    check typography itself look at the raw content instead.
    """
    return response.content.decode().replace("\u00a0", " ")
