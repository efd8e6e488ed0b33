"""What each role reaches in admin: the coordinator runs it, members and the public do not."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.helpers import open_form

ADMIN_PAGES = [
    "/admin/",
    "/admin/kpss/territory/",
    "/admin/kpss/territory/add/",
    "/admin/kpss/sitesettings/",
    "/admin/kpss/user/",
    "/admin/groups/group/",
    "/admin/groups/group/add/",
    "/admin/axes/accessattempt/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_coordinator_uses_admin_in_czech(client_as, coordinator, url):
    response = client_as(coordinator).get(url)
    assert response.status_code == 200
    assert '<html lang="cs"' in response.content.decode()


@pytest.mark.parametrize("persona", ["member_a", "steering_member"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_group_members_do_not_reach_admin(client_as, request, persona, url):
    response = client_as(request.getfixturevalue(persona)).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_public_does_not_reach_admin(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_coordinator_is_staff_but_not_superuser(coordinator):
    assert coordinator.is_coordinator
    assert not coordinator.is_superuser
    assert coordinator.has_perm("kpss.change_sitesettings")
    assert coordinator.has_perm("groups.add_membership")


def test_member_is_not_a_coordinator(member_a):
    assert not member_a.is_coordinator
    assert not member_a.has_perm("groups.change_group")


def test_coordinator_edits_site_settings_and_the_header_follows(client_as, coordinator):
    client = client_as(coordinator)
    open_form(client, "/admin/kpss/sitesettings/", fields=["site_name", "coordinator_name", "accessibility_compliance"])
    response = client.post("/admin/kpss/sitesettings/", {
        "country": "CZ", "site_name": "Obec Březí",
        "intro": "",
        "office_name": "Obecní úřad Březí",
        "coordinator_name": "Bc. Karel Malý",
        "coordinator_email": "maly@brezi.example",
        "coordinator_phone": "",
        "office_address": "",
        "accessibility_compliance": "full",
        "accessibility_exceptions": "",
        "accessibility_statement_date": "6. 12. 2021",
        "accessibility_review_date": "",
    })
    assert response.status_code == 302, response.content.decode()
    client.logout()
    home = client.get("/").content.decode()
    assert "Obec Březí" in home
    assert "Bc. Karel Malý" in home
    statement = client.get("/prohlaseni-o-pristupnosti/").content.decode()
    assert "plně v\u00a0souladu" in statement
    assert "6.\u00a012.\u00a02021" in statement


def test_coordinator_uploads_the_town_logo_and_the_header_shows_it(client_as, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = io.BytesIO()
    Image.new("RGB", (40, 40), "#0b4f6c").save(image, "PNG")
    logo = SimpleUploadedFile("znak.png", image.getvalue(), content_type="image/png")
    client = client_as(coordinator)
    open_form(client, "/admin/kpss/sitesettings/", fields=["logo"])
    response = client.post("/admin/kpss/sitesettings/", {
        "country": "CZ", "site_name": "Město Lipovec", "logo": logo, "accessibility_compliance": "partial",
    })
    assert response.status_code == 302, response.content.decode()
    [stored] = (tmp_path / "site").glob("*/znak.png")  # under a random directory (kpss.files)
    client.logout()
    [src] = re.findall(r'<img src="([^"]+)" alt=""', client.get("/").content.decode())
    assert src.startswith("/logo/?v=")
    assert client.get(src).getvalue() == stored.read_bytes()


def test_the_coordinator_adds_and_edits_a_member_account_in_admin(client_as, coordinator):
    from kpss.models import User
    from tests.helpers import admin_form_data

    client = client_as(coordinator)
    page = client.get("/admin/kpss/user/add/")
    response = client.post("/admin/kpss/user/add/", admin_form_data(
        page, username="novy", password1="Velmi-tajne-heslo-42", password2="Velmi-tajne-heslo-42",
        usable_password="true",
    ))
    assert response.status_code == 302
    user = User.objects.get(username="novy")
    assert user.check_password("Velmi-tajne-heslo-42")
    assert user.updated_by == coordinator
    url = f"/admin/kpss/user/{user.pk}/change/"
    assert client.post(url, admin_form_data(client.get(url), first_name="Nový")).status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.revision) == ("Nový", 2)
