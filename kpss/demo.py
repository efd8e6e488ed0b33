"""Demo data for the portal's own models: the territory of Lipovec and its people.

Lipovec is a made-up ORP (the names and ČSÚ-style codes are fictional; the region is real), so
demo data can never be mistaken for a real town's.
"""

import datetime
import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kpss.country import Country
from kpss.models import SiteSettings, Territory
from kpss.roles import make_coordinator

DEMO_PASSWORD = "kpss-demo-heslo"

MUNICIPALITIES = [
    "Lipovec", "Březí", "Dubová Lhota", "Hradiště nad Úhlavou", "Kamenná", "Lužany",
    "Malá Víska", "Nová Ves u Lipovce", "Olšany", "Podhájí", "Svatá Kateřina", "Zálesí",
]
MICROREGION_MEMBERS = ["Březí", "Kamenná", "Malá Víska", "Olšany", "Zálesí"]
# Two municipalities of the ORP that plan on their own: the current plan leaves their union out.
OWN_PLAN_UNION, OWN_PLAN_MEMBERS = "Svazek obcí Pod Kateřinou", ["Podhájí", "Svatá Kateřina"]


def municipality_code(index):
    return f"99{index:04d}"


def seed(scale, log):
    region, _ = Territory.objects.update_or_create(
        kind=Territory.Kind.REGION, code="CZ032", defaults={"name": "Plzeňský kraj"},
    )
    orp, _ = Territory.objects.update_or_create(
        kind=Territory.Kind.ORP, code="9901", defaults={"name": "Lipovec", "parent": region},
    )
    names = MUNICIPALITIES + [
        f"{MUNICIPALITIES[i % len(MUNICIPALITIES)]} {i // len(MUNICIPALITIES) + 1}"
        for i in range(len(MUNICIPALITIES), len(MUNICIPALITIES) * scale)
    ]
    municipalities = {}
    for index, name in enumerate(names, start=1):
        municipalities[name], _ = Territory.objects.update_or_create(
            kind=Territory.Kind.MUNICIPALITY, code=municipality_code(index),
            defaults={"name": name, "parent": orp},
        )
    microregion, _ = Territory.objects.update_or_create(
        kind=Territory.Kind.MICROREGION, name="Mikroregion Úhlava", defaults={"code": ""},
    )
    microregion.members.set([municipalities[name] for name in MICROREGION_MEMBERS])
    union, _ = Territory.objects.update_or_create(kind=Territory.Kind.DSO, name=OWN_PLAN_UNION, defaults={"code": ""})
    union.members.set([municipalities[name] for name in OWN_PLAN_MEMBERS])
    log(f"Území: ORP Lipovec s {len(municipalities)} obcemi, Mikroregion Úhlava, {OWN_PLAN_UNION}")

    configure_site(
        country=Country.CZ, site_name="Město Lipovec", territory=orp,
        office_name="Městský úřad Lipovec, odbor sociálních věcí", coordinator_name="Mgr. Jana Nováková",
        coordinator_email="kpss@lipovec.example", coordinator_phone="+420 376 000 111",
        office_address="náměstí Míru 1\n339 01 Lipovec",
        intro="Komunitní plánování sociálních služeb na Lipovecku spojuje město a obce ORP Lipovec, "
              "poskytovatele sociálních služeb a jejich uživatele. Společně zjišťujeme, jaké služby "
              "lidé v území potřebují, a domlouváme se, jak je zajistit a financovat.\n\n"
              "Plány, zápisy z jednání pracovních skupin i katalog poskytovatelů najdete na tomto "
              "portálu. K návrhům plánů se může vyjádřit kdokoli, i bez registrace.",
    )

    coordinator = demo_user("koordinatorka", "Jana", "Nováková", "kpss@lipovec.example")
    make_coordinator(coordinator)
    return {"coordinator": coordinator, "municipalities": municipalities}


def configure_site(**fields):
    """The demo's site settings: these fields, and the accessibility statement's date."""
    settings = SiteSettings.get_solo()
    for name, value in {**fields, "accessibility_statement_date": datetime.date(2026, 11, 1)}.items():
        setattr(settings, name, value)
    settings.save()


def demo_user(username, first_name, last_name, email):
    """A demo account with the shared demo password, created once and left alone after that."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first_name, "last_name": last_name, "email": email},
    )
    if created:
        user.password = demo_password_hash()
        user.save(update_fields=["password"])
    return user


@functools.cache
def demo_password_hash():
    # Hashing is deliberately slow (~0.3 s); at --scale 10 the demo has 200 users sharing one password.
    return make_password(DEMO_PASSWORD)
