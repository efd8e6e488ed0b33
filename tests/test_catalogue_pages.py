"""The public catalogue: the search blind to diacritics and case, each filter and their
combination, the count and pages, a service's and a provider's page; never a secret address, never
a withdrawn service; a query count that does not grow with the number of services."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import AgeGroup, Provider, Service
from kpss.models import ServiceType
from tests.helpers import page_text, query_counts, visible_text
from tests.registry_items import LIPOVEC, facility, run, service

LIST = "/katalog/"
PACLAVICE = "588555"


@pytest.fixture(autouse=True)
def _db(db):
    pass


@pytest.fixture
def english(client):
    """Counts in English, whose plurals the tests know whatever the Czech catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def place(name, code=LIPOVEC, **options):
    item = facility(name=name, obec=code, **options)
    item["adresa"]["obec"]["nazev"] = {LIPOVEC: "Lipovec", PACLAVICE: "Pačlavice"}.get(code, f"Obec {code}")
    return item


def provided_by(item, name):
    item["poskytovatel"] = {**item["poskytovatel"], "nazev": name}
    return item


def imported(*items):
    """The items imported as one complete run of the registry's file (the whole country)."""
    return run(*items, everything=True)


def catalogue():
    """A home for seniors in Lipovec, a care service in Pačlavice (field, for carers, non-stop), a
    counselling service in Lipovec (outpatient, for children) and a shelter with a secret address."""
    imported(
        service(1, type_code=13, facilities=[place("Domov pro seniory Lipovec")]),
        provided_by(service(
            2, type_code=4, ico="00222222", facilities=[place("Pečovatelská služba Pačlavice", PACLAVICE)],
            ciloveSkupiny=[{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/26"}}],
            formy=[{"forma": {"id": "FormaSocialniSluzby/ter"},
                    "kapacity": [{"pocet": 1, "typ": {"id": "TypKapacitySocialniSluzby/klient"}}]}]), "Charita Zábřeh"),
        provided_by(service(
            3, type_code=1, ico="00333333", nepretrzitePoskytovani=False, facilities=[place("Poradna Lipovec")],
            vekoveSkupiny=[{"vekovaSkupina": {"id": "VekovaSkupinaOsoby/2"}}],
            formy=[{"forma": {"id": "FormaSocialniSluzby/amb"},
                    "kapacity": [{"pocet": 5, "typ": {"id": "TypKapacitySocialniSluzby/kontakt"}}]}]),
            "Poradna, z. ú."),
        provided_by(service(4, type_code=23, ico="00444444",
                            facilities=[place("Azylový dům", secret=True, street="Tajná")]), "Naděje, z. s."),
    )
    AgeGroup.objects.create(registry_code="9", name="senioři nad 65 let")
    AgeGroup.objects.create(registry_code="2", name="děti do 6 let")


def names(response):
    return [service["name"] for service in response.context["services"]]


def listed(client, query=""):
    response = client.get(f"{LIST}?{query}" if query else LIST)
    assert response.status_code == 200
    return names(response)


# --- the search -------------------------------------------------------------------------------


def test_the_search_is_blind_to_diacritics_and_case(client):
    catalogue()
    assert listed(client, "q=pecovatelska") == ["Pečovatelská služba Pačlavice"]
    assert listed(client, "q=PACLAVICE") == ["Pečovatelská služba Pačlavice"]
    assert listed(client, "q=Pačlavice") == ["Pečovatelská služba Pačlavice"]
    assert listed(client, "q=POČLAVICE") == []


def test_the_search_covers_provider_type_municipality_and_description(client):
    catalogue()
    Service.objects.filter(portal_id=3).update(search_text=Service.objects.get(portal_id=3).search_text + " dluhy")
    assert listed(client, "q=domov pro seniory lipovec p. o.") == ["Domov pro seniory Lipovec"]  # the provider
    assert listed(client, "q=socialni poradenstvi") == ["Poradna Lipovec"]  # the type
    assert listed(client, "q=dluhy") == ["Poradna Lipovec"]  # the description
    assert listed(client, "q=nadeje") == ["Azylový dům"]
    assert listed(client, "q=lipovec") == ["Azylový dům", "Domov pro seniory Lipovec", "Poradna Lipovec"]


def test_a_local_description_is_searched_once_the_coordinator_saves_it(client):
    catalogue()
    counselling = Service.objects.get(portal_id=3)
    counselling.local_description = "Pomáháme s exekucemi."
    counselling.refresh_search()
    counselling.save()
    assert listed(client, "q=exekucemi") == ["Poradna Lipovec"]


# --- filters ----------------------------------------------------------------------------------


def test_each_filter(client):
    catalogue()
    home = ServiceType.objects.get(country="CZ", section="49")
    assert listed(client, f"druh={home.pk}") == ["Domov pro seniory Lipovec"]
    assert listed(client, "cilova_skupina=26") == ["Pečovatelská služba Pačlavice"]
    assert listed(client, "vek=2") == ["Poradna Lipovec"]
    assert listed(client, "forma=ter") == ["Pečovatelská služba Pačlavice"]
    assert listed(client, "forma=amb") == ["Poradna Lipovec"]
    assert listed(client, f"obec={PACLAVICE}") == ["Pečovatelská služba Pačlavice"]
    assert "Poradna Lipovec" not in listed(client, "nonstop=on")
    assert len(listed(client, "nonstop=on")) == 3


def test_the_type_filter_groups_types_and_offers_related_services(client):
    catalogue()
    related = Service.objects.create(provider=Provider.objects.first(), name="Dluhová poradna města")
    response = client.get(LIST)
    choices = response.context["filters"].form.fields["druh"].choices
    groups = {str(label): options for label, options in choices if isinstance(options, list | tuple)}
    czech = ("counselling", "care", "prevention")
    assert list(groups) == [str(ServiceType.Category(category).label) for category in czech]
    care = ServiceType.objects.get(country="CZ", section="40")
    assert (care.pk, str(care)) in groups[str(ServiceType.Category.CARE.label)]
    assert re.search(r'<optgroup label="[^"]+">\s*<option value="\d+"', page_text(response))
    assert listed(client, "druh=souvisejici") == [related.name]


def test_the_municipality_filter_offers_where_public_services_are(client):
    catalogue()
    choices = dict(client.get(LIST).context["filters"].form.fields["obec"].choices)
    assert choices == {"": choices[""], LIPOVEC: "Lipovec", PACLAVICE: "Pačlavice"}


def test_an_invalid_choice_is_left_out(client):
    catalogue()
    assert len(listed(client, "forma=xyz&obec=nikde&druh=abc")) == 4


def test_combined_filters_and_pages_keep_the_state(client):
    catalogue()
    imported(*[service(100 + number, type_code=4, facilities=[place(f"Pečovatelská služba {number:02}")])
               for number in range(45)])
    query = "q=pecovatelska&forma=pob&cilova_skupina=24&obec=554499&nonstop=on"
    first = client.get(f"{LIST}?{query}")
    assert first.context["page"].paginator.count == 45
    assert len(names(first)) == 20
    html = first.content.decode()
    next_link = f'href="?{query.replace("&", "&amp;")}&amp;strana=2"'
    assert next_link in html
    third = client.get(f"{LIST}?{query}&strana=3")
    assert names(third) == [f"Pečovatelská služba {number:02}" for number in range(40, 45)]
    form = third.content.decode()
    assert 'value="pecovatelska"' in form
    assert re.search(r'<option value="pob" selected>', form)
    assert re.search(r'<option value="24" selected>', form)
    assert re.search(r'name="nonstop"[^>]*checked', form)


def test_the_filters_are_a_get_form_with_labels_and_a_button(client):
    catalogue()
    html = client.get(LIST).content.decode()
    form = re.search(r"<form method=\"get\".*?</form>", html, re.S).group(0)
    for name in ("q", "druh", "cilova_skupina", "vek", "forma", "obec", "nonstop"):
        field_id = re.search(rf'name="{name}"[^>]*id="([^"]+)"|id="([^"]+)"[^>]*name="{name}"', form)
        assert field_id, name
        assert f'for="{field_id.group(1) or field_id.group(2)}"' in form, name
    assert '<button type="submit"' in form


# --- the count --------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "text"), [(0, "Found 0 services"), (1, "Found 1 service"),
                                             (3, "Found 3 services"), (12, "Found 12 services")])
