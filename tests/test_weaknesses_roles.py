"""Roles come from explicit grants: the weaknesses a security probe found in how roles were derived.

Each test here failed on the code before the fix: a staff account without a role acted as the
coordinator, members of a deactivated group kept their rights, a member filed a measure under
another group's goal, and a coordinator could make themselves a superuser.
"""

import pytest
from django.urls import reverse

from planning.models import Goal, Measure, Plan
from tests.helpers import open_form, page_text
from tests.test_measure_edit import form_data


class TestStaffWithoutRole:
    """`is_staff` opens the admin's door and nothing else."""

    def test_is_not_a_coordinator_nor_planning_staff(self, staff_without_role):
        from planning.access import is_planning_staff

        assert not staff_without_role.is_coordinator
        assert not is_planning_staff(staff_without_role)

    def test_cannot_publish_a_draft(self, client_as, staff_without_role, plan):
        url = reverse("planning:plan_transition", args=[plan.slug, "open_for_comments"])
        assert client_as(staff_without_role).get(url).status_code == 404
        assert client_as(staff_without_role).post(url, {"note": ""}).status_code == 404
        assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT

    def test_reads_no_commenter_and_moderates_nothing(self, client_as, staff_without_role, submit_comment):
        comment = submit_comment(email="verejny@example.cz")
        client = client_as(staff_without_role)
        assert client.get(reverse("planning:round_comments", args=[comment.round_id])).status_code == 404
        assert client.get(reverse("planning:hide_comment", args=[comment.pk])).status_code == 404
        assert client.post(reverse("planning:hide_comment", args=[comment.pk]), {"reason": "x"}).status_code == 404
        assert client.get(reverse("planning:redact_comment", args=[comment.pk])).status_code == 404
        assert client.post(reverse("planning:redact_comment", args=[comment.pk])).status_code == 404
        comment.refresh_from_db()
        assert (comment.is_hidden, comment.is_redacted) == (False, False)

    def test_sees_no_draft_and_no_history(self, client_as, staff_without_role, plan):
        client = client_as(staff_without_role)
        assert client.get(plan.get_absolute_url()).status_code == 404
        assert client.get(reverse("planning:plan_history", args=[plan.slug])).status_code == 404

    def test_the_admin_shows_it_nothing(self, client_as, staff_without_role):
        client = client_as(staff_without_role)
        assert "Plány" not in page_text(client.get("/admin/"))
        assert client.get("/admin/planning/plan/").status_code == 403

    def test_the_coordinator_role_is_a_grant_that_a_superuser_has_too(self, coordinator, superuser):
        assert coordinator.is_coordinator
        assert superuser.is_coordinator


class TestDeactivatedGroup:
    """A deactivated group's members keep their seats on record but lose every right."""

    @pytest.fixture
    def former_member(self, member_a, group_a):
        group_a.is_active = False
        group_a.save()
        return member_a

    def test_reads_no_draft(self, client_as, former_member, plan):
        assert client_as(former_member).get(plan.get_absolute_url()).status_code == 404

    def test_adds_no_goal(self, client_as, former_member, plan, group_a):
        url = reverse("planning:goal_create", args=[plan.slug])
        assert client_as(former_member).get(url).status_code == 404
        response = client_as(former_member).post(url, {
            "priority": plan.priorities.get().pk, "group": group_a.pk, "title": "Cíl po zrušení skupiny",
        })
        assert response.status_code == 404
        assert not Goal.objects.filter(title="Cíl po zrušení skupiny").exists()

    def test_reads_no_unpublished_settlement(self, client_as, former_member, submit_comment, group_a):
        comment = submit_comment()
        comment.group = group_a
        comment.save()
        url = reverse("planning:settlement_table", args=[comment.round_id])
        assert client_as(former_member).get(url).status_code == 404

    def test_the_seat_stays_on_record(self, former_member, group_a):
        assert former_member.person.memberships.get().group == group_a


