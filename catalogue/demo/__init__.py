"""Demo catalogue of Lipovec: a real import of the registry-shaped file beside this module.

`registry.json` (written by `make_registry.py`) has ~30 made-up providers and ~60 services in the
demo territory with the traps of the real file. `seed` imports it through the same
`import_registry` the coordinator runs, scoped to the demo territory's municipalities, then does
what the coordinator would: names the age-group codes the file uses, writes a local description
and opening hours for a couple of services and adds two related services the registry does not
hold. `--scale N` imports N copies of the services (distinct portalIds, in the scaled territory's
municipalities). Running it again re-imports the same file, which writes nothing.
"""

import copy
import io
import json
from pathlib import Path

from catalogue.importer import import_registry
from catalogue.models import AgeGroup, Facility, Provider, Service
from kpss.demo import MUNICIPALITIES, municipality_code
from kpss.models import ServiceType, Territory

REGISTRY = Path(__file__).with_name("registry.json")
COPY_STEP = 1_000_000  # portalIds of the copies --scale adds: 1483101, 2483101, ...

# The registry publishes its list of age groups (VekovaSkupinaOsoby) separately and the project does
# not ship it: on a real portal the coordinator names in admin each code the import reports. These
# are the demo's names for the codes its file uses, not the registry's published list.
DEMO_AGE_GROUPS = [
    ("1", "děti do 1 roku"), ("2", "předškolní děti (1–7 let)"), ("3", "mladší děti (7–12 let)"),
    ("4", "dorost (13–15 let)"), ("5", "mladiství (16–18 let)"), ("6", "mladí dospělí (19–26 let)"),
    ("7", "dospělí (27–64 let)"), ("8", "mladší senioři (65–80 let)"), ("9", "starší senioři (nad 80 let)"),
]
# Types of services whose registry code the portal's code list leaves empty: the demo's file numbers
# them in the order of the act (as the known codes run: § 55 is /18, § 60 is /23), and the demo names
# them as the coordinator would. DruhSocialniSluzby/35 (centrum duševního zdraví) stays unknown, so
# the demo's import report shows a code the portal does not know.
DEMO_TYPE_CODES = {"43": "DruhSocialniSluzby/7", "52": "DruhSocialniSluzby/16", "54": "DruhSocialniSluzby/17",
                   "57": "DruhSocialniSluzby/20", "58": "DruhSocialniSluzby/21", "59": "DruhSocialniSluzby/22",
                   "60a": "DruhSocialniSluzby/34", "61": "DruhSocialniSluzby/24", "62": "DruhSocialniSluzby/25",
                   "63": "DruhSocialniSluzby/26", "64": "DruhSocialniSluzby/27", "68": "DruhSocialniSluzby/31"}

# What the coordinator wrote about registered services (portalId: description, opening hours).
LOCAL_TEXTS = {
    483101: ("Pečovatelky dojíždějí do všech obcí ORP Lipovec. O službu můžete požádat i telefonicky; "
             "sociální pracovnice vás navštíví doma a domluví s vámi, s čím potřebujete pomoci.",
             "Po–Pá 7:00–15:30, terén po dohodě i o víkendu"),
    483112: ("Noclehárna přijímá muže i ženy bez přístřeší. Stačí přijít, objednávat se nemusíte.",
             "denně 18:00–8:00 (příjem do 21:00)"),
}
TOWN = {"ico": "00257001", "name": "Město Lipovec", "websites": ["https://www.lipovec.example"],
        "emails": ["podatelna@lipovec.example"], "phones": ["+420 376 000 100"]}