def test_the_count_of_results(english, count, text):
    if count:
        imported(*[service(number, facilities=[place(f"Služba {number}")]) for number in range(1, count + 1)])
    assert text in visible_text(english.get(LIST))


# --- a service's page -------------------------------------------------------------------------


def test_the_page_of_a_service(english):
    catalogue()
    home = Service.objects.get(portal_id=1)
    home.local_opening_hours = "Po–Pá 8–16"
    home.local_note = "Přijímáme žádosti."
    home.save()
    response = english.get(reverse("catalogue:service_detail", args=[home.pk]))
    text = visible_text(response)
    for expected in ["Domov pro seniory Lipovec", "§ 49", "IČO: 00123456", "info@domov.example",
                     "https://domov.example", "+420 377 000 111", "socialni@domov.example",
                     "40 beds", "Nádražní 12, 339 01 Lipovec", "Area served Lipovec", "Po–Pá 8–16",
                     "Přijímáme žádosti.", "senioři", "senioři nad 65 let", "1000001",
                     "Data from the registry last imported"]:
        assert expected in text, expected
    assert reverse("catalogue:provider_detail", args=[home.provider_id]) in response.content.decode()


def test_capacities_have_units_with_plurals(english):
    catalogue()
    text = visible_text(english.get(reverse("catalogue:service_detail",
                                            args=[Service.objects.get(portal_id=2).pk])))
    assert "1 client" in text
    assert "1 clients" not in text
    text = visible_text(english.get(reverse("catalogue:service_detail",
                                            args=[Service.objects.get(portal_id=3).pk])))
    assert "5 contacts" in text


