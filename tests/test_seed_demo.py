"""seed_demo: a realistic demo town, safe to run twice, and refused in production."""

import datetime
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone

from catalogue.models import Facility, ImportRun, Provider, Service
from groups.models import Group, KeyActivity, Meeting, MeetingTarget, Membership, MinutesVersion, Resolution, Task
from kpss.files import kind_of
from kpss.models import SiteSettings, Territory, User
from planning import demo as planning_demo
from planning.models import Comment, CommentRound, Decision, Measure, Plan, PlanVersion, SwotItem
from planning.versions import compare


def seed(*args):
    call_command("seed_demo", "--no-pdf", *args, stdout=io.StringIO())


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def counts():
    return (Territory.objects.count(), User.objects.count(), Group.objects.count(), Membership.objects.count(),
            Plan.objects.count(), Measure.objects.count(), PlanVersion.objects.count(), Meeting.objects.count(),
            MinutesVersion.objects.count(), Resolution.objects.count(), Task.objects.count(),
            Provider.objects.count(), Service.objects.count(), Facility.objects.count())


def test_demo_town_has_an_orp_with_a_dozen_municipalities_and_a_microregion(db, debug):
    seed()
    orp = Territory.objects.get(kind=Territory.Kind.ORP)
    assert orp.municipalities().count() == 12
    microregion = Territory.objects.get(kind=Territory.Kind.MICROREGION)
    assert microregion.municipalities().count() == 5
    assert SiteSettings.get_solo().site_name == "Město Lipovec"


def test_demo_has_a_user_for_each_role(db, debug):
    seed()
    coordinator = User.objects.get(username="koordinatorka")
    assert coordinator.is_coordinator
    assert coordinator.has_perm("kpss.change_territory")
    assert Membership.objects.filter(person__user__username="clen", group__kind=Group.Kind.WORKING).exists()
    assert Membership.objects.filter(person__user__username="ridici", group__kind=Group.Kind.STEERING).exists()
    assert Group.objects.filter(kind=Group.Kind.WORKING).count() == 5


def test_running_twice_changes_nothing(db, debug):
    seed()
    first = counts()
    seed()
    assert counts() == first
    again = ImportRun.objects.order_by("-pk").first()  # the second run re-imported the same file
    assert (again.created, again.updated, again.unchanged, again.withdrawn) == (0, 0, 63, 0)


def test_demo_catalogue_is_a_real_import_of_the_shipped_registry_file_with_its_traps(db, debug):
    seed()
    run = ImportRun.objects.get()
    assert (run.status, run.created, run.skipped, run.rejected) == (ImportRun.Status.DONE, 63, 2, [])
    registered = Service.objects.public().filter(portal_id__isnull=False)
    assert registered.count() == 63
    assert Provider.objects.count() == 29  # 28 from the file (two have only skipped services) and the town
    # the ended registration and the service outside the territory are skipped
    assert not Service.objects.filter(name__in=["Pečovatelská služba Senior Help", "Domov pro seniory Doubravka"])
    # a secret address keeps only its municipality, though the file gives its street
    for name in ["Intervenční centrum Lipovec", "Azylový dům pro matky s dětmi Lipovec"]:
        place = Facility.objects.get(name=name)
        assert place.secret_address
        assert (place.street, place.house_number, place.postcode, place.address_point) == ("", "", "", "")
        assert place.municipality == "Lipovec"
    assert Facility.objects.filter(name="Domov pro seniory Lipovec").count() == 1  # listed twice in the file
    assert not Facility.objects.filter(name__endswith="středisko Březí").exists()  # an ended facility
    registered_places = Facility.objects.filter(service__portal_id__isnull=False)
    assert registered_places.filter(address_point="", secret_address=False).count() == 4
    # IČO written as a number in the file keeps its leading zeros
    assert Provider.objects.get(name__startswith="Domov pro seniory Pačlavice").ico == "00576123"
    assert "Dušek" not in str(list(Provider.objects.values()))  # statutory bodies are not imported
    # a type the portal does not know is imported under its code and reported
    assert Service.objects.get(name="Centrum duševního zdraví Lipovec").type_code == "35"
    reported = [code["code"] for code in run.unknown_codes]
    assert "DruhSocialniSluzby/35" in reported
    assert not [code for code in reported if code.startswith("VekovaSkupinaOsoby")]  # the demo named its age groups
    assert [code for code in reported if code.startswith("CilovaSkupinaOsoby")]  # some are left for the coordinator
    assert registered.filter(service_type=None).count() == 1
    assert registered.with_code("form", "pob").exists()
    assert registered.with_code("tg", "30").exists()
    assert set(Service.objects.search("PACLAVICE").values_list("name", flat=True)) == {
        "Domov pro seniory Pačlavice", "Domov se zvláštním režimem Pačlavice"}
    units = {capacity["unit"] for service in registered for form in service.forms for capacity in form["capacities"]}
    assert units == {"luzka", "klient", "kontakt", "interv", "hovor"}