# Related services the registry does not hold ("sociální a související služby").
RELATED = [
    {"name": "Dluhová poradna města Lipovce",
     "local_description": "Bezplatné poradenství lidem v dluzích: rozpočet domácnosti, splátkové kalendáře, "
                          "oddlužení. Poradna spolupracuje s Charitní poradnou Lipovec.",
     "local_opening_hours": "Po a St 8:00–17:00, jinak po objednání",
     "target_group_codes": ["24"], "forms": [{"form": "amb", "capacities": []}],
     "emails": ["dluhy@lipovec.example"], "phones": ["+420 376 000 150"],
     "facility": {"name": "Městský úřad Lipovec, odbor sociálních věcí", "street": "náměstí Míru",
                  "house_number": "1", "postcode": "33901"}},
    {"name": "Sociální byty města Lipovce",
     "local_description": "Město pronajímá 14 sociálních bytů lidem, kteří si nemohou zajistit bydlení "
                          "(rodiny s dětmi, senioři, lidé odcházející z azylového domu). Žádost se podává "
                          "na odboru sociálních věcí; nájemníkům pomáhá sociální pracovnice města.",
     "local_opening_hours": "Po a St 8:00–17:00",
     "target_group_codes": ["24"], "forms": [{"form": "pob", "capacities": []}],
     "emails": ["bydleni@lipovec.example"], "phones": ["+420 376 000 160"],
     "facility": {"name": "Městský úřad Lipovec, odbor sociálních věcí", "street": "náměstí Míru",
                  "house_number": "1", "postcode": "33901"}},
]


def seed(scale, log):
    for order, (code, name) in enumerate(DEMO_AGE_GROUPS, start=1):
        AgeGroup.objects.update_or_create(registry_code=code, defaults={"name": name, "order": order})
    for section, code in DEMO_TYPE_CODES.items():
        ServiceType.objects.filter(country="CZ", section=section, registry_code="").update(registry_code=code)

    orp = Territory.objects.get(kind=Territory.Kind.ORP, code="9901")
    codes = list(orp.municipalities().exclude(code="").values_list("code", flat=True))
    run = import_registry(registry_file(scale), source=f"{REGISTRY.name} (demo, --scale {scale})",
                          municipalities=codes)
    unknown = ", ".join(code["code"] for code in run.unknown_codes)
    log(f"Katalog: import registru – nové {run.created}, změněné {run.updated}, beze změny {run.unchanged}, "
        f"přeskočené {run.skipped}, stažené {run.withdrawn}; neznámé kódy: {unknown or 'žádné'}")

    for service in Service.objects.filter(portal_id__in=LOCAL_TEXTS).select_related("provider", "service_type"):
        description, hours = LOCAL_TEXTS[service.portal_id]
        if (service.local_description, service.local_opening_hours) != (description, hours):
            service.local_description, service.local_opening_hours = description, hours
            service.refresh_search()
            service.save()
    town, _ = Provider.objects.update_or_create(ico=TOWN["ico"], defaults=TOWN)
    for spec in RELATED:
        spec = dict(spec)
        place = spec.pop("facility")
        service, _ = Service.objects.update_or_create(portal_id=None, name=spec["name"], provider=town,
                                                      defaults=spec)
        Facility.objects.update_or_create(service=service, name=place["name"], defaults={
            **place, "municipality_code": municipality_code(1), "municipality": MUNICIPALITIES[0]})
        service.refresh_search()
        service.save(update_fields=Service.DERIVED_FIELDS)
    log(f"Katalog: {Service.objects.public().filter(portal_id__isnull=False).count()} služeb z registru, "
        f"{Service.objects.filter(portal_id=None).count()} souvisejících služeb")


def registry_file(scale):
    """The demo's registry file; with --scale N its services N times, copy k in the municipalities
    12k+1..12k+12 of the scaled demo territory (kpss.demo names them "Lipovec 2", ...)."""
    if scale == 1:
        return io.BytesIO(REGISTRY.read_bytes())
    data = json.loads(REGISTRY.read_text(encoding="utf-8"))
    originals = list(data["polozky"])
    for k in range(1, scale):
        for item in originals:
            item = copy.deepcopy(item)
            item["portalId"] += k * COPY_STEP
            item["id"] = f"SocialniSluzba/{item['portalId']}"
            for place in item.get("zarizeni") or []:
                obec = place["adresa"]["obec"]
                index = int(obec["id"].rsplit("/", 1)[1]) - int(municipality_code(1))
                if 0 <= index < len(MUNICIPALITIES):  # in the demo territory, not the service outside it
                    obec["id"] = f"Obec/{municipality_code(index + 1 + k * len(MUNICIPALITIES))}"
                    obec["nazev"] = f"{MUNICIPALITIES[index]} {k + 1}"
                    if place["adresa"].get("kodAdresnihoMista"):
                        place["adresa"]["kodAdresnihoMista"] += k * 10**8
            data["polozky"].append(item)
    return io.BytesIO(json.dumps(data, ensure_ascii=False).encode())
