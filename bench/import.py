"""The registry import at national size against a bare streaming parse of the same file.

    .venv/bin/python bench/import.py [--services 6700] [--facilities 18900] [--rounds 3]

Generates a registry-shaped file (the size of the national export by default, ~6,700 services and
~18,900 facilities, about 100 MB), then in rounds (3 by default): a bare ijson parse of it, the
first import (`--all`) into a fresh throw-away test database (PostgreSQL's test_<name> with
DATABASE_URL set, else SQLite in memory), and a re-import without changes. Each import is measured
against its own round's parse, since the speed of this machine varies by half within minutes.
Prints times (wall clock, and this process's CPU time), their ratios and the median ratio (goals:
import ≤ 3×, re-import ≤ 2×), rows written by the re-import (goal 0) and the peak memory (goal
< 300 MB).

The generated items follow the issue's field list (what the importer reads) plus fields the importer
ignores, as the real export has them: `popis` descriptions with their dates of effect, `cinnosti`
activities with their descriptions, `zakladniCinnosti`, `kontaktniOsoby`, the area served, the
provider's seat and statutory bodies, contact lists with notes, and address objects with all their
RÚIAN codes and names. They make the file's size and its parse cost realistic, so the ratios to
the bare parse are not flattered by a thin file.
"""

import argparse
import gc
import io
import json
import random
import resource
import statistics
import tempfile
import time

from common import connection, prepare

SENTENCES = [
    "Služba poskytuje pomoc a podporu lidem v nepříznivé sociální situaci, kterou nemohou sami řešit.",
    "Posláním služby je umožnit uživatelům co nejdéle žít v jejich přirozeném domácím prostředí.",
    "Cílem je posílit samostatnost uživatelů a jejich začlenění do běžného života společnosti.",
    "Služba se řídí zásadami respektu k lidské důstojnosti, individuálního přístupu a nezávislosti.",
    "Pracovníci spolupracují s rodinou uživatele, lékaři a dalšími poskytovateli sociálních služeb.",
    "Služba je poskytována bezplatně, úhrada za úkony se řídí platným ceníkem poskytovatele.",
    "O poskytnutí služby lze požádat osobně, telefonicky, e-mailem nebo prostřednictvím rodiny.",
    "Změna rozsahu poskytování služby nabývá účinnosti dnem zápisu do registru poskytovatelů.",
]
ACTIVITIES = [
    "pomoc při zvládání běžných úkonů péče o vlastní osobu", "pomoc při osobní hygieně",
    "poskytnutí stravy nebo pomoc při zajištění stravy", "pomoc při zajištění chodu domácnosti",
    "zprostředkování kontaktu se společenským prostředím", "sociálně terapeutické činnosti",
    "pomoc při uplatňování práv, oprávněných zájmů a při obstarávání osobních záležitostí",
    "výchovné, vzdělávací a aktivizační činnosti", "poskytnutí informací o rozsahu a formách pomoci",
    "krizová intervence a psychosociální podpora",
]
STREETS = ["Hlavní", "Nádražní", "Školní", "Masarykova", "Husova", "Komenského", "Palackého", "náměstí Míru",
           "Zahradní", "Sokolovská", "Jiráskova", "Tyršova", "Smetanova", "Příčná", "U Nemocnice"]
TOWNS = ["Pačlavice", "Kroměříž", "Přerov", "Ústí nad Orlicí", "Třebíč", "Šumperk", "Žďár nad Sázavou",
         "Český Krumlov", "Hradec Králové", "Liberec", "Jihlava", "Písek", "Klatovy", "Domažlice", "Zlín"]
FIRST = ["Jana", "Petr", "Marie", "Jan", "Eva", "Tomáš", "Lucie", "Martin", "Hana", "Pavel"]
LAST = ["Nováková", "Svoboda", "Dvořáková", "Černý", "Procházková", "Kučera", "Veselá", "Horák"]


def _ref(kind, code, name=None):
    """A reference to a code list entry as the export writes it: id, code and often the name."""
    ref = {"id": f"{kind}/{code}", "kod": str(code)}
    if name is not None:
        ref["nazev"] = name
    return ref


def _address(rng, town_code, town, district):
    """An address object with all of RÚIAN's codes and names, as the export has it."""
    street = rng.choice(STREETS)
    number, orientation = rng.randint(1, 2500), rng.choice([None, rng.randint(1, 60)])
    return {
        "kodAdresnihoMista": None if rng.random() < 0.036 else rng.randint(10**7, 10**8),
        "ulice": _ref("Ulice", rng.randint(10**5, 10**6), street),
        "cisloDomovni": number, "cisloOrientacni": orientation,
        "znakCislaOrientacniho": None, "typCislaDomovniho": _ref("TypStavebnihoObjektu", 1, "číslo popisné"),
        "psc": f"{rng.randint(100, 799)}{rng.randint(0, 99):02d}",
        "obec": _ref("Obec", town_code, town), "castObce": _ref("CastObce", town_code * 10 % 10**6, town),
        "momc": None, "mop": None, "spravniObvod": None,
        "orp": _ref("Orp", district * 10 % 10**4, town), "pou": _ref("Pou", district * 100 % 10**5, town),
        "okres": _ref("Okres", district, f"Okres {town}"), "kraj": _ref("Kraj", 3042 + district % 14, "Kraj"),
        "gps": {"x": round(rng.uniform(12.1, 18.8), 6), "y": round(rng.uniform(48.6, 51.0), 6)},
        "adresaText": f"{street} {number}{'/' + str(orientation) if orientation else ''}, {town}",
        "platnostOd": "2012-07-01", "platnostDo": None,
    }