def test_demo_catalogue_has_what_the_coordinator_wrote_and_related_services(db, debug):
    seed()
    shelter = Service.objects.get(name="Noclehárna Charity Lipovec")
    assert shelter.local_opening_hours
    assert Service.objects.search("objednavat nemusite").get() == shelter  # the local description is searched
    related = Service.objects.filter(portal_id=None)
    assert set(related.values_list("name", flat=True)) == {"Dluhová poradna města Lipovce",
                                                          "Sociální byty města Lipovce"}
    assert Service.objects.public().search("dluhova poradna").get().portal_id is None
    assert Service.objects.serving_municipality("990001").filter(portal_id=None).count() == 2
    seed()  # a re-import keeps them and what the coordinator wrote
    assert Service.objects.filter(portal_id=None).count() == 2
    assert Service.objects.get(pk=shelter.pk).local_description == shelter.local_description


def test_scale_multiplies_the_volume(db, debug):
    seed("--scale", "3")
    assert Territory.objects.municipalities().count() == 36
    assert Membership.objects.count() > 3 * 20
    registered = Service.objects.public().filter(portal_id__isnull=False)
    assert registered.count() == 3 * 63
    served = set(Facility.objects.filter(service__in=registered).values_list("municipality_code", flat=True))
    assert served == set(Territory.objects.municipalities().values_list("code", flat=True))


def test_dry_run_saves_nothing(db, debug):
    seed("--dry-run")
    assert counts() == (0,) * 14


def test_refused_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert User.objects.count() == 0


def test_prints_the_demo_logins(db, debug, capsys):
    call_command("seed_demo", "--no-pdf")
    out = capsys.readouterr().out
    for username in ["koordinatorka", "clen", "ridici"]:
        assert username in out
    assert "kpss-demo-heslo" in out


def test_demo_plans_cover_the_lifecycle(db, debug):
    seed()
    previous, current = Plan.objects.get(slug="sp-2022-2024"), Plan.objects.get(slug="sp-2025-2027")
    # Status by the dates (Plan.current_status): the previous plan ended on 31. 12. 2024.
    assert previous.current_status() == Plan.Status.ARCHIVED
    assert current.status == Plan.Status.IN_FORCE
    assert current.supersedes == previous
    decisions = Decision.objects.filter(body__plan=current).order_by("decided_on")
    assert [(d.body.name, d.outcome, d.resolution_number) for d in decisions] == [
        ("Valná hromada Mikroregionu Úhlava", "not_discussed", ""),
        ("Zastupitelstvo města Lipovec", "approved", "ZM/12/154/2024"),
        ("Valná hromada Mikroregionu Úhlava", "approved", "VH/4/2024"),
    ]
    assert {d.version.reason for d in decisions} == {"approval"}
    assert list(current.approving_bodies.values_list("name", flat=True)) == [
        "Zastupitelstvo města Lipovec", "Valná hromada Mikroregionu Úhlava"]
    # A steering group for each area the plan covers: the ORP, and the microregion's mayors.
    steering = Group.objects.filter(kind=Group.Kind.STEERING).order_by("name")
    assert [(group.name, group.territory.name) for group in steering] == [
        ("Řídící skupina Mikroregionu Úhlava", "Mikroregion Úhlava"), ("Řídící skupina ORP Lipovec", "Lipovec")]
    assert set(current.territories.all()) == {group.territory for group in steering}
    assert Plan.objects.get(slug="ap-2025").status == Plan.Status.IN_FORCE  # put in force for 2025 only
    assert Plan.objects.get(slug="ap-2026").status == Plan.Status.COMMENTS
    assert set(current.phases.values_list("phase", flat=True)) == set(Plan.Phase.values)
    assert current.territories.filter(kind=Territory.Kind.ORP, code="9901").exists()
    assert current.analyses.count() == 2
    assert all(document.file.read() for document in current.analyses.all())