def test_a_member_cannot_file_a_measure_under_another_groups_goal(client_as, member_a, measure_a, measure_b):
    other_goal = measure_b.goal
    data = form_data(measure_a, title="Opatření pod cizím cílem", goal=other_goal.pk, revision="")
    client = client_as(member_a)
    response = client.post(reverse("planning:measure_create", args=[measure_a.plan.slug]), data)
    assert response.status_code == 200
    assert "goal" in response.context["form"].errors
    assert not Measure.objects.filter(title="Opatření pod cizím cílem").exists()
    # Nor through the "add a measure to this goal" link of another group's goal.
    url = reverse("planning:measure_create", args=[measure_a.plan.slug]) + f"?cil={other_goal.pk}"
    assert client.get(url).status_code == 404


class TestPrivilegesInAdmin:
    """Only a superuser makes superusers and coordinators, and only a superuser edits a superuser."""

    def change_url(self, user):
        return reverse("admin:kpss_user_change", args=[user.pk])

    def post_change(self, client, user, **changes):
        data = {
            "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
            "email": user.email, "is_active": "on", "is_staff": "on",
            "last_login_0": "", "last_login_1": "", "date_joined_0": "1. 1. 2026", "date_joined_1": "10:00:00",
            "person-TOTAL_FORMS": 0, "person-INITIAL_FORMS": 0,
            **changes,
        }
        return client.post(self.change_url(user), data)

    def test_a_coordinator_cannot_make_themselves_superuser(self, client_as, coordinator, superuser):
        from django.contrib.auth.models import Group as AuthGroup
        from django.contrib.auth.models import Permission

        client = client_as(coordinator)
        page = open_form(client, self.change_url(coordinator), fields=["first_name"])
        assert 'name="is_superuser"' not in page.content.decode()  # shown, not editable
        everything = AuthGroup.objects.create(name="Všechno")
        response = self.post_change(
            client, coordinator, is_superuser="on", groups=[everything.pk],
            user_permissions=[Permission.objects.get(codename="change_permission").pk],
        )
        assert response.status_code == 302, page_text(response)
        coordinator.refresh_from_db()
        assert not coordinator.is_superuser
        assert not coordinator.groups.filter(pk=everything.pk).exists()
        assert not coordinator.user_permissions.exists()
        assert coordinator.is_coordinator  # what they had stays

    def test_a_coordinator_cannot_change_or_delete_a_superuser(self, client_as, coordinator, superuser):
        client = client_as(coordinator)
        page = client.get(self.change_url(superuser))
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()  # read only
        assert self.post_change(client, superuser, first_name="Převzatý").status_code == 403
        password_url = reverse("admin:auth_user_password_change", args=[superuser.pk])
        assert client.get(password_url).status_code == 403
        assert client.get(reverse("admin:kpss_user_delete", args=[superuser.pk])).status_code == 403
        assert client.post(password_url, {"password1": "nove-heslo-123456", "password2": "nove-heslo-123456"},
                           ).status_code == 403
        assert client.post(reverse("admin:kpss_user_delete", args=[superuser.pk]), {"post": "yes"}).status_code == 403
        superuser.refresh_from_db()
        assert superuser.first_name != "Převzatý"

    def test_a_superuser_grants_the_coordinator_role(self, client_as, superuser, staff_without_role):
        from django.contrib.auth.models import Group as AuthGroup

        from kpss.roles import COORDINATORS

        coordinators = AuthGroup.objects.get(name=COORDINATORS)
        open_form(client_as(superuser), self.change_url(staff_without_role), fields=["groups", "is_superuser"])
        response = self.post_change(client_as(superuser), staff_without_role, groups=[coordinators.pk])
        assert response.status_code == 302
        staff_without_role = type(staff_without_role).objects.get(pk=staff_without_role.pk)  # no permission cache
        assert staff_without_role.is_coordinator


def test_an_outsider_learns_nothing_of_a_rounds_state(client_as, staff_without_role, member_a, comment_round):
    """The check that a user may reach the round comes before the check that reveals its state
    (before, bulk settling answered outsiders 403 "cannot be settled now" for an open round)."""
    url = reverse("planning:bulk_settle", args=[comment_round.pk])
    assert client_as(staff_without_role).post(url, {"outcome": "noted"}).status_code == 404
    assert client_as(member_a).post(url, {"outcome": "noted"}).status_code == 403  # staff: it is still open
