"""The query-count helper must catch an N+1, or every test built on it proves nothing."""

import pytest

from groups.models import Group
from tests.factories import GroupFactory, MembershipFactory
from tests.helpers import assert_queries_do_not_grow


def add_groups(n):
    for _ in range(n):
        MembershipFactory(group=GroupFactory())


def test_it_catches_a_query_per_row(db):
    def n_plus_one():
        for group in Group.objects.all():
            list(group.memberships.all())

    with pytest.raises(AssertionError, match="grows with rows"):
        assert_queries_do_not_grow(n_plus_one, add_groups)


def test_it_accepts_a_prefetching_page(db):
    def prefetched():
        for group in Group.objects.prefetch_related("memberships"):
            list(group.memberships.all())

    assert assert_queries_do_not_grow(prefetched, add_groups) == 2