def _text(rng, sentences):
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def _contacts(rng, domain):
    return {"weby": [{"web": f"https://www.{domain}.cz", "typ": "hlavni"}],
            "emaily": [{"email": f"{kind}@{domain}.cz", "popis": kind} for kind in ("info", "socialni")],
            "telefony": [{"telefon": f"+420 {rng.randint(200, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                          "popis": kind} for kind in ("ústředna", "sociální pracovnice")]}


def _person(rng, role):
    return {"titulPred": rng.choice(["", "Mgr.", "Bc.", "Ing."]), "jmeno": rng.choice(FIRST),
            "prijmeni": rng.choice(LAST), "titulZa": rng.choice(["", "DiS."]), "funkce": role,
            "telefon": f"+420 {rng.randint(600, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            "email": f"{rng.choice(FIRST).lower()}.{rng.randint(1, 99)}@example.cz"}


def generated_file(path, services, facilities):
    """Write a registry-shaped file: the fields the issue lists (what the importer reads) plus
    fields it ignores, long texts and full address objects, so that the file's size (about 100 MB
    for the national 6,700 services and 18,900 facilities) and its parse cost are the real export's."""
    rng = random.Random(7)
    per_service = facilities / services
    providers = max(1, services // 3)
    made = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"datumExportu": "2026-12-01T03:00:00", "polozky": [')
        for number in range(1, services + 1):
            count = round(number * per_service) - made
            made += count
            provider = number % providers
            rng_provider = random.Random(provider)
            town_code, district = rng.randint(500000, 599999), rng.randint(3100, 3800)
            town = rng.choice(TOWNS)
            domain = f"poskytovatel{provider}"
            item = {
                "portalId": number, "id": f"SocialniSluzba/{number}", "identifikator": f"{1000000 + number}",
                "datumPoskytovaniOd": "2015-01-01", "datumPoskytovaniDo": None,
                "datumZapisu": "2014-11-20", "datumZmeny": "2025-03-14T09:12:44",
                "druhSocialniSluzby": _ref("DruhSocialniSluzby", rng.choice([1, 3, 4, 8, 13, 28, 32, 33]),
                                           "druh sociální služby"),
                "popis": " ".join(f"Platnost od {day}. {month}. {year}: {_text(rng, 6)}"
                                  for day, month, year in [(1, 1, 2016), (1, 7, 2020), (1, 1, 2024)]),
                "cinnosti": [{"id": f"Cinnost/{rng.randint(1, 400)}", "nazev": activity,
                              "popis": _text(rng, 4)} for activity in rng.sample(ACTIVITIES, 7)],
                "zakladniCinnosti": [_ref("ZakladniCinnost", rng.randint(1, 60), activity)
                                     for activity in rng.sample(ACTIVITIES, 5)],
                "ciloveSkupiny": [{"cilovaSkupina": _ref("CilovaSkupinaOsoby", rng.randint(1, 31), "cílová skupina"),
                                   "upresneni": None} for _ in range(3)],
                "vekoveSkupiny": [{"vekovaSkupina": _ref("VekovaSkupinaOsoby", code, "věková skupina")}
                                  for code in sorted(rng.sample(range(1, 11), 3))],
                "formy": [{"forma": _ref("FormaSocialniSluzby", form, form),
                           "nepretrzitePoskytovani": rng.random() < 0.2,
                           "casovaDostupnost": "Po–Pá 7:00–15:30, jinak po dohodě",
                           "kapacity": [{"pocet": rng.randint(1, 80),
                                         "typ": _ref("TypKapacitySocialniSluzby", unit, unit)}
                                        for unit in rng.sample(["luzka", "klient", "kontakt", "interv", "hovor"], 2)]}
                          for form in rng.sample(["pob", "amb", "ter"], rng.randint(1, 2))],
                "nepretrzitePoskytovani": rng.random() < 0.2, "kapacity": [],
                "okamzitaKapacita": None,
                "uzemniPusobnost": [_ref("Obec", rng.randint(500000, 599999), rng.choice(TOWNS))
                                    for _ in range(rng.randint(1, 8))],
                "kontaktniOsoby": [_person(rng, "sociální pracovník") for _ in range(2)],
                "zarizeni": [{
                    "id": f"Zarizeni/{number}-{index}", "nazev": f"{rng.choice(['Centrum', 'Domov', 'Poradna'])} "
                                                               f"{town} {number}-{index}",
                    "poskytujeOd": "2015-01-01", "poskytujeDo": None, "utajenaAdresa": rng.random() < 0.02,
                    "druhZarizeni": _ref("DruhZarizeni", rng.randint(1, 40), "druh zařízení"),
                    "kapacita": rng.randint(1, 60), "provozniDoba": "Po–Pá 7:00–15:30",
                    "adresa": _address(rng, town_code, town, district),
                    **_contacts(rng, domain),
                } for index in range(count)],
                "poskytovatel": {
                    "id": f"Poskytovatel/{provider}", "ico": f"{rng_provider.randint(0, 99999999):08d}",
                    "nazev": f"Poskytovatel sociálních služeb {rng_provider.choice(TOWNS)} {provider}, z. ú.",
                    "pravniForma": _ref("PravniForma", 751, "Zapsaný ústav"), "datovaSchranka": "abc1234",
                    # the same for each of the provider's services, as in the real export
                    "adresa": _address(rng_provider, rng_provider.randint(500000, 599999), rng_provider.choice(TOWNS),
                                       rng_provider.randint(3100, 3800)), **_contacts(rng_provider, domain),
                    "statutarniOrgany": [_person(rng_provider, "ředitel") for _ in range(2)],
                },
                **_contacts(rng, domain),
            }
            out.write(("," if number > 1 else "") + json.dumps(item, ensure_ascii=False))
        out.write("]}")


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_parse(path):
    """Seconds (wall, CPU) of reading every service of the file with ijson and nothing else, with the
    garbage collector paused as the import pauses it: otherwise its passes over whatever the process
    holds (more after each round) would slow the parse and flatter the ratios."""
    import ijson

    gc.collect()
    gc.disable()
    try:
        start, start_cpu = time.perf_counter(), time.process_time()
        with open(path, "rb") as stream:
            parsed = sum(1 for _item in ijson.items(stream, "polozky.item", use_float=True))
        return time.perf_counter() - start, time.process_time() - start_cpu, parsed
    finally:
        gc.enable()


def one_round(path):
    """A bare parse, then the first import and a re-import into a fresh throw-away database."""
    from catalogue.importer import import_registry
    from catalogue.models import Facility

    bare, bare_cpu, parsed = bare_parse(path)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start, start_cpu = time.perf_counter(), time.process_time()
        with open(path, "rb") as stream:
            first = import_registry(stream, everything=True)
        first_time, first_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        writes = []
        start, start_cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(lambda execute, sql, *a: (
                writes.append(sql) if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "COPY"))
                and "catalogue_importrun" not in sql else None) or execute(sql, *a)), open(path, "rb") as stream:
            again = import_registry(stream, everything=True)
        again_time, again_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        facilities = Facility.objects.count()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {"parsed": parsed, "facilities": facilities, "created": first.created, "unchanged": again.unchanged,
            "written": len(writes), "bare": (bare, bare_cpu), "first": (first_time, first_cpu),
            "again": (again_time, again_cpu)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=6700)
    parser.add_argument("--facilities", type=int, default=18900)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    prepare()

    import ijson

    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        generated_file(file.name, args.services, args.facilities)
        size = file.seek(0, io.SEEK_END) / 1024 / 1024
        bare_parse(file.name)  # the first read of a file just written runs while the system still writes it out
        rounds = [one_round(file.name) for _round in range(args.rounds)]
    last = rounds[-1]
    print(f"database: {connection.vendor}; file {size:.0f} MB, {last['parsed']} services, "
          f"{last['facilities']} facilities stored; ijson backend {ijson.backend}")
    print("Each round: a bare parse, the first import (--all) and a re-import without changes, side by side; "
          "ratios to the round's own parse (wall time / CPU time of this process, not the database server's).")
    print(f"{'round':>5} {'parse s':>8} {'first import s':>15} {'ratio':>11} {'re-import s':>12} {'ratio':>11} "
          f"{'rows written':>12}")
    ratios = {"first": [], "again": []}
    for number, result in enumerate(rounds, 1):
        bare = result["bare"]
        cells = []
        for name in ("first", "again"):
            wall, cpu = result[name]
            ratios[name].append((wall / bare[0], cpu / bare[1]))
            cells.append(f"{wall:8.1f} {wall / bare[0]:5.1f}×/{cpu / bare[1]:.1f}×")
        print(f"{number:>5} {bare[0]:8.1f} {cells[0]:>27} {cells[1]:>24} {result['written']:12d}")
    for name, label in (("first", "first import"), ("again", "re-import")):
        walls, cpus = zip(*ratios[name], strict=True)
        print(f"median ratio, {label}: {statistics.median(walls):.1f}× wall, {statistics.median(cpus):.1f}× CPU")
    print(f"created {last['created']}, unchanged on re-import {last['unchanged']}; peak memory {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
