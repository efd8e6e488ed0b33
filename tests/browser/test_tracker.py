"""The task tracker and the meeting targets in the browser: a chair moves a task on, the coordinator
reads the targets; axe checks the task list, the status form and the targets overview."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import KeyActivity, Meeting, MeetingTarget, Task
from kpss.actionlog import ActionLog
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def overdue_task(group_a):
    return Task.objects.create(group=group_a, title="Rozeslat dotazník poskytovatelům",
                               due_on=timezone.localdate() - timedelta(days=3))


def test_a_chair_marks_a_task_done(page, server, chair_a, overdue_task):
    sign_in(page, chair_a.username, PASSWORD)
    page.goto("/sprava/skupiny/ukoly/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Úkoly skupin")
    row = page.get_by_role("row").filter(has_text=overdue_task.title)
    expect(row).to_contain_text("po termínu")
    assert_accessible(page)
    row.get_by_role("link", name="Změnit stav").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(overdue_task.title)
    assert_accessible(page)
    page.get_by_label("Nový stav").select_option("done")
    page.get_by_label("Poznámka do historie").fill("Rozesláno všem poskytovatelům.")
    page.get_by_role("button", name="Uložit stav").click()
    expect(page.locator(".alert-success")).to_contain_text("splněný")
    overdue_task.refresh_from_db()
    assert overdue_task.status == Task.Status.DONE
    assert ActionLog.objects.for_object(overdue_task).get(action="task.status").data["note"] == (
        "Rozesláno všem poskytovatelům.")
    # Done tasks leave the list of open ones.
    expect(page.get_by_role("row").filter(has_text=overdue_task.title)).to_have_count(0)


def test_the_coordinator_reads_the_targets(page, server, coordinator, group_a, group_b):
    today, year = timezone.localdate(), timedelta(days=365)
    key_activity = KeyActivity.objects.create(code="KA 01", name="Činnost pracovních skupin",
                                              starts_on=today - year, ends_on=today + year)
    MeetingTarget.objects.create(key_activity=key_activity, group=group_a, required_count=4)
    MeetingTarget.objects.create(key_activity=key_activity, group=group_b, required_count=6, kinds=["workshop"],
                                 min_participants=10)
    starts = timezone.now() - timedelta(days=10)
    Meeting.objects.create(group=group_a, number=1, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/sprava/skupiny/cile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cíle jednání")
    expect(page.get_by_role("progressbar", name=f"Plnění: {group_a.name}")).to_have_attribute("value", "25")
    assert_accessible(page)
    page.get_by_label("Skupina", exact=True).select_option(group_b.slug)
    page.get_by_role("button", name="Zobrazit").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(group_b.name)
    expect(page.get_by_role("row").filter(has_text="workshop")).to_contain_text("0 / 6")
