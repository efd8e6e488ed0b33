"""The public list of planning groups."""

from groups.models import Membership
from tests.factories import GroupFactory, MembershipFactory
from tests.helpers import assert_queries_do_not_grow, page_text


def test_lists_active_groups_with_their_member_count(client, group_a, member_a):
    MembershipFactory(group=group_a)
    GroupFactory(name="Zrušená skupina", is_active=False)
    html = page_text(client.get("/skupiny/"))
    assert "Pracovní skupina Senioři" in html
    assert "2 členové" in html
    assert "Zrušená skupina" not in html


def test_does_not_publish_member_names(client, group_a):
    MembershipFactory(group=group_a, user__first_name="Tajný", user__last_name="Člen",
                      position=Membership.Position.CHAIR)
    assert "Tajný" not in client.get("/skupiny/").content.decode()


def test_query_count_does_not_grow_with_groups(client, db):
    def add_groups(n):
        for _ in range(n):
            MembershipFactory(group=GroupFactory())

    assert_queries_do_not_grow(lambda: client.get("/skupiny/"), add_groups)
