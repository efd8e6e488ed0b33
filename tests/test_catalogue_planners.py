"""The network of services for planners: registered capacity by service type × target group ×
municipality on a staff page and as CSV, and each measure's services of its type in the plan's
territory."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Facility, Provider, Service
from catalogue.network import capacities_of, services_by_type
from kpss.models import ServiceType, Territory
from planning.models import Measure, Plan
from tests.factories import TerritoryFactory
from tests.helpers import assert_queries_do_not_grow, count_queries, page_text
from tests.registry_items import ELSEWHERE, LIPOVEC, facility, run, service

HRADISTE = "554500"


def capacity(count, unit, form="pob"):
    return {"forma": {"id": f"FormaSocialniSluzby/{form}"},
            "kapacity": [{"pocet": count, "typ": {"id": f"TypKapacitySocialniSluzby/{unit}"}}]}


def provider(name, ico):
    return {"ico": ico, "nazev": name, "weby": [], "emaily": [], "telefony": []}


def place(name, obec=LIPOVEC, point=1):
    item = facility(name=name, obec=obec, point=point)
    item["adresa"]["obec"]["nazev"] = {LIPOVEC: "Lipovec", HRADISTE: "Hradiště", ELSEWHERE: "Jinde"}[obec]
    return item


@pytest.fixture
def network(db):
    """Two homes for seniors (40 and 20 beds; the second in Hradiště too and also for people with
    disabilities), a counselling service with 12 clients and 30 contacts, and a withdrawn home."""
    run(
        service(1, formy=[capacity(40, "luzka")], zarizeni=[place("Domov Lipovec", point=1)]),
        service(2, ico="00000002", poskytovatel=provider("Domov Hradiště", "00000002"),
                ciloveSkupiny=[{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}},
                               {"cilovaSkupina": {"id": "CilovaSkupinaOsoby/26"}}],
                formy=[capacity(20, "luzka")],
                zarizeni=[place("Domov Hradiště", HRADISTE, 2), place("Domov Hradiště – Lipovec", LIPOVEC, 3)]),
        service(3, type_code=1, ico="00000003", poskytovatel=provider("Poradna, z. s.", "00000003"),
                formy=[capacity(12, "klient", "amb"), capacity(30, "kontakt", "ter")],
                zarizeni=[place("Poradna Lipovec", point=4)]),
        service(4, ico="00000004", formy=[capacity(100, "luzka")], zarizeni=[place("Zavřený domov", point=5)]),
        municipalities=[LIPOVEC, HRADISTE],
    )
    Service.objects.filter(portal_id=4).update(withdrawn_at=timezone.now())


def overview(client, query=""):
    response = client.get(reverse("catalogue:capacity_overview") + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return response


class TestCapacityOverview:
    def test_sums_registered_capacity_per_type_and_unit(self, network, client_as, coordinator):
        response = overview(client_as(coordinator))
        rows = {row.label: (row.services, dict(row.capacity)) for row, _cells in response.context["rows"]}
        assert rows == {
            "§ 37 sociální poradenství": (1, {"klient": 12, "kontakt": 30}),
            "§ 49 domovy pro seniory": (2, {"luzka": 60}),  # the withdrawn home is not counted
        }
        assert [unit for unit, _name in response.context["units"]] == ["luzka", "klient", "kontakt"]
        assert response.context["total"].services == 3
        text = page_text(response)
        assert "§ 49 domovy pro seniory" in text
        assert ">60<" in text.replace(" ", "")

    def test_reads_thousands_in_czech_and_names_related_services(self, network, client_as, coordinator):
        run(service(5, type_code=18, ico="00000005", poskytovatel=provider("Linka, z. s.", "00000005"),
                    formy=[capacity(4000, "hovor", "ter")], zarizeni=[place("Linka Lipovec", point=6)]))
        local = Service.objects.create(name="Dluhová poradna", provider=Provider.objects.get(ico="00000005"))
        Facility.objects.create(service=local, name="Úřad", municipality_code=LIPOVEC, municipality="Lipovec")
        text = page_text(overview(client_as(coordinator)))
        assert "4 000" in text  # grouped (page_text shows the no-break space as a space)
        assert "související služby" in text
        assert "neznámý kód" not in text

    def test_filters_by_target_group_and_municipality(self, network, client_as, member_a):
        client = client_as(member_a)
        by_group = {row.label: row.capacity["luzka"] for row, _cells in
                    overview(client, "cilova_skupina=26").context["rows"]}
        assert by_group == {"§ 49 domovy pro seniory": 20}
        by_place = overview(client, f"obec={HRADISTE}")
        assert [(row.label, row.services) for row, _cells in by_place.context["rows"]] == [
            ("§ 49 domovy pro seniory", 1)]
        assert f'<option value="{HRADISTE}" selected>Hradiště</option>' in by_place.content.decode()

    def test_an_unknown_filter_value_is_ignored(self, network, client_as, coordinator):
        response = overview(client_as(coordinator), "cilova_skupina=9999&obec=<script>")
        assert response.context["total"].services == 3

    def test_the_csv_gives_type_target_group_and_municipality_and_is_formula_safe(self, network, client_as,
                                                                                 coordinator):
        Service.objects.filter(portal_id=3).update(type_code="=1+1", service_type=None)
        response = client_as(coordinator).get(reverse("catalogue:capacity_csv"))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert len(header) == 10
        cells = {(row[0], row[2], row[4], row[6]): (row[8], row[9]) for row in rows}
        assert cells[("49", "24", LIPOVEC, "luzka")] == ("60", "2")
        assert cells[("49", "24", HRADISTE, "luzka")] == ("20", "1")
        assert cells[("49", "26", HRADISTE, "luzka")] == ("20", "1")
        assert ("", "24", LIPOVEC, "klient") in cells
        assert not any(cell.startswith("=") for row in rows for cell in row)
        assert any(row[1] == "'=1+1" for row in rows)

    def test_the_csv_keeps_the_pages_filters(self, network, client_as, coordinator):
        response = client_as(coordinator).get(reverse("catalogue:capacity_csv") + f"?obec={HRADISTE}")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
        assert {row[4] for row in rows} == {HRADISTE}

    def test_query_count_does_not_grow_with_the_services(self, db, client_as, coordinator):
        client = client_as(coordinator)

        def add(count):
            start = Service.objects.count() + 1
            run(*[service(number, ico=f"{number:08d}", zarizeni=[place(f"Služba {number}", point=number)])
                  for number in range(start, start + count)])

        assert_queries_do_not_grow(lambda: overview(client), add, few=3, many=30)
        assert_queries_do_not_grow(lambda: client.get(reverse("catalogue:capacity_csv")), add, few=3, many=30)

    def test_who_may_open_it(self, network, client, client_as, member_a, steering_member, coordinator,
                             staff_without_role, inactive_member):
        url = reverse("catalogue:capacity_overview")
        assert client.get(url).status_code == 302  # the public is sent to sign in
        for reader in (member_a, steering_member, coordinator):
            assert client_as(reader).get(url).status_code == 200
        for outsider in (staff_without_role, inactive_member):
            assert client_as(outsider).get(url).status_code == 404
            assert client_as(outsider).get(reverse("catalogue:capacity_csv")).status_code == 404

    def test_the_staff_dashboard_links_it(self, client_as, member_a):
        response = client_as(member_a).get(reverse("planning:dashboard"))
        assert reverse("catalogue:capacity_overview") in response.content.decode()


def test_capacity_of_a_service_comes_from_its_forms_else_from_the_service():
    forms = [{"form": "amb", "capacities": [{"count": 12, "unit": "klient"}]},
             {"form": "ter", "capacities": [{"count": 3, "unit": "klient"}, {"count": None, "unit": "kontakt"}]}]
    assert capacities_of(forms, [{"count": 99, "unit": "klient"}]) == {"klient": 15}
    assert capacities_of([], [{"count": 5, "unit": "hovor"}]) == {"hovor": 5}
    assert capacities_of(None, None) == {}


class TestMeasureServices:
    @pytest.fixture
    def public_plan(self, plan, measure_a, measure_b):
        lipovec = TerritoryFactory(name="Lipovec", code=LIPOVEC)
        plan.territories.add(lipovec)
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_FORCE)
        homes = ServiceType.objects.get(country="CZ", section="49")
        Measure.objects.filter(pk=measure_a.pk).update(service_type=homes)
        return plan

    def test_the_measure_page_lists_public_services_of_its_type_in_the_territory(
        self, public_plan, measure_a, network, client,
    ):
        elsewhere = Service.objects.create(name="Domov Jinde", provider=Provider.objects.first(),
                                           service_type=ServiceType.objects.get(country="CZ", section="49"))
        Facility.objects.create(service=elsewhere, municipality_code=ELSEWHERE, municipality="Jinde")
        text = page_text(client.get(reverse("planning:measure_detail", args=[public_plan.slug, measure_a.pk])))
        assert "Domov Lipovec" in text
        assert "Domov Hradiště" in text  # a facility in Lipovec too
        assert "Domov Jinde" not in text  # outside the plan's territory
        assert "Zavřený domov" not in text  # withdrawn
        assert "Poradna Lipovec" not in text  # another type

    def test_a_measure_without_a_type_lists_nothing(self, public_plan, measure_b, network, client):
        text = page_text(client.get(reverse("planning:measure_detail", args=[public_plan.slug, measure_b.pk])))
        assert "Domov Lipovec" not in text

    def test_an_orp_territory_covers_its_municipalities(self, public_plan, network):
        orp = Territory.objects.create(name="ORP Lipovec", kind=Territory.Kind.ORP, code="3402")
        Territory.objects.filter(code=LIPOVEC).update(parent=orp)
        public_plan.territories.set([orp])
        measures = list(Measure.objects.filter(plan=public_plan))
        names = {service.name for services in services_by_type(measures, public_plan).values()
                 for service in services}
        assert names == {"Domov Lipovec", "Domov Hradiště"}

    def test_one_query_for_the_services_of_all_measures(self, public_plan, network):
        measures = list(Measure.objects.filter(plan=public_plan).select_related("goal"))
        counselling = ServiceType.objects.get(country="CZ", section="37")
        Measure.objects.filter(pk=measures[1].pk).update(service_type=counselling)
        measures = list(Measure.objects.filter(plan=public_plan))
        public_plan = Plan.objects.prefetch_related("territories").get(pk=public_plan.pk)
        grouped = {}
        assert count_queries(lambda: grouped.update(services_by_type(measures, public_plan))) == 1
        assert {type_id: [s.name for s in services] for type_id, services in grouped.items()} == {
            ServiceType.objects.get(country="CZ", section="49").pk: ["Domov Hradiště", "Domov Lipovec"],
            counselling.pk: ["Poradna Lipovec"],
        }
