"""Import of the registry of social service providers (RPSS open data), with small handcrafted
files in the registry's shape: scope, idempotence, withdrawal, secret addresses, duplicates,
ended registrations, IČO with leading zeros, unknown codes, broken files."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.importer import RegistryFileError, import_registry
from catalogue.models import AgeGroup, Facility, ImportRun, Provider, Service
from catalogue.services import TRIGRAM_INDEXES
from tests.factories import TerritoryFactory
from tests.registry_items import ELSEWHERE, LIPOVEC, TODAY, facility, registry, run, service


@pytest.fixture(autouse=True)
def _db(db):
    pass


def test_imports_a_service_with_its_provider_facilities_forms_and_contacts():
    report = run(service())
    assert (report.created, report.updated, report.unchanged, report.status) == (1, 0, 0, ImportRun.Status.DONE)
    imported = Service.objects.get(portal_id=1)
    assert imported.name == "Domov Lipovec"  # the registry gives no name: it comes from the facility
    assert imported.service_type.section == "49"
    assert imported.forms == [{"form": "pob", "capacities": [{"count": 40, "unit": "luzka"}]}]
    assert imported.target_group_codes == ["24"]
    assert imported.non_stop
    assert imported.emails == ["socialni@domov.example"]
    assert imported.provider.ico == "00123456"
    assert imported.provider.websites == ["https://domov.example"]
    [place] = imported.facilities.all()
    assert (place.street, place.house_number, place.municipality_code) == ("Nádražní", "12", LIPOVEC)


def test_statutory_bodies_are_never_stored():
    run(service())
    stored = json.dumps([list(Provider.objects.values()), list(Service.objects.values())], default=str)
    assert "Ředitelová" not in stored


def test_a_secret_address_keeps_only_its_municipality():
    run(service(facilities=[facility(name="Azylový dům", secret=True)]))
    place = Facility.objects.get()
    assert place.secret_address
    assert (place.street, place.house_number, place.postcode, place.address_point) == ("", "", "", "")
    assert place.municipality == "Lipovec"


def test_an_ico_read_as_a_number_keeps_its_leading_zeros():
    run(service(ico=123456))
    assert Provider.objects.get().ico == "00123456"


def test_ended_registrations_and_facilities_are_skipped_and_duplicates_dropped():
    report = run(
        service(1, datumPoskytovaniDo="2020-12-31"),
        service(2, facilities=[facility(), facility(), facility(name="Pobočka", ends="2021-06-30", point=2)]),
    )
    assert (report.created, report.skipped) == (1, 1)
    assert Facility.objects.filter(service__portal_id=2).count() == 1


def test_services_outside_the_scope_are_skipped():
    report = run(service(1), service(2, facilities=[facility(obec=ELSEWHERE, okres="0000")]))
    assert (report.created, report.skipped) == (1, 1)
    assert run(service(2, facilities=[facility(obec=ELSEWHERE, okres="0000")]), municipalities=[],
               districts=["0000"]).created == 1


def test_without_a_filter_the_portals_territories_are_the_scope():
    TerritoryFactory(code=LIPOVEC)
    report = import_registry(registry(service(1), service(2, facilities=[facility(obec=ELSEWHERE)])), today=TODAY)
    assert (report.created, report.skipped) == (1, 1)
    assert import_registry(registry(service(2, facilities=[facility(obec=ELSEWHERE)])), today=TODAY,
                           everything=True).created == 1


def test_a_reimport_without_changes_writes_nothing():
    run(service(1), service(2, ico="87654321"))
    with CaptureQueriesContext(connection) as queries:
        report = run(service(1), service(2, ico="87654321"))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
              and "catalogue_importrun" not in q["sql"]]
    assert writes == []


def test_a_change_updates_in_place_and_keeps_what_the_coordinator_wrote():
    run(service())
    Service.objects.update(local_description="Naše poznámka", local_opening_hours="Po–Pá 8–16")
    pk = Service.objects.get().pk
    report = run(service(formy=[{"forma": {"id": "FormaSocialniSluzby/amb"}, "kapacity": []}]))
    assert report.updated == 1
    changed = Service.objects.get()
    assert changed.pk == pk
    assert changed.forms == [{"form": "amb", "capacities": []}]
    assert (changed.local_description, changed.local_opening_hours) == ("Naše poznámka", "Po–Pá 8–16")


def test_services_that_left_the_registry_are_withdrawn_not_deleted_and_come_back():
    run(service(1), service(2))
    report = run(service(1))
    assert report.withdrawn == 1
    assert Service.objects.get(portal_id=2).withdrawn_at is not None
    assert run(service(1), service(2)).updated == 1
    assert Service.objects.get(portal_id=2).withdrawn_at is None


def test_an_unknown_type_code_keeps_the_service_and_is_reported():
    report = run(service(type_code=99))
    imported = Service.objects.get()
    assert (imported.type_code, imported.service_type) == ("99", None)
    assert [code for code in report.unknown_codes if code["code"].startswith("Druh")] == [
        {"code": "DruhSocialniSluzby/99", "services": 1}]


def test_items_without_portal_id_or_ico_are_rejected_with_the_reason():
    report = run(service(1, portalId=None), service(2, ico=""), service(3))
    assert report.created == 1
    assert [r["id"] for r in report.rejected] == ["SocialniSluzba/1", "SocialniSluzba/2"]
    assert all(r["reason"] for r in report.rejected)


@pytest.mark.parametrize("content", [
    b'{"polozky": [' + json.dumps(service(2)).encode()[:200],  # truncated
    b"<html>not json</html>",
    b'{"items": []}',  # the wrong shape
])
def test_a_broken_file_fails_clearly_and_changes_nothing(content):
    run(service(1))
    before = list(Service.objects.values_list("portal_id", "registry_digest", "withdrawn_at"))
    with pytest.raises(RegistryFileError):
        import_registry(io.BytesIO(content), today=TODAY, municipalities=[LIPOVEC])
    assert list(Service.objects.values_list("portal_id", "registry_digest", "withdrawn_at")) == before
    failed = ImportRun.objects.order_by("-pk").first()
    assert failed.status == ImportRun.Status.FAILED
    assert failed.error


def test_a_file_broken_after_chunks_were_written_changes_nothing(monkeypatch):
    monkeypatch.setattr("catalogue.importer.CHUNK", 2)  # chunks written (on PostgreSQL copied in the background)
    run(service(1))
    before = list(Service.objects.values_list("portal_id", "registry_digest", "withdrawn_at"))
    whole = registry(*[service(number, facilities=[facility(point=number)]) for number in range(2, 9)]).getvalue()
    with pytest.raises(RegistryFileError):
        import_registry(io.BytesIO(whole[:-40]), today=TODAY, municipalities=[LIPOVEC])
    assert list(Service.objects.values_list("portal_id", "registry_digest", "withdrawn_at")) == before
    assert Facility.objects.count() == 1


def test_a_dry_run_reports_and_saves_nothing():
    report = run(service(1), dry_run=True)
    assert report.created == 1
    assert not Service.objects.exists()
    assert not Provider.objects.exists()


def test_the_command_reports_in_czech_and_fails_on_a_broken_file(tmp_path):
    good = tmp_path / "rpss.json"
    good.write_bytes(registry(service(1), service(2, type_code=99)).getvalue())
    out = io.StringIO()
    call_command("import_rpss", str(good), "--obec", LIPOVEC, stdout=out)
    assert "nové 2" in out.getvalue()
    assert "neznámý kód DruhSocialniSluzby/99" in out.getvalue()
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"polozky": [{"portalId": 1')
    with pytest.raises(CommandError):
        call_command("import_rpss", str(broken), "--all", stdout=io.StringIO())



def test_services_are_written_in_chunks_that_share_providers(monkeypatch):
    monkeypatch.setattr("catalogue.importer.CHUNK", 2)
    items = [service(number, ico="00000001" if number % 2 else "00000002",
                     facilities=[facility(name=f"Místo {number}", point=number)]) for number in range(1, 6)]
    report = run(*items)
    assert report.created == 5
    assert Provider.objects.count() == 2
    assert sorted(Facility.objects.values_list("name", flat=True)) == [f"Místo {n}" for n in range(1, 6)]
    items[3]["zarizeni"][0]["nazev"] = "Přejmenované místo"
    again = run(*items)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 4)
    assert Facility.objects.filter(service__portal_id=4).get().name == "Přejmenované místo"


def test_unknown_target_and_age_group_codes_are_reported_until_the_coordinator_names_them():
    item = service(ciloveSkupiny=[{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}},
                                  {"cilovaSkupina": {"id": "CilovaSkupinaOsoby/77"}}])
    report = run(item)
    assert report.unknown_codes == [{"code": "CilovaSkupinaOsoby/77", "services": 1},
                                    {"code": "VekovaSkupinaOsoby/9", "services": 1}]
    assert Service.objects.get().target_group_codes == ["24", "77"]  # kept, the service is not lost
    AgeGroup.objects.create(registry_code="9", name="senioři nad 80 let")
    assert run(item).unknown_codes == [{"code": "CilovaSkupinaOsoby/77", "services": 1}]


def test_search_columns_are_blind_to_case_and_diacritics_and_filters_use_the_codes():
    run(service(zarizeni=[facility(name="Pečovatelská služba Pačlavice")]),
        service(portal_id=2, type_code=4, ciloveSkupiny=[], formy=[{"forma": {"id": "FormaSocialniSluzby/ter"}}]))
    assert list(Service.objects.search("pecovatelska PACLAVICE").values_list("portal_id", flat=True)) == [1]
    assert Service.objects.search("lipovec").count() == 2  # the municipality served is searched too
    assert list(Service.objects.with_code("tg", "24").values_list("portal_id", flat=True)) == [1]
    assert list(Service.objects.with_code("form", "ter").values_list("portal_id", flat=True)) == [2]
    assert Service.objects.serving_municipality(LIPOVEC).count() == 2
    assert Service.objects.serving_municipality(ELSEWHERE).count() == 0


def test_items_outside_the_scope_are_skipped_and_broken_ones_rejected():
    outside = facility(obec=ELSEWHERE, okres="0000")
    broken = facility(obec=ELSEWHERE, okres="0000")
    broken["adresa"]["ulice"] = "Nádražní"  # not the registry's shape: rejected, in the scope or not
    report = run(service(1), service(2, facilities=[outside]), service(3, facilities=[broken]))
    assert (report.created, report.skipped) == (1, 1)
    assert [r["id"] for r in report.rejected] == ["SocialniSluzba/3"]


def test_the_garbage_collector_runs_again_after_a_run_complete_or_broken():
    import gc

    run(service(1))
    assert gc.isenabled()
    with pytest.raises(RegistryFileError):
        import_registry(io.BytesIO(b'{"polozky": [{"portalId": 1'), today=TODAY, municipalities=[LIPOVEC])
    assert gc.isenabled()


def test_an_import_that_changed_rows_refreshes_the_planners_statistics_on_postgresql(
    django_capture_on_commit_callbacks,
):
    if connection.vendor != "postgresql":
        pytest.skip("statistics are PostgreSQL's")
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        run(service())
    assert any(query["sql"].startswith("ANALYZE catalogue_service") for query in queries.captured_queries)
    with connection.cursor() as cursor:  # the trigram indexes hold no entries pending a merge any more
        for index in TRIGRAM_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            assert cursor.fetchone()[0] == 0, index
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        run(service())  # unchanged: nothing to refresh
    assert not any(query["sql"].startswith("ANALYZE") for query in queries.captured_queries)
