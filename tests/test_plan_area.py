"""The area of a plan: the territories it covers without those it leaves out, as the municipalities
they make up (ORP Klatovy + Mikroregion Touškovsko − Mikroregion Běleč − DSO Úhlava)."""

import pytest
from django.urls import reverse

from catalogue.importer import import_registry
from catalogue.models import Service
from catalogue.network import services_by_type
from kpss.models import ServiceType, Territory
from planning.models import Plan
from tests.factories import MeasureFactory, PlanFactory, TerritoryFactory
from tests.helpers import admin_form_data, assert_queries_do_not_grow, count_queries, open_form, page_text
from tests.registry_items import ELSEWHERE, LIPOVEC, TODAY, facility, registry, service

Kind = Territory.Kind


@pytest.fixture
def klatovsko(db):
    """ORP Klatovy (Klatovy, Běšiny, Bezděkov, Dolany), ORP Nýřany (Město Touškov, Kozolupy),
    Mikroregion Touškovsko (Město Touškov, Kozolupy, and Běšiny of ORP Klatovy), Mikroregion Běleč
    (Bezděkov) and DSO Úhlava (Dolany, Bezděkov: a municipality in two unions)."""
    region = TerritoryFactory(name="Plzeňský kraj", kind=Kind.REGION, code="CZ032")
    klatovy_orp = TerritoryFactory(name="Klatovy", kind=Kind.ORP, code="3204", parent=region)
    nyrany_orp = TerritoryFactory(name="Nýřany", kind=Kind.ORP, code="3206", parent=region)
    places = {name: TerritoryFactory(name=name, code=code, parent=orp) for name, code, orp in [
        ("Klatovy", "555771", klatovy_orp), ("Běšiny", "555789", klatovy_orp), ("Bezděkov", "555797", klatovy_orp),
        ("Dolany", "555827", klatovy_orp), ("Město Touškov", "559717", nyrany_orp), ("Kozolupy", "559342", nyrany_orp),
    ]}
    unions = {}
    for name, kind, members in [("Mikroregion Touškovsko", Kind.MICROREGION, ["Město Touškov", "Kozolupy", "Běšiny"]),
                                ("Mikroregion Běleč", Kind.MICROREGION, ["Bezděkov"]),
                                ("DSO Úhlava", Kind.DSO, ["Dolany", "Bezděkov"])]:
        unions[name] = TerritoryFactory(name=name, kind=kind, code="")
        unions[name].members.set([places[member] for member in members])
    return {"region": region, "klatovy_orp": klatovy_orp, "nyrany_orp": nyrany_orp, **places, **unions}


def names(municipalities):
    return sorted(municipality.name for municipality in municipalities)


def test_the_territories_add_up_without_counting_a_municipality_twice(klatovsko):
    # Běšiny lies in ORP Klatovy and in Mikroregion Touškovsko: listed once.
    covered = Territory.objects.covered_by([klatovsko["klatovy_orp"].pk, klatovsko["Mikroregion Touškovsko"].pk])
    assert names(covered) == sorted(["Běšiny", "Bezděkov", "Dolany", "Klatovy", "Kozolupy", "Město Touškov"])
    assert names(Territory.objects.covered_by([klatovsko["region"].pk])) == names(covered)
    assert names(Territory.objects.covered_by([klatovsko["Klatovy"].pk])) == ["Klatovy"]
    assert names(Territory.objects.covered_by([])) == []


def test_the_unions_left_out_take_their_municipalities_away(klatovsko):
    area = Territory.objects.area(
        [klatovsko["klatovy_orp"].pk, klatovsko["Mikroregion Touškovsko"].pk],
        [klatovsko["Mikroregion Běleč"].pk, klatovsko["DSO Úhlava"].pk])
    # Bezděkov is in both unions left out, Dolany in one of them.
    assert names(area) == sorted(["Běšiny", "Klatovy", "Kozolupy", "Město Touškov"])


def test_leaving_out_a_municipality_the_area_does_not_hold_changes_nothing(klatovsko):
    area = Territory.objects.area([klatovsko["nyrany_orp"].pk], [klatovsko["DSO Úhlava"].pk])
    assert names(area) == ["Kozolupy", "Město Touškov"]


def test_a_plan_lists_its_area_in_one_query(klatovsko):
    plan = PlanFactory()
    plan.territories.set([klatovsko["klatovy_orp"], klatovsko["Mikroregion Touškovsko"]])
    plan.excluded_territories.set([klatovsko["Mikroregion Běleč"], klatovsko["DSO Úhlava"]])
    found = []
    assert count_queries(lambda: found.extend(plan.covered_municipalities())) == 1
    assert names(found) == sorted(["Běšiny", "Klatovy", "Kozolupy", "Město Touškov"])


