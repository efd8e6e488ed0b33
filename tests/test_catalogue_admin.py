"""The coordinator's admin of the catalogue: pages, what the registry owns being read-only, related
services entered whole, import reports with links that name unknown codes, the upload of the
registry's file run in the background, and who may upload."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from catalogue.importer import import_registry
from catalogue.models import AgeGroup, Facility, ImportRun, Provider, Service
from kpss.models import ActionLog, ServiceType
from tests.factories import TerritoryFactory
from tests.helpers import admin_form_data, assert_queries_do_not_grow, open_form, page_text
from tests.registry_items import LIPOVEC, TODAY, facility, registry, run, service

UPLOAD = "admin:catalogue_importrun_upload"


def upload_file(content, name="rpss.json"):
    return SimpleUploadedFile(name, content, content_type="application/json")


def stored_uploads():
    return default_storage.listdir("registry-imports")[0] if default_storage.exists("registry-imports") else []


@pytest.fixture
def related(db):
    provider = Provider.objects.create(ico="00254657", name="Město Lipovec")
    related = Service.objects.create(provider=provider, name="Dluhová poradna města", local_note="Po 8–17")
    related.refresh_search()
    related.save()
    return related


@pytest.fixture
def reported(db):
    """A run with a rejected item and unknown type, target group and age group codes."""
    return run(service(1, type_code=99, ciloveSkupiny=[{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/77"}}]),
               service(2, ico=""))


class TestPages:
    def test_every_catalogue_admin_page_answers_the_coordinator(self, client_as, coordinator, related, reported):
        client = client_as(coordinator)
        registered = Service.objects.get(portal_id=1)
        age_group = AgeGroup.objects.create(registry_code="9", name="senioři")
        urls = [reverse(f"admin:catalogue_{model}_changelist") for model in
                ("provider", "service", "agegroup", "importrun")]
        urls += [reverse("admin:catalogue_service_change", args=[registered.pk]),
                 reverse("admin:catalogue_service_change", args=[related.pk]),
                 reverse("admin:catalogue_service_add"),
                 reverse("admin:catalogue_provider_change", args=[registered.provider_id]),
                 reverse("admin:catalogue_provider_change", args=[related.provider_id]),
                 reverse("admin:catalogue_provider_add"),
                 reverse("admin:catalogue_agegroup_change", args=[age_group.pk]),
                 reverse("admin:catalogue_agegroup_add"),
                 reverse("admin:catalogue_importrun_change", args=[reported.pk]),
                 reverse(UPLOAD)]
        for url in urls:
            assert client.get(url).status_code == 200, url

    def test_the_list_of_services_filters_by_origin_and_withdrawal_and_does_not_grow_in_queries(
        self, client_as, coordinator, related,
    ):
        run(service(1))
        client = client_as(coordinator)
        url = reverse("admin:catalogue_service_changelist")
        assert "Dluhová poradna města" not in page_text(client.get(url, {"origin": "registered"}))
        assert "Dluhová poradna města" in page_text(client.get(url, {"origin": "related", "withdrawn": "no"}))

        def add_rows(count):
            for _number in range(count):
                Service.objects.create(provider=related.provider, name="Další služba")

        assert_queries_do_not_grow(lambda: client.get(url), add_rows)

    def test_the_report_lists_rejected_items_and_links_each_unknown_code_to_its_prefilled_form(
        self, client_as, coordinator, reported,
    ):
        html = client_as(coordinator).get(reverse("admin:catalogue_importrun_change", args=[reported.pk])).content
        html = html.decode()
        assert "SocialniSluzba/2" in html
        with translation.override("cs"):
            assert translation.gettext("The provider has no IČO.") in html
        assert reverse("admin:kpss_servicetype_add") + "?registry_code=DruhSocialniSluzby%2F99" in html
        assert reverse("admin:kpss_targetgroup_add") + "?registry_code=77" in html
        assert reverse("admin:kpss_targetgroup_changelist") in html
        assert reverse("admin:catalogue_agegroup_add") + "?registry_code=9" in html
        assert 'http-equiv="refresh"' not in html  # done: nothing to wait for

    def test_a_code_named_since_the_run_says_so(self, client_as, coordinator, reported):
        AgeGroup.objects.create(registry_code="9", name="senioři nad 80 let")
        html = client_as(coordinator).get(reverse("admin:catalogue_importrun_change", args=[reported.pk]))
        assert "senioři nad 80 let" in page_text(html)
        assert reverse("admin:catalogue_agegroup_add") + "?registry_code=9" not in html.content.decode()

    def test_the_add_form_of_an_age_group_is_prefilled_from_the_link(self, client_as, coordinator):
        response = client_as(coordinator).get(reverse("admin:catalogue_agegroup_add") + "?registry_code=9")
        assert response.context["adminform"].form["registry_code"].value() == "9"


class TestServices:
    def test_a_registered_service_takes_only_the_coordinators_fields_and_they_survive_a_reimport(
        self, client_as, coordinator,
    ):
        run(service(1))
        registered = Service.objects.get()
        client = client_as(coordinator)
        url = reverse("admin:catalogue_service_change", args=[registered.pk])
        opened = client.get(url)
        assert set(opened.context["adminform"].form.fields) == {
            "local_description", "local_opening_hours", "local_note", "opened_revision"}
        saved = client.post(url, admin_form_data(opened, local_description="Pomáháme i o víkendech",
                                                 local_opening_hours="Po–Pá 7–15", name="Přepsaný název"))
        assert saved.status_code == 302
        registered.refresh_from_db()
        assert registered.name == "Domov Lipovec"  # the registry's, read-only
        assert "vikendech" in registered.search_text  # searched at once

        again = run(service(1, nepretrzitePoskytovani=False))
        assert again.updated == 1
        registered.refresh_from_db()
        assert (registered.local_description, registered.local_opening_hours) == (
            "Pomáháme i o víkendech", "Po–Pá 7–15")
        assert not registered.non_stop
        assert "vikendech" in registered.search_text

    def test_the_coordinator_enters_a_related_service_whole(self, client_as, coordinator, related):
        client = client_as(coordinator)
        url = reverse("admin:catalogue_service_add")
        opened = client.get(url)
        counselling = ServiceType.objects.get(country="CZ", section="37")
        data = admin_form_data(opened, **{
            "name": "Bytová poradna", "provider": related.provider_id, "service_type": counselling.pk,
            "target_group_codes": ["24"], "forms": ["amb", "ter"], "websites": "https://lipovec.example/byty\n",
            "phones": "+420 377 000 222\n+420 377 000 333", "local_description": "Pomoc s nájmem",
            "facilities-TOTAL_FORMS": "1", "facilities-0-name": "Radnice", "facilities-0-municipality": "Lipovec",
            "facilities-0-municipality_code": LIPOVEC,
        })
        assert client.post(url, data).status_code == 302
        added = Service.objects.get(name="Bytová poradna")
        assert added.portal_id is None
        assert added.forms == [{"form": "amb", "capacities": []}, {"form": "ter", "capacities": []}]
        assert added.phones == ["+420 377 000 222", "+420 377 000 333"]
        assert added.websites == ["https://lipovec.example/byty"]
        assert list(Service.objects.with_code("tg", "24")) == [added]
        assert list(Service.objects.search("bytova lipovec najmem")) == [added]
        assert list(Service.objects.serving_municipality(LIPOVEC)) == [added]
        assert added.municipality_names == "Lipovec"  # what its card in the catalogue shows
        assert ActionLog.objects.filter(action="service.create").exists()

    def test_an_import_leaves_a_related_service_alone(self, related):
        run(service(1))
        related.refresh_from_db()
        assert (related.withdrawn_at, related.local_note) == (None, "Po 8–17")

    def test_a_stale_admin_form_of_a_service_is_refused(self, client_as, coordinator, related):
        client = client_as(coordinator)
        url = reverse("admin:catalogue_service_change", args=[related.pk])
        first, second = client.get(url), client.get(url)
        assert client.post(url, admin_form_data(first, local_note="Z první karty")).status_code == 302
        assert client.post(url, admin_form_data(second, local_note="Z druhé karty")).status_code == 200
        related.refresh_from_db()
        assert related.local_note == "Z první karty"

    def test_the_provider_of_a_registered_service_is_read_only(self, client_as, coordinator, related):
        run(service(1))
        client = client_as(coordinator)
        registered = Provider.objects.get(ico="00123456")
        page = client.get(reverse("admin:catalogue_provider_change", args=[registered.pk]))
        assert set(page.context["adminform"].form.fields) == {"opened_revision"}
        page = client.get(reverse("admin:catalogue_provider_change", args=[related.provider_id]))
        assert {"ico", "name", "phones"} <= set(page.context["adminform"].form.fields)


class TestNamingCodes:
    def test_naming_a_type_code_links_the_services_imported_under_it(self, client_as, coordinator):
        run(service(1, type_code=99), service(2, type_code=99))
        assert Service.objects.filter(service_type=None).count() == 2
        client = client_as(coordinator)
        url = reverse("admin:kpss_servicetype_add")
        opened = client.get(url + "?registry_code=DruhSocialniSluzby/99")
        assert opened.context["adminform"].form["registry_code"].value() == "DruhSocialniSluzby/99"
        saved = client.post(url, admin_form_data(opened, section="99a", name="centra duševního zdraví",
                                                 category="care"))
        assert saved.status_code == 302
        named = ServiceType.objects.get(country="CZ", section="99a")
        assert Service.objects.filter(service_type=named).count() == 2
        assert Service.objects.search("dusevniho zdravi").count() == 2
        assert not [code for code in run(service(1, type_code=99)).unknown_codes if code["code"].startswith("Druh")]

    def test_a_named_age_group_code_is_no_longer_reported(self, client_as, coordinator):
        assert {"code": "VekovaSkupinaOsoby/9", "services": 1} in run(service(1)).unknown_codes
        client = client_as(coordinator)
        url = reverse("admin:catalogue_agegroup_add")
        opened = client.get(url + "?registry_code=9")
        assert client.post(url, admin_form_data(opened, name="senioři nad 80 let", order="1")).status_code == 302
        assert not run(service(1)).unknown_codes


class TestUpload:
    def test_the_list_of_imports_offers_the_upload(self, client_as, coordinator):
        html = client_as(coordinator).get(reverse("admin:catalogue_importrun_changelist")).content.decode()
        assert reverse(UPLOAD) in html

    def test_an_uploaded_file_is_imported_in_the_background_and_deleted(self, client_as, coordinator, tasks):
        TerritoryFactory(code=LIPOVEC)
        client = client_as(coordinator)
        open_form(client, reverse(UPLOAD), fields=["file", "scope", "dry_run"])
        content = registry(service(1), service(2, ico="87654321"), service(3, facilities=[facility(obec="999999")]))
        response = client.post(reverse(UPLOAD), {"file": upload_file(content.getvalue()), "scope": "territories"})
        queued = ImportRun.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:catalogue_importrun_change", args=[queued.pk])
        assert queued.status == ImportRun.Status.QUEUED
        assert queued.requested_by == coordinator
        assert len(stored_uploads()) == 1
        waiting = client.get(response["Location"]).content.decode()
        assert '<meta http-equiv="refresh" content="5">' in waiting

        tasks.run_all()
        done = ImportRun.objects.get()
        assert (done.status, done.created, done.skipped, done.processed) == (ImportRun.Status.DONE, 2, 1, 3)
        assert not done.whole_country
        assert Service.objects.count() == 2
        assert stored_uploads() == []
        assert done.stored_file == ""
        assert ActionLog.objects.filter(action="importrun.finished", user=coordinator).exists()
        assert 'http-equiv="refresh"' not in client.get(response["Location"]).content.decode()

    def test_a_dry_run_of_the_whole_country_saves_nothing(self, client_as, coordinator, tasks):
        client = client_as(coordinator)
        open_form(client, reverse(UPLOAD))
        content = registry(service(1, facilities=[facility(obec="999999")]))
        client.post(reverse(UPLOAD), {"file": upload_file(content.getvalue()), "scope": "country", "dry_run": "on"})
        tasks.run_all()
        report = ImportRun.objects.get()
        assert (report.status, report.created, report.whole_country, report.dry_run) == (
            ImportRun.Status.DONE, 1, True, True)
        assert not Service.objects.exists()
        assert not ActionLog.objects.filter(action="importrun.finished").exists()
        assert stored_uploads() == []

    def test_a_truncated_file_fails_the_run_clearly_and_changes_nothing(self, client_as, coordinator, tasks):
        run(service(1))
        before = list(Service.objects.values_list("portal_id", "registry_digest", "withdrawn_at"))
        client = client_as(coordinator)
        open_form(client, reverse(UPLOAD))
        truncated = b'{"polozky": [' + json.dumps(service(2)).encode()[:200]
        client.post(reverse(UPLOAD), {"file": upload_file(truncated), "scope": "country"})
        tasks.run_all()
        failed = ImportRun.objects.latest("pk")
        assert failed.status == ImportRun.Status.FAILED
        with translation.override("cs"):
            start = translation.gettext("The file is not a complete JSON export of the registry: %(error)s")
        assert failed.error.startswith(start.split("%")[0])
        assert list(Service.objects.values_list("portal_id", "registry_digest", "withdrawn_at")) == before
        assert stored_uploads() == []
        shown = page_text(client.get(reverse("admin:catalogue_importrun_change", args=[failed.pk])))
        assert failed.error.splitlines()[0] in shown

    def test_a_file_that_is_not_json_is_refused_next_to_the_field_with_the_scope_kept(
        self, client_as, coordinator, tasks,
    ):
        client = client_as(coordinator)
        open_form(client, reverse(UPLOAD))
        response = client.post(reverse(UPLOAD), {"file": upload_file(b"<html>not json</html>", "rpss.json"),
                                                 "scope": "country"})
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
        with translation.override("cs"):
            message = translation.gettext("The file is not a JSON file: it does not start with “{”.")
        assert message in page_text(response)
        assert response.context["form"]["scope"].value() == "country"
        assert 'value="country" required id="id_scope_1" checked' in response.content.decode()
        assert not ImportRun.objects.exists()
        assert tasks.names == []

    def test_a_file_over_the_limit_is_refused(self, client_as, coordinator, settings):
        settings.REGISTRY_UPLOAD_MAX_MB = 0.0001
        client = client_as(coordinator)
        open_form(client, reverse(UPLOAD))
        response = client.post(reverse(UPLOAD), {"file": upload_file(registry(service(1)).getvalue()),
                                                 "scope": "country"})
        assert response.context["form"].errors["file"]
        assert not ImportRun.objects.exists()

    def test_the_portals_territories_need_municipality_codes(self, client_as, coordinator):
        client = client_as(coordinator)
        open_form(client, reverse(UPLOAD))
        response = client.post(reverse(UPLOAD), {"file": upload_file(registry(service(1)).getvalue()),
                                                 "scope": "territories"})
        assert response.context["form"].errors["scope"]

    @pytest.mark.parametrize("persona", ["staff_without_role", "member_a"])
    def test_only_the_coordinator_may_upload(self, request, client_as, persona):
        user = request.getfixturevalue(persona)
        client = client_as(user)
        response = client.get(reverse(UPLOAD))
        assert response.status_code in (302, 404)
        assert "file" not in response.content.decode()
        client.post(reverse(UPLOAD), {"file": upload_file(registry(service(1)).getvalue()), "scope": "country"})
        assert not ImportRun.objects.exists()

    def test_a_staff_account_without_the_coordinators_right_gets_404(self, client_as, staff_without_role):
        staff_without_role.user_permissions.add(Permission.objects.get(codename="view_importrun"))
        assert client_as(staff_without_role).get(reverse(UPLOAD)).status_code == 404


def test_the_import_reports_progress_as_it_reads(db, monkeypatch):
    monkeypatch.setattr("catalogue.importer.PROGRESS_EVERY", 2)
    reports = []
    import_registry(registry(*[service(number) for number in range(1, 6)]), municipalities=[LIPOVEC], today=TODAY,
                    on_progress=lambda processed, percent: reports.append((processed, percent)))
    assert [processed for processed, _percent in reports] == [2, 4]
    assert all(0 < percent <= 100 for _processed, percent in reports)


def test_the_command_finishes_its_run_by_the_same_path(tmp_path, db, coordinator):
    from django.core.management import call_command

    path = tmp_path / "rpss.json"
    path.write_bytes(registry(service(1)).getvalue())
    call_command("import_rpss", str(path), "--obec", LIPOVEC, stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115
    assert ActionLog.objects.filter(action="importrun.finished").count() == 1
    assert Facility.objects.count() == 1


def test_a_member_is_sent_to_the_admins_sign_in(db, member_a):
    client = Client()
    client.force_login(member_a)
    assert client.get(reverse(UPLOAD)).status_code == 302


def test_a_queued_upload_whose_file_is_gone_fails_with_the_reason(db, coordinator, tasks):
    from catalogue.services import import_uploaded_file, queue_upload

    queued = queue_upload(upload_file(registry(service(1)).getvalue()), whole_country=True, dry_run=False,
                          by=coordinator)
    default_storage.delete(queued.stored_file)
    assert import_uploaded_file.call(queued.pk) == ImportRun.Status.FAILED
    queued.refresh_from_db()
    assert queued.error
    assert not Service.objects.exists()


def test_a_run_its_dead_worker_left_running_is_shown_as_failed(client_as, coordinator, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.REGISTRY_IMPORT_STALL_MINUTES = 30
    now = timezone.now()
    dead = ImportRun.objects.create(source="rpss.json", status=ImportRun.Status.RUNNING)
    alive = ImportRun.objects.create(source="rpss.json", status=ImportRun.Status.RUNNING)
    ImportRun.objects.filter(pk=dead.pk).update(started_at=now - timedelta(hours=2))
    ImportRun.objects.filter(pk=alive.pk).update(started_at=now - timedelta(minutes=5))
    page = client_as(coordinator).get(reverse("admin:catalogue_importrun_change", args=[dead.pk]))
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == ImportRun.Status.FAILED
    assert dead.finished_at is not None
    assert dead.error in page.content.decode()
    assert alive.status == ImportRun.Status.RUNNING
