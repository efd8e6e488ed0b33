"""The admin refuses a stale save, as the staff pages do, and says what changed meanwhile.

Before, a stale admin form replaced a member's newer staff-page save, and two admin tabs
reverted each other.
"""

from django.urls import reverse

from planning.models import Activity, Measure, Plan
from tests.factories import ActivityFactory
from tests.helpers import admin_form_data, open_form, page_text
from tests.test_measure_edit import edit_url, form_data, save_measure


def test_a_stale_admin_form_does_not_overwrite_a_members_newer_save(client_as, coordinator, member_a, measure_a):
    from django.test import Client

    admin_url = reverse("admin:planning_measure_change", args=[measure_a.pk])
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    opened = coordinator_client.get(admin_url)
    # Meanwhile the member saves the measure on the staff page.
    member_client = Client()
    member_client.force_login(member_a)
    saved = save_measure(member_client, measure_a, title="Víkendová odlehčovací služba")
    assert saved.status_code == 302

    refused = coordinator_client.post(admin_url, admin_form_data(opened, annual_cost="999000"))
    assert refused.status_code == 200
    text = page_text(refused)
    assert "Mezitím to uložil někdo jiný" in text
    assert "Víkendová odlehčovací služba" in text  # what the member changed
    assert 'value="999000"' in text  # what the coordinator typed is kept
    measure = Measure.objects.get(pk=measure_a.pk)
    assert (measure.title, measure.annual_cost) == ("Víkendová odlehčovací služba", 1250000)

    # Having seen it, saving the page again is a knowing overwrite.
    again = coordinator_client.post(admin_url, admin_form_data(refused))
    assert again.status_code == 302
    assert Measure.objects.get(pk=measure_a.pk).annual_cost == 999000


def test_two_admin_tabs_do_not_revert_each_other(client_as, coordinator, plan):
    client = client_as(coordinator)
    url = reverse("admin:planning_plan_change", args=[plan.pk])
    first_tab, second_tab = client.get(url), client.get(url)
    assert client.post(url, admin_form_data(first_tab, title="Plán 2025–2027, upravený název")).status_code == 302
    refused = client.post(url, admin_form_data(second_tab, summary="Shrnutí z druhé karty"))
    assert refused.status_code == 200
    assert "Plán 2025–2027, upravený název" in page_text(refused)
    plan = Plan.objects.get(pk=plan.pk)
    assert (plan.title, plan.summary) == ("Plán 2025–2027, upravený název", "")


def test_a_stale_inline_chapter_is_guarded_by_its_plan(client_as, coordinator, plan):
    client = client_as(coordinator)
    url = reverse("admin:planning_plan_change", args=[plan.pk])
    first_tab, second_tab = client.get(url), client.get(url)
    assert client.post(url, admin_form_data(first_tab, **{"chapters-0-body": "Text z první karty"})).status_code == 302
    refused = client.post(url, admin_form_data(second_tab, **{"chapters-0-body": "Text z druhé karty"}))
    assert refused.status_code == 200
    assert plan.chapters.get().body == "Text z první karty"


def test_an_activity_saved_on_the_staff_page_is_not_reverted_by_the_measure_admin(
    client_as, coordinator, member_a, measure_a,
):
    from django.test import Client

    activity = ActivityFactory(measure=measure_a, title="Setkání pečujících")
    admin_url = reverse("admin:planning_measure_change", args=[measure_a.pk])
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    opened = coordinator_client.get(admin_url)
    member = client_as(member_a)
    activity_url = reverse("planning:activity_edit", args=[measure_a.plan.slug, activity.pk])
    open_form(member, activity_url, fields=["title", "revision"])
    assert member.post(activity_url, {"title": "Setkání pečujících každý měsíc", "revision": 1}).status_code == 302

    refused = coordinator_client.post(admin_url, admin_form_data(opened, **{"activities-0-timeframe": "2026"}))
    assert refused.status_code == 200
    assert Activity.objects.get(pk=activity.pk).title == "Setkání pečujících každý měsíc"


def test_a_staff_page_opened_before_an_admin_save_is_refused(client_as, coordinator, member_a, measure_a):
    from django.test import Client

    member_client = Client()
    member_client.force_login(member_a)
    opened_at = open_form(member_client, edit_url(measure_a)).context["form"]["revision"].value()
    admin_url = reverse("admin:planning_measure_change", args=[measure_a.pk])
    admin = client_as(coordinator)
    assert admin.post(admin_url, admin_form_data(admin.get(admin_url), title="Název z administrace")).status_code == 302
    refused = member_client.post(edit_url(measure_a), form_data(measure_a, title="Název ze stránky",
                                                                 revision=opened_at))
    assert refused.status_code == 409
    assert "Název z administrace" in page_text(refused)


def test_every_editable_admin_page_of_ours_checks_revisions():
    """A new admin page cannot forget it: every model of ours the admin edits is a TrackedChanges row
    whose page (and whose inline anywhere) checks the revision, unless the page is read-only."""
    from django.contrib import admin

    from kpss.admin import ReadOnlyAdmin
    from kpss.admin_tracking import RevisionCheckedAdmin, RevisionCheckedInline
    from kpss.tracking import TrackedChanges

    ours = {"kpss", "planning", "groups", "catalogue"}
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ours or isinstance(model_admin, ReadOnlyAdmin):
            continue
        assert issubclass(model, TrackedChanges), f"{model.__name__} is edited in admin without a revision"
        assert isinstance(model_admin, RevisionCheckedAdmin), f"{type(model_admin).__name__} does not check revisions"
        for inline in model_admin.inlines:
            if issubclass(inline.model, TrackedChanges):
                assert issubclass(inline, RevisionCheckedInline), f"{inline.__name__} does not check revisions"
            else:
                # Rows without a revision of their own are edited on their parent's page only, which
                # the parent's revision guards.
                assert inline.model not in admin.site._registry, f"{inline.model.__name__} has two admin pages"