def test_the_measures_services_are_those_of_the_area(klatovsko):
    import_registry(registry(service(1, facilities=[facility(obec="555771", point=1)]),  # Klatovy
                             service(2, facilities=[facility(obec="555797", point=2)])),  # Bezděkov: left out
                    today=TODAY, everything=True)
    plan = PlanFactory()
    plan.territories.set([klatovsko["klatovy_orp"]])
    plan.excluded_territories.set([klatovsko["Mikroregion Běleč"]])
    homes = ServiceType.objects.get(country="CZ", section="49")
    measure = MeasureFactory(goal__priority__plan=plan, service_type=homes)
    found = services_by_type([measure], plan)[homes.pk]
    assert [service.portal_id for service in found] == [1]


def test_an_import_without_a_filter_takes_the_area_of_the_plans_not_archived(klatovsko):
    TerritoryFactory(name="Lipovec", code=LIPOVEC, parent=klatovsko["klatovy_orp"])
    file = [service(1), service(2, facilities=[facility(obec="555797", point=2)]),
            service(3, facilities=[facility(obec=ELSEWHERE, point=3)])]
    plan = PlanFactory(status=Plan.Status.IN_FORCE)
    plan.territories.set([klatovsko["klatovy_orp"]])
    plan.excluded_territories.set([klatovsko["Mikroregion Běleč"]])  # Bezděkov
    archived = PlanFactory(slug="stary", status=Plan.Status.ARCHIVED)
    archived.territories.set([klatovsko["Mikroregion Běleč"]])
    report = import_registry(registry(*file), today=TODAY)
    assert (report.created, report.skipped) == (1, 2)
    assert list(Service.objects.values_list("portal_id", flat=True)) == [1]


@pytest.fixture
def klatovy_plan(klatovsko):
    plan = PlanFactory(status=Plan.Status.IN_FORCE)
    plan.territories.set([klatovsko["klatovy_orp"], klatovsko["Mikroregion Touškovsko"]])
    plan.excluded_territories.set([klatovsko["Mikroregion Běleč"], klatovsko["DSO Úhlava"]])
    return plan


def test_the_plan_page_shows_the_area_and_its_municipalities(client, klatovy_plan):
    text = page_text(client.get(klatovy_plan.get_absolute_url()))
    assert "Klatovy, Mikroregion Touškovsko" in text
    assert ">Vynechaná území</dt>" in text
    assert ">DSO Úhlava, Mikroregion Běleč</dd>" in text
    assert "4 obce" in text
    assert "Bezděkov" not in text
    assert "Dolany" not in text


def test_the_plan_page_reads_the_area_in_one_query_however_large(client, klatovy_plan, klatovsko):
    def add_municipalities(count):
        for _index in range(count):
            klatovsko["Mikroregion Touškovsko"].members.add(TerritoryFactory(parent=klatovsko["nyrany_orp"]))

    assert_queries_do_not_grow(lambda: client.get(klatovy_plan.get_absolute_url()), add_municipalities)


def test_a_version_keeps_the_area_it_had(klatovy_plan):
    from planning.versions import snapshot

    facts = snapshot(klatovy_plan)["plan"]
    assert facts["territories_left_out"] == ["DSO Úhlava", "Mikroregion Běleč"]
    assert sorted(facts["municipalities"]) == sorted(["Běšiny", "Klatovy", "Kozolupy", "Město Touškov"])


def test_the_coordinator_sets_the_area_in_the_admin_and_a_territory_cannot_be_both(client_as, coordinator, klatovsko):
    plan = PlanFactory()
    url = reverse("admin:planning_plan_change", args=[plan.pk])
    client = client_as(coordinator)
    shown = open_form(client, url, fields=["territories", "excluded_territories"])
    assert "Území plánu" in page_text(shown)
    orp, union = klatovsko["klatovy_orp"], klatovsko["DSO Úhlava"]
    refused = client.post(url, admin_form_data(shown, territories=[orp.pk, union.pk], excluded_territories=[union.pk]))
    assert refused.status_code == 200
    assert "Území nemůže být zároveň zahrnuté i vynechané: DSO Úhlava." in page_text(refused)
    plan.refresh_from_db()
    assert not plan.territories.exists()  # nothing half-saved
    saved = client.post(url, admin_form_data(shown, territories=[orp.pk], excluded_territories=[union.pk]))
    assert saved.status_code == 302
    assert names(plan.covered_municipalities()) == sorted(["Běšiny", "Klatovy"])