def test_demo_analyses_are_documents_the_portal_accepts_stored_once(db, debug, settings):
    seed("--dry-run")  # stores the files, though the rows are rolled back
    seed()
    for document in Plan.objects.get(slug="sp-2025-2027").analyses.all():
        with document.file.open("rb") as file:
            assert kind_of(file).label == "ODT"
    assert len(list((Path(settings.MEDIA_ROOT) / "analyses").rglob("*.odt"))) == 2


def test_current_plan_has_measures_with_indicators_and_a_swot_per_working_group(db, debug):
    seed()
    current = Plan.objects.get(slug="sp-2025-2027")
    measures = current.measures.all()
    assert 35 <= measures.count() <= 45
    assert not measures.filter(indicators=None).exists()
    assert not measures.filter(target_groups=None).exists()
    assert not measures.filter(funding_sources=None).exists()
    assert not measures.filter(code="").exists()
    working_groups = Group.objects.filter(kind=Group.Kind.WORKING)
    for group in working_groups:
        assert measures.filter(group=group).count() >= 6
        kinds = set(SwotItem.objects.filter(plan=current, group=group).values_list("kind", flat=True))
        assert kinds == set(SwotItem.Kind.values)


def test_versions_of_the_current_plan_show_what_settling_the_comments_changed(db, debug):
    seed()
    current = Plan.objects.get(slug="sp-2025-2027")
    versions = list(current.versions.order_by("number"))
    assert [version.reason for version in versions] == ["comments", "approval", "approved"]
    changes = compare(versions[0].snapshot, versions[1].snapshot)
    assert len(changes["added"]) == 1
    assert len(changes["removed"]) == 1
    assert len(changes["changed"]) >= 1


def test_action_plans_carry_out_measures_of_the_midterm_plan(db, debug):
    seed()
    current = Plan.objects.get(slug="sp-2025-2027")
    for action_plan in Plan.objects.filter(kind=Plan.Kind.ACTION):
        assert action_plan.midterm_plan == current
        assert action_plan.measures.count() >= 5
        assert not action_plan.measures.filter(implements=None).exists()
        assert not action_plan.measures.exclude(implements__plan=current).exists()


def test_scale_multiplies_the_measures_of_the_current_plan(db, debug):
    seed("--scale", "10")
    measures = Measure.objects.filter(plan__slug="sp-2025-2027").count()
    assert 9.5 * len(planning_demo.MEASURES) <= measures <= 10.5 * len(planning_demo.MEASURES)


def test_demo_has_an_open_comment_round_and_a_published_settlement(db, debug):
    from planning.models import CommentRound

    seed()
    assert CommentRound.objects.open_now().filter(plan__slug="ap-2026").exists()
    settled = CommentRound.objects.get(plan__slug="sp-2025-2027")
    assert settled.settlement_is_published
    assert settled.progress() == (4, 4)
    assert settled.comments.exclude(worked_in_measure=None).exists()


def test_the_coordinator_opens_every_demo_group_and_its_history(db, debug, client):
    """Every demo group opens in the admin and has its history page."""
    seed()
    client.force_login(User.objects.get(username="koordinatorka"))
    assert client.get("/admin/groups/group/").status_code == 200
    for group in Group.objects.all():
        assert client.get(f"/admin/groups/group/{group.pk}/change/").status_code == 200, group.slug
        assert client.get(f"/sprava/skupiny/{group.pk}/historie/").status_code == 200, group.slug


