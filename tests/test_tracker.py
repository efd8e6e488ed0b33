"""The task tracker: open tasks of the groups a user reads, overdue first, and logged status changes."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from groups.models import Meeting, Minutes, Resolution, Task
from kpss.actionlog import ActionLog
from kpss.tracking import StaleEdit
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.helpers import assert_queries_do_not_grow, open_form, page_text

LIST = reverse("groups:task_list")


def status_url(task):
    return reverse("groups:task_status", args=[task.pk])


def held_meeting(group, days=-10):
    starts = timezone.now() + timedelta(days=days)
    meeting = Meeting.objects.create(group=group, number=Meeting.objects.filter(group=group).count() + 1,
                                     starts_at=starts, ends_at=starts + timedelta(hours=2))
    Minutes.objects.create(meeting=meeting)
    return meeting


def task(group, title, due_in=None, status=Task.Status.OPEN, **fields):
    due_on = timezone.localdate() + timedelta(days=due_in) if due_in is not None else None
    return Task.objects.create(group=group, title=title, due_on=due_on, status=status, **fields)


@pytest.fixture
def tasks_a(group_a):
    meeting = held_meeting(group_a)
    resolution = Resolution.objects.create(group=group_a, meeting=meeting, text="Schvaluje plán.")
    return {
        "later": task(group_a, "Oslovit poskytovatele", due_in=20, meeting=meeting),
        "overdue": task(group_a, "Poslat dotazník", due_in=-3, meeting=meeting, resolution=resolution),
        "no_date": task(group_a, "Domluvit sál"),
        "soon": task(group_a, "Připravit podklady", due_in=2, status=Task.Status.IN_PROGRESS),
        "done": task(group_a, "Hotový úkol", due_in=-30, status=Task.Status.DONE),
    }


class TestTaskList:
    def test_open_tasks_overdue_first_then_by_due_date(self, client_as, member_a, tasks_a, group_b):
        task(group_b, "Úkol skupiny B", due_in=-5)
        response = client_as(member_a).get(LIST)
        assert response.status_code == 200
        titles = [task.title for task in response.context["tasks"]]
        assert titles == ["Poslat dotazník", "Připravit podklady", "Oslovit poskytovatele", "Domluvit sál"]
        text = page_text(response)
        assert "Úkol skupiny B" not in text
        assert "Hotový úkol" not in text

    def test_the_coordinator_and_the_steering_group_see_every_group(self, client_as, coordinator, steering_member,
                                                                    tasks_a, group_b):
        task(group_b, "Úkol skupiny B", due_in=-5)
        for user in (coordinator, steering_member):
            titles = [task.title for task in client_as(user).get(LIST).context["tasks"]]
            assert titles[:2] == ["Úkol skupiny B", "Poslat dotazník"]

    def test_filters_by_group_and_status(self, client_as, coordinator, tasks_a, group_a, group_b):
        task(group_b, "Úkol skupiny B", due_in=-5)
        client = client_as(coordinator)
        by_group = client.get(LIST, {"group": group_b.pk}).context["tasks"]
        assert [task.title for task in by_group] == ["Úkol skupiny B"]
        everything = client.get(LIST, {"group": group_a.pk, "status": "vse"}).context["tasks"]
        assert "Hotový úkol" in [task.title for task in everything]
        done = client.get(LIST, {"status": "done"}).context["tasks"]
        assert [task.title for task in done] == ["Hotový úkol"]

    def test_a_member_cannot_filter_to_another_group(self, client_as, member_a, tasks_a, group_b):
        task(group_b, "Úkol skupiny B")
        response = client_as(member_a).get(LIST, {"group": group_b.pk})
        assert "Úkol skupiny B" not in page_text(response)
        assert "group" in response.context["filters"].errors

    def test_the_list_shows_meeting_resolution_and_the_link_to_change(self, client_as, chair_a, member_a, tasks_a):
        text = page_text(client_as(chair_a).get(LIST))
        assert tasks_a["overdue"].meeting.get_absolute_url() in text
        assert status_url(tasks_a["overdue"]) in text
        assert "table-warning" in text
        assert status_url(tasks_a["overdue"]) not in page_text(client_as(member_a).get(LIST))

    def test_queries_do_not_grow_with_tasks(self, client_as, coordinator, group_a):
        client = client_as(coordinator)
        meeting = held_meeting(group_a)
        resolution = Resolution.objects.create(group=group_a, meeting=meeting, text="Ukládá.")

        def add_tasks(count):
            for index in range(count):
                task(group_a, f"Úkol {index}", due_in=index - 5, meeting=meeting, resolution=resolution,
                     responsible=PersonFactory())

        assert assert_queries_do_not_grow(lambda: client.get(LIST), add_tasks) <= 12

    def test_pages_of_fifty_keep_the_filters(self, client_as, coordinator, group_a, settings):
        for index in range(53):
            task(group_a, f"Úkol {index:02d}", due_in=index)
        first = client_as(coordinator).get(LIST, {"status": "vse"})
        assert len(first.context["tasks"]) == 50
        assert "Úkol 00" in page_text(first)
        assert "status=vse&amp;strana=2" in first.content.decode()
        second = client_as(coordinator).get(LIST, {"status": "vse", "strana": 2})
        assert [t.title for t in second.context["tasks"]] == ["Úkol 50", "Úkol 51", "Úkol 52"]
        assert "53 úkolů, strana 2 z 2" in page_text(second)


class TestChangeStatus:
    def test_the_chair_changes_the_status_and_it_is_logged(self, client_as, chair_a, tasks_a):
        overdue = tasks_a["overdue"]
        client = client_as(chair_a)
        open_form(client, status_url(overdue), fields=["status", "note", "revision"])
        response = client.post(status_url(overdue), {"status": "done", "note": "Rozesláno.",
                                                      "revision": overdue.revision})
        assert response.status_code == 302
        overdue.refresh_from_db()
        assert overdue.status == Task.Status.DONE
        entry = ActionLog.objects.for_object(overdue).get(action="task.status")
        assert (entry.user, entry.data["from_status"], entry.data["to_status"], entry.data["note"]) == (
            chair_a, "open", "done", "Rozesláno.")
        page = page_text(client.get(status_url(overdue)))
        assert "Rozesláno." in page

    def test_the_responsible_person_with_an_account_may_change_it(self, client_as, group_a, tasks_a):
        user = UserFactory()
        seat = MembershipFactory(group=group_a, user=user)
        mine = task(group_a, "Můj úkol", responsible=seat.person)
        client = client_as(user)
        open_form(client, status_url(mine))
        assert client.post(status_url(mine), {"status": "in_progress", "revision": mine.revision}).status_code == 302
        assert client.get(status_url(tasks_a["later"])).status_code == 403

    def test_outsiders_get_404_and_readers_403(self, client_as, member_b, member_a, tasks_a):
        assert client_as(member_b).get(status_url(tasks_a["later"])).status_code == 404
        assert client_as(member_a).get(status_url(tasks_a["later"])).status_code == 403

    def test_the_same_status_is_refused_with_a_message(self, client_as, chair_a, tasks_a):
        later = tasks_a["later"]
        client = client_as(chair_a)
        open_form(client, status_url(later))
        response = client.post(status_url(later), {"status": "open", "note": "nic", "revision": later.revision})
        assert response.status_code == 400
        assert response.context["form"].errors["status"]
        assert 'value="nic"' in page_text(response)

    def test_a_change_made_meanwhile_is_not_overwritten(self, client_as, chair_a, coordinator, tasks_a):
        later = tasks_a["later"]
        client = client_as(chair_a)
        open_form(client, status_url(later))
        opened = later.revision
        later.change_status(coordinator, Task.Status.CANCELLED, "Zrušeno na jednání.")
        response = client.post(status_url(later), {"status": "done", "note": "Hotovo", "revision": opened})
        assert response.status_code == 409
        later.refresh_from_db()
        assert later.status == Task.Status.CANCELLED
        assert "Hotovo" in page_text(response)


class TestModel:
    def test_change_status_refuses_unknown_and_stale(self, coordinator, tasks_a):
        later = tasks_a["later"]
        with pytest.raises(ValidationError):
            later.change_status(coordinator, "smazano")
        with pytest.raises(StaleEdit):
            later.change_status(coordinator, Task.Status.DONE, expected_revision=later.revision - 1)
        later.change_status(coordinator, Task.Status.DONE)
        assert later.status == Task.Status.DONE
        assert later.revision == 2


class TestUnapprovedMinutes:
    """Minutes still a draft MINUTES_APPROVAL_DAYS after their meeting are flagged on the coordinator's dashboard."""

    def test_late_drafts_are_listed_with_a_link(self, client_as, coordinator, member_a, group_a, settings):
        settings.MINUTES_APPROVAL_DAYS = 14
        late = held_meeting(group_a, days=-20)
        held_meeting(group_a, days=-5)  # still within the 14 days
        approved = held_meeting(group_a, days=-30)
        approved.minutes.approve(coordinator)
        cancelled = held_meeting(group_a, days=-40)
        Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.Status.CANCELLED)
        response = client_as(coordinator).get(reverse("planning:dashboard"))
        assert response.context["coordinator"]["unapproved_minutes"] == [late]
        assert late.get_absolute_url() in page_text(response)
        assert "Zápisy neschválené včas" not in page_text(client_as(member_a).get(reverse("planning:dashboard")))

    def test_the_number_of_days_is_a_setting(self, client_as, coordinator, group_a, settings):
        recent = held_meeting(group_a, days=-5)
        settings.MINUTES_APPROVAL_DAYS = 3
        response = client_as(coordinator).get(reverse("planning:dashboard"))
        assert response.context["coordinator"]["unapproved_minutes"] == [recent]
        assert "víc než 3 dny po jednání" in page_text(response)