def test_unknown_codes_show_as_codes(english):
    imported(service(1, type_code=77, ciloveSkupiny=[{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/77"}}]))
    text = visible_text(english.get(reverse("catalogue:service_detail", args=[Service.objects.get().pk])))
    assert "code 77 in the registry" in text
    assert "code 77" in text.replace("code 77 in the registry", "")


def test_a_secret_address_is_never_shown(client):
    catalogue()
    shelter = Service.objects.get(portal_id=4)
    html = page_text(client.get(reverse("catalogue:service_detail", args=[shelter.pk])))
    assert "Tajná" not in html
    assert "12345678" not in html
    assert "339 01" not in html
    assert "Lipovec" in html
    assert "Tajná" not in page_text(client.get(LIST))


def test_a_related_service_is_not_in_the_registry(english):
    catalogue()
    related = Service.objects.create(provider=Provider.objects.first(), name="Dluhová poradna města",
                                     local_description="Poradna města.")
    text = visible_text(english.get(reverse("catalogue:service_detail", args=[related.pk])))
    assert "not in the registry of social services" in text
    assert "Registration identifier" not in text


def test_a_withdrawn_service_answers_404_and_is_not_listed(client):
    catalogue()
    imported(service(1, facilities=[place("Domov pro seniory Lipovec")]))  # the others left the registry
    gone = Service.objects.get(portal_id=2)
    assert gone.withdrawn_at is not None
    assert client.get(reverse("catalogue:service_detail", args=[gone.pk])).status_code == 404
    assert client.get(reverse("catalogue:provider_detail", args=[gone.provider_id])).status_code == 404
    assert listed(client) == ["Domov pro seniory Lipovec"]
    assert listed(client, "q=pecovatelska") == []


# --- a provider's page ------------------------------------------------------------------------


def test_the_page_of_a_provider_lists_its_public_services(client):
    imported(service(1, facilities=[place("Domov A")]), service(2, facilities=[place("Domov B")]),
             service(3, ico="00999999", facilities=[place("Cizí domov")]))
    provider = Provider.objects.get(ico="00123456")
    response = client.get(reverse("catalogue:provider_detail", args=[provider.pk]))
    text = visible_text(response)
    assert "00123456" in text
    assert "Domov pro seniory Lipovec, p. o." in text
    assert "info@domov.example" in text
    assert "Domov A" in text
    assert "Domov B" in text
    assert "Cizí domov" not in text


def test_a_provider_without_services_answers_404(client):
    provider = Provider.objects.create(ico="00000001", name="Nikdo")
    assert client.get(reverse("catalogue:provider_detail", args=[provider.pk])).status_code == 404


# --- queries ----------------------------------------------------------------------------------


def test_queries_do_not_grow_with_services(client):
    def items(count):
        return [service(number, ico=f"{number:08d}", facilities=[place(f"Služba {number}"),
                                                                place(f"Pobočka {number}", PACLAVICE)])
                for number in range(1, count + 1)]

    def pages():
        first = Service.objects.order_by("pk").first()
        return {"list": LIST, "search": f"{LIST}?q=sluzba&forma=pob&cilova_skupina=24&strana=1",
                "detail": reverse("catalogue:service_detail", args=[first.pk]),
                "provider": reverse("catalogue:provider_detail", args=[first.provider_id])}

    imported(*items(3))
    few = query_counts(client, pages())
    imported(*items(30))
    many = query_counts(client, pages())
    assert few == many
    assert max(many.values()) <= 15, many


def test_a_search_reads_the_keys_of_its_matches_and_then_its_pages_rows(client):
    imported(*[service(number, facilities=[place(f"Pečovatelská služba {number:02}")]) for number in range(1, 26)])
    client.get(LIST)  # the catalogue's cached facts (filter choices, the count of the whole list)
    with CaptureQueriesContext(connection) as searched:
        second_page = client.get(f"{LIST}?q=pecovatelska&strana=2")
    assert second_page.context["page"].paginator.count == 25
    assert names(second_page) == [f"Pečovatelská služba {number:02}" for number in range(21, 26)]
    keys, rows = [query["sql"] for query in searched.captured_queries if '"catalogue_service"' in query["sql"]]
    assert "COUNT(" not in keys.upper()  # the count is the number of keys
    assert "JOIN" not in keys
    # The provider and the type are joined to the page's rows only, not to every match.
    assert re.search(r'WHERE "catalogue_service"."id" IN \(\d+, \d+, \d+, \d+, \d+\)', rows), rows
    with CaptureQueriesContext(connection) as listed_all:
        whole = client.get(LIST)
    assert whole.context["page"].paginator.count == 25
    assert not [query for query in listed_all.captured_queries if "COUNT(" in query["sql"].upper()]


def test_a_search_finding_more_than_it_reads_keys_of_counts_them_apart(client, monkeypatch):
    monkeypatch.setattr("kpss.pagination.MAX_KEYS", 10)
    imported(*[service(number, facilities=[place(f"Pečovatelská služba {number:02}")]) for number in range(1, 26)])
    for asked, shown, expected in [("2", 2, range(21, 26)), ("1", 1, range(1, 21)), ("9", 2, range(21, 26))]:
        with CaptureQueriesContext(connection) as searched:
            response = client.get(f"{LIST}?q=pecovatelska&strana={asked}")
        page = response.context["page"]
        assert (page.number, page.paginator.count) == (shown, 25)
        assert names(response) == [f"Pečovatelská služba {number:02}" for number in expected]
        assert any("COUNT(" in query["sql"].upper() for query in searched.captured_queries)


@pytest.mark.parametrize(("asked", "shown"), [("3", 2), ("99", 2), ("nic", 1), ("0", 1), ("-1", 1)])
def test_a_page_out_of_range_shows_the_nearest(client, asked, shown):
    imported(*[service(number, facilities=[place(f"Pečovatelská služba {number:02}")]) for number in range(1, 26)])
    for query in ("q=pecovatelska&", ""):
        page = client.get(f"{LIST}?{query}strana={asked}").context["page"]
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (shown, 25, 2), query
        assert len(page.object_list) == (5 if shown == 2 else 20)


def test_a_search_that_finds_nothing_says_so(client):
    catalogue()
    response = client.get(f"{LIST}?q=nenajdete")
    assert response.context["page"].paginator.count == 0
    assert "Hledání a filtrům neodpovídá žádná služba." in page_text(response)


def test_with_a_territory_the_municipality_filter_offers_its_municipalities(client):
    """A catalogue imported with --all would otherwise offer every municipality of the country."""
    from tests.factories import TerritoryFactory

    catalogue()
    TerritoryFactory(kind="municipality", code=PACLAVICE, name="Pačlavice")
    choices = dict(client.get(LIST).context["filters"].form.fields["obec"].choices)
    assert list(choices)[1:] == [PACLAVICE]
    assert listed(client, f"obec={PACLAVICE}") == ["Pečovatelská služba Pačlavice"]


def test_the_filters_choices_follow_every_change_of_what_they_are_built_from(client):
    """The choices are cached under the catalogue's revision: each change below must show at the
    next page, and a page whose choices are cached builds them with no query of its own."""
    from tests.factories import TerritoryFactory

    def choices(name):
        return dict(client.get(LIST).context["filters"].form.fields[name].choices)

    catalogue()
    assert PACLAVICE in choices("obec")
    with CaptureQueriesContext(connection) as cached:
        client.get(LIST)
    tables = ('FROM "kpss_servicetype"', 'FROM "kpss_targetgroup"', 'FROM "catalogue_agegroup"',
              'FROM "kpss_territory"')
    assert not [query for query in cached.captured_queries if query["sql"].startswith("SELECT") and any(
        table in query["sql"] for table in tables)]

    TerritoryFactory(kind="municipality", code=PACLAVICE, name="Pačlavice")
    assert list(choices("obec"))[1:] == [PACLAVICE]
    care = ServiceType.objects.get(country="CZ", section="40")
    care.name = "pečovatelská služba (přejmenováno)"
    care.save()
    assert any("(přejmenováno)" in label for options in choices("druh").values() if isinstance(options, list)
               for _value, label in options)
    AgeGroup.objects.create(registry_code="5", name="mladí dospělí")
    assert choices("vek")["5"] == "mladí dospělí"
    imported(service(9, ico="00999999", facilities=[place("Služba v Kroměříži", "588296")]))
    TerritoryFactory(kind="municipality", code="588296", name="Kroměříž")
    assert "588296" in choices("obec")


def test_a_card_names_the_municipalities_of_the_facilities_as_the_last_import_had_them(client):
    catalogue()
    imported(service(5, ico="00555555", facilities=[place("Pobočka Pačlavice", PACLAVICE), place("Centrum"),
                                                    place("Druhé centrum")]))
    card = visible_text(client.get(f"{LIST}?q=pobocka"))
    assert re.search(r"Obce\s+Lipovec, Pačlavice", card), card
    imported(service(5, ico="00555555", facilities=[place("Pobočka Pačlavice", PACLAVICE)]))
    card = visible_text(client.get(f"{LIST}?q=pobocka"))
    assert re.search(r"Obce\s+Pačlavice\s", card), card


def test_an_overlong_query_is_refused_next_to_the_field(client):
    catalogue()
    response = client.get(f"{LIST}?q={'slovo+' * 300}")
    assert response.status_code == 200
    assert response.context["filters"].form.errors["q"]
    assert 'aria-invalid="true"' in response.content.decode()
