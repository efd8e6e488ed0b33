"""The suite's own checks must catch what they are for, or every test built on them proves nothing:
the query-count helper an N+1, the form check a form posted without opening its page."""

import pytest
from django.urls import reverse

from groups.models import Group
from tests.conftest import FormsSent
from tests.factories import GroupFactory, MembershipFactory
from tests.helpers import assert_queries_do_not_grow, open_form


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


CHECKING_THE_CHECK = pytest.mark.posts_without_the_form(reason="tests the check itself")


@CHECKING_THE_CHECK
def test_a_form_posted_without_opening_its_page_is_caught(client_as, member_a, measure_a):
    url = reverse("planning:measure_edit", args=[measure_a.plan.slug, measure_a.pk])
    with FormsSent() as forms:
        client_as(member_a).post(url, {})
    assert forms.unopened() == ["planning:measure_edit"]
    with FormsSent() as forms:
        open_form(client_as(member_a), url, fields=["title"])
        client_as(member_a).post(url, {})
    assert forms.unopened() == []


@CHECKING_THE_CHECK
def test_views_without_a_page_of_their_own_need_no_get(client_as, member_a, measure_a):
    with FormsSent() as forms:
        client_as(member_a).post(reverse("planning:move", args=[measure_a.plan.slug, "opatreni", measure_a.pk]),
                                 {"smer": "dolu"})  # require_POST: the button is on the workspace
        client_as(member_a).post(reverse("set_language"), {"language": "cs", "next": "/"})
        client_as(member_a).post(reverse("logout"))
    assert set(forms.views["POST"]) == {"planning:move", "set_language", "logout"}
    assert forms.unopened() == []


def test_open_form_fails_on_a_page_without_the_form(client, db):
    open_form(client, reverse("login"), fields=["username"])
    with pytest.raises(AssertionError, match="shows no form that posts to it"):
        open_form(client, reverse("home"))  # only the header's language form, which posts elsewhere
    with pytest.raises(AssertionError, match="shows no field"):
        open_form(client, reverse("login"), fields=["no_such_field"])
    with pytest.raises(AssertionError, match="answered 302"):
        open_form(client, reverse("password_change"))
