"""The country of the portal (SiteSettings.country): a Slovak portal speaks Slovak unless the visitor
chooses otherwise, names its plans, territories and service types by Slovak law, and writes its
e-mails and PDFs in Slovak."""

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.models import Group
from kpss.country import Country
from kpss.models import ServiceType, SiteSettings, Territory
from planning.forms import MeasureForm
from planning.notifications import send_comment_confirmation
from tests.factories import TerritoryFactory
from tests.helpers import open_form, page_text

Kind = Territory.Kind


@pytest.fixture
def slovak(town):
    town.country = Country.SK
    town.site_name = "Mikroregión Pod Javorom"
    town.save()
    return town


def test_a_slovak_portal_speaks_slovak_unless_the_visitor_chose_another_language(client, slovak):
    response = client.get("/")
    assert response["Content-Language"] == "sk"
    assert '<html lang="sk">' in response.content.decode()
    assert "Komunitné plánovanie sociálnych služieb" in page_text(response)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "cs"
    assert client.get("/")["Content-Language"] == "cs"


def test_a_czech_portal_speaks_czech(client, town):
    assert client.get("/")["Content-Language"] == "cs"


def test_a_slovak_plan_is_a_community_plan_in_any_language(client, slovak, plan, coordinator):
    plan.transition("open_for_comments", coordinator)
    assert "Komunitný plán sociálnych služieb" in page_text(client.get(plan.get_absolute_url()))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "cs"
    assert "Komunitní plán sociálních služeb" in page_text(client.get(plan.get_absolute_url()))
    slovak.country = Country.CZ
    slovak.save()
    assert "Střednědobý plán" in page_text(client.get(plan.get_absolute_url()))


def test_the_statement_cites_the_countrys_accessibility_law(client, slovak):
    text = page_text(client.get(reverse("accessibility_statement")))
    assert "zákonom č. 95/2019 Z. z." in text
    assert "99/2019" not in text


def test_e_mails_go_out_in_the_sites_language(slovak, submit_comment):
    comment = submit_comment(email="jan@example.sk")
    send_comment_confirmation.call(comment.pk)
    [message] = mail.outbox
    assert message.body.startswith("Dobrý deň,")


def test_the_measure_offers_the_service_types_of_the_portals_country(slovak, plan):
    choices = MeasureForm(plan=plan, groups=Group.objects.all()).fields["service_type"].queryset
    assert set(choices.values_list("country", flat=True)) == {"SK"}
    assert choices.get(section="35").name == "zariadenie pre seniorov"
    SiteSettings.objects.update(country=Country.CZ)
    czech = MeasureForm(plan=plan, groups=Group.objects.all()).fields["service_type"].queryset
    assert czech.get(section="49").name == "domovy pro seniory"


def test_a_section_number_may_be_in_both_countries_lists(db):
    assert ServiceType.objects.get(country="SK", section="40").name == "denný stacionár"
    assert ServiceType.objects.get(country="CZ", section="40").name == "pečovatelská služba"


def test_slovak_municipalities_belong_to_a_district_of_a_self_governing_region(db):
    region = TerritoryFactory(name="Banskobystrický samosprávny kraj", kind=Kind.REGION, code="SK032")
    district = TerritoryFactory(name="Zvolen", kind=Kind.DISTRICT, code="SK0325", parent=region)
    zvolen = TerritoryFactory(name="Zvolen", code="518778", parent=district)
    sliac = TerritoryFactory(name="Sliač", code="518298", parent=district)
    microregion = TerritoryFactory(name="Mikroregión Hron", kind=Kind.MICROREGION, code="")
    microregion.members.set([sliac])
    for territory in (region, district, zvolen, sliac):
        territory.full_clean()
    assert set(Territory.objects.covered_by([region.pk])) == {zvolen, sliac}
    assert set(Territory.objects.area([district.pk], [microregion.pk])) == {zvolen}
    with pytest.raises(ValidationError) as refused:
        TerritoryFactory.build(name="Zlý kód", kind=Kind.DISTRICT, code="6011", parent=region).full_clean()
    TerritoryFactory.build(name="Banská Bystrica", kind=Kind.DISTRICT, code="601", parent=region).full_clean()
    assert "code" in refused.value.message_dict


def test_slovak_text_gets_the_same_typography(client, slovak):
    slovak.intro = "Plán pre obce v mikroregióne a pre 1 500 obyvateľov, schválený 6. 12. 2025."
    slovak.save()
    html = client.get("/").content.decode()
    assert "v\u00a0mikroregióne a\u00a0pre 1\u00a0500\u00a0obyvateľov, schválený 6.\u00a012.\u00a02025" in html


def test_the_coordinator_switches_the_country_in_the_admin(client_as, coordinator, town):
    client = client_as(coordinator)
    open_form(client, "/admin/kpss/sitesettings/", fields=["country"])
    response = client.post("/admin/kpss/sitesettings/", {
        "country": "SK", "site_name": "Mikroregión Pod Javorom", "accessibility_compliance": "partial"})
    assert response.status_code == 302
    assert client.get("/")["Content-Language"] == "sk"


def test_the_admin_offers_the_territory_kinds_of_the_country(client_as, coordinator, slovak):
    html = open_form(client_as(coordinator), "/admin/kpss/territory/add/", fields=["kind"]).content.decode()
    assert 'value="district"' in html
    assert 'value="orp"' not in html
    slovak.country = Country.CZ
    slovak.save()
    html = client_as(coordinator).get("/admin/kpss/territory/add/").content.decode()
    assert 'value="orp"' in html
    assert 'value="district"' not in html