class TestTheDemoAgreesWithItself:
    def test_the_chapter_counts_the_comments_the_settlement_table_lists(self, db, debug):
        seed()
        chapter = Plan.objects.get(slug="sp-2025-2027").chapters.get(title="Jak plán vznikal")
        round_ = CommentRound.objects.get(plan__slug="sp-2025-2027")
        said = int(re.search(r"Přišl[aoy] (\d+) připomín", chapter.body)[1])
        assert said == round_.table_comments().count() == 4

    def test_the_settled_round_ran_as_the_chapter_says_and_rounds_close_at_the_end_of_a_day(self, db, debug):
        seed()
        chapter = Plan.objects.get(slug="sp-2025-2027").chapters.get(title="Jak plán vznikal")
        assert "od 16. 9. do 15. 10. 2024" in chapter.body
        settled = CommentRound.objects.get(plan__slug="sp-2025-2027")
        assert timezone.localtime(settled.opens_at).date() == datetime.date(2024, 9, 16)
        for round_ in CommentRound.objects.all():
            assert timezone.localtime(round_.closes_at).time() == datetime.time(23, 59)
        assert timezone.localtime(settled.closes_at).date() == datetime.date(2024, 10, 15)

    def test_every_member_has_a_name_of_their_own(self, db, debug):
        seed()
        members = User.objects.filter(person__memberships__isnull=False).distinct()
        names = Counter(user.get_full_name() for user in members)
        assert [name for name, count in names.items() if count > 1] == []
        assert names["Petr Svoboda"] == 1  # the demo member `clen`

    def test_no_commenter_gives_their_organisation_as_their_name(self, db, debug):
        seed()
        assert not Comment.objects.filter(organisation=F("name")).exists()


def test_groups_have_a_year_of_meetings_with_minutes_resolutions_tasks_and_targets(db, debug):
    seed()
    today = timezone.localdate()
    for group in Group.objects.all():
        held = group.meetings.held().filter(kind=Meeting.Kind.GROUP_MEETING)
        assert held.count() == 6, group
        assert 7 <= group.memberships.current().count() <= 20, group
        assert group.memberships.filter(person__user__isnull=True).exists()
        assert group.meetings.upcoming().exists()
    assert Meeting.objects.filter(kind=Meeting.Kind.WORKSHOP).count() == 2
    # A steering group's meeting is cancelled, in each area.
    assert Meeting.objects.filter(status=Meeting.Status.CANCELLED).count() == 2
    approved = MinutesVersion.objects.count()
    assert approved >= 30
    assert Meeting.objects.held().filter(minutes__status="draft").count() == 2  # one waiting, one late
    assert Resolution.objects.filter(number__isnull=False).count() >= 30
    for year in Resolution.objects.filter(group__slug="seniori").values_list("year", flat=True).distinct():
        numbers = Resolution.objects.filter(group__slug="seniori", year=year).values_list("number", flat=True)
        assert sorted(numbers) == list(range(1, len(numbers) + 1))  # without gaps, per group and year
    overdue = [task for task in Task.objects.all() if task.is_overdue(today)]
    assert overdue
    assert Task.objects.filter(status=Task.Status.DONE).exists()
    assert KeyActivity.objects.count() == 2
    assert MeetingTarget.objects.filter(min_hours__isnull=False, min_participants=10).count() == 2


def test_scale_multiplies_the_meetings(db, debug):
    seed("--scale", "2")
    assert Group.objects.get(slug="seniori").meetings.held().filter(kind=Meeting.Kind.GROUP_MEETING).count() == 12


def test_the_slovak_demo_is_a_microregion_whose_obce_approve_their_plan(db, debug, client):
    from planning.approvals import approval_progress

    seed("--country", "sk")
    assert SiteSettings.get_solo().country == "SK"
    plan = Plan.objects.get(slug="kpss-2026-2030")
    assert plan.status == Plan.Status.STEERING_APPROVED
    progress = approval_progress(plan)
    assert (progress.approved, progress.required) == (4, 6)
    assert {state.body.kind for state in progress.bodies} == {"municipal_council_sk"}
    assert [body.territory.name for body in progress.missing] == ["Stará Lehota", "Nová Lehota"]
    assert set(plan.covered_municipalities().values_list("parent__kind", flat=True)) == {"district"}
    assert all(measure.service_type.country == "SK" for measure in plan.measures.all())
    assert plan.comment_rounds.get().settlement_published_at
    response = client.get(plan.get_absolute_url())
    assert response["Content-Language"] == "sk"
    assert "Komunitný plán sociálnych služieb" in response.content.decode()
    seed("--country", "sk")  # again: the same rows
    assert Plan.objects.count() == 1
    assert plan.approving_bodies.count() == 6
