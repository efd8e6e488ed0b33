"""The steering group's approval of a plan or of a settlement points to the resolution that made it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Meeting, Minutes, Resolution
from planning.models import Plan
from tests.helpers import open_form, page_text


@pytest.fixture
def steering_resolution(steering_group, coordinator):
    """Resolution ŘS 1/<year> of the steering group, passed at a public meeting whose minutes are approved."""
    steering_group.abbreviation = "ŘS"
    steering_group.save()
    starts = timezone.now() - timedelta(days=3)
    meeting = Meeting.objects.create(group=steering_group, number=1, starts_at=starts,
                                     ends_at=starts + timedelta(hours=2))
    minutes = Minutes.objects.create(meeting=meeting)
    resolution = Resolution.objects.create(group=steering_group, meeting=meeting,
                                           text="Řídící skupina schvaluje plán a vypořádání připomínek.")
    minutes.approve(coordinator)
    resolution.refresh_from_db()
    return resolution


def step_url(plan):
    return reverse("planning:plan_transition", args=[plan.slug, "approve_by_steering"])


@pytest.fixture
def settling(plan, coordinator):
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    return plan


class TestPlanApproval:
    def test_choosing_the_resolution_fills_in_its_number_and_date(self, client, client_as, steering_member,
                                                                  settling, steering_resolution):
        client = client_as(steering_member)
        page = open_form(client, step_url(settling), fields=["approving_resolution", "steering_resolution"])
        assert steering_resolution.reference in page_text(page)
        response = client.post(step_url(settling), {"approving_resolution": steering_resolution.pk})
        assert response.status_code == 302
        settling.refresh_from_db()
        assert settling.status == Plan.Status.STEERING_APPROVED
        assert settling.approving_resolution == steering_resolution
        assert settling.steering_resolution == steering_resolution.reference
        assert settling.steering_approved_on == timezone.localdate(steering_resolution.meeting.starts_at)
        client.logout()
        text = page_text(client.get(settling.get_absolute_url()))
        assert f"Schváleno usnesením {steering_resolution.reference}" in text
        assert steering_resolution.meeting.get_absolute_url() in text

    def test_without_a_resolution_the_number_and_date_are_required(self, client_as, coordinator, settling,
                                                                   steering_resolution):
        client = client_as(coordinator)
        open_form(client, step_url(settling))
        missing = client.post(step_url(settling), {"note": "bez čísla"})
        assert missing.status_code == 400
        assert set(missing.context["form"].errors) == {"steering_resolution", "steering_approved_on"}
        assert 'value="bez čísla"' in page_text(missing)
        response = client.post(step_url(settling), {"steering_resolution": "ŘS/4/2024",
                                                    "steering_approved_on": "20. 11. 2024"})
        assert response.status_code == 302
        settling.refresh_from_db()
        assert (settling.steering_resolution, settling.approving_resolution) == ("ŘS/4/2024", None)

    def test_only_numbered_resolutions_of_steering_groups_are_offered(self, client_as, coordinator, settling,
                                                                      steering_resolution, group_a):
        draft = Resolution.objects.create(group=steering_resolution.group, meeting=steering_resolution.meeting,
                                          text="Návrh")
        working = Resolution.objects.create(group=group_a, meeting=Meeting.objects.create(
            group=group_a, number=1, starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=1)),
            text="Skupina A", year=2026, number=1)
        client = client_as(coordinator)
        form = open_form(client, step_url(settling)).context["form"]
        offered = list(form.fields["approving_resolution"].queryset)
        assert offered == [steering_resolution]
        response = client.post(step_url(settling), {"approving_resolution": working.pk})
        assert response.status_code == 400
        assert "approving_resolution" in response.context["form"].errors
        assert draft.pk not in [resolution.pk for resolution in offered]


class TestSettlementApproval:
    def publish(self, client, round_, data):
        url = reverse("planning:publish_settlement", args=[round_.pk])
        open_form(client, url, fields=["approving_resolution"])
        return client.post(url, data)

    def test_the_settlement_shows_the_resolution(self, client, client_as, coordinator, close_round,
                                                 steering_resolution):
        round_ = close_round()
        response = self.publish(client_as(coordinator), round_, {"approving_resolution": steering_resolution.pk})
        assert response.status_code == 302
        round_.refresh_from_db()
        assert round_.approving_resolution == steering_resolution
        client.logout()
        text = page_text(client.get(reverse("planning:settlement_table", args=[round_.pk])))
        assert f"Schváleno usnesením {steering_resolution.reference}" in text
        assert steering_resolution.meeting.get_absolute_url() in text

    def test_the_settlement_may_be_published_without_one(self, client_as, coordinator, close_round,
                                                         steering_resolution):
        round_ = close_round()
        assert self.publish(client_as(coordinator), round_, {}).status_code == 302
        round_.refresh_from_db()
        assert round_.settlement_is_published
        assert round_.approving_resolution is None

    def test_an_unknown_resolution_is_refused_and_nothing_published(self, client_as, coordinator, close_round,
                                                                    steering_resolution):
        round_ = close_round()
        response = self.publish(client_as(coordinator), round_, {"approving_resolution": 999999})
        assert response.status_code == 400
        round_.refresh_from_db()
        assert not round_.settlement_is_published
