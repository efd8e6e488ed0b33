"""The registry import at national size against a bare streaming parse of the same file.

    .venv/bin/python bench/import.py [--services 6700] [--facilities 18900]

Generates a registry-shaped file (the size of the national export by default, ~6,700 services and
~18,900 facilities), then in one run: a bare ijson parse of it, the first import (`--all`) into a
throw-away test database (PostgreSQL's test_<name> with DATABASE_URL set, else SQLite in memory),
and a re-import without changes. Prints times, their ratio to the bare parse (goals: import ≤ 3×,
re-import ≤ 2×), rows written by the re-import (goal 0) and the peak memory (goal < 300 MB).
"""

import argparse
import io
import json
import random
import resource
import tempfile
import time

from common import connection, prepare


def generated_file(path, services, facilities):
    rng = random.Random(7)
    per_service = max(1, facilities // services)
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"polozky": [')
        for number in range(1, services + 1):
            item = {
                "portalId": number, "id": f"SocialniSluzba/{number}", "identifikator": f"{1000000 + number}",
                "datumPoskytovaniOd": "2015-01-01", "datumPoskytovaniDo": None,
                "druhSocialniSluzby": {"id": f"DruhSocialniSluzby/{rng.choice([1, 3, 4, 8, 13, 28, 32, 33])}"},
                "ciloveSkupiny": [{"cilovaSkupina": {"id": f"CilovaSkupinaOsoby/{rng.randint(1, 25)}"}}
                                  for _ in range(3)],
                "vekoveSkupiny": [{"vekovaSkupina": {"id": f"VekovaSkupinaOsoby/{rng.randint(1, 10)}"}}],
                "formy": [{"forma": {"id": "FormaSocialniSluzby/amb"}, "kapacity": [
                    {"pocet": rng.randint(1, 80), "typ": {"id": "TypKapacitySocialniSluzby/klient"}}]}],
                "nepretrzitePoskytovani": rng.random() < 0.2, "kapacity": [],
                "popis": "Služba poskytuje pomoc a podporu lidem v nepříznivé sociální situaci. " * 8,
                "zarizeni": [{
                    "nazev": f"Zařízení {number}-{index}", "poskytujeOd": "2015-01-01", "poskytujeDo": None,
                    "utajenaAdresa": rng.random() < 0.02,
                    "adresa": {"kodAdresnihoMista": rng.randint(10**7, 10**8), "ulice": {"nazev": "Hlavní"},
                               "cisloDomovni": rng.randint(1, 2000), "cisloOrientacni": None, "psc": "33901",
                               "obec": {"id": f"Obec/{rng.randint(500000, 599999)}", "nazev": "Obec"},
                               "castObce": {"nazev": "Obec"}, "okres": {"id": f"Okres/{rng.randint(3100, 3800)}"},
                               "kraj": {"id": "Kraj/3042"}},
                } for index in range(per_service + (1 if number % 3 == 0 else 0))],
                "poskytovatel": {"ico": f"{rng.randint(0, 99999999):08d}", "nazev": f"Poskytovatel {number % 2300}",
                                 "weby": [{"web": "https://example.cz"}], "emaily": [{"email": "info@example.cz"}],
                                 "telefony": [{"telefon": "+420 777 000 000"}],
                                 "statutarniOrgany": [{"jmeno": "Jan", "prijmeni": "Novák"}]},
                "weby": [], "emaily": [], "telefony": [],
            }
            out.write(("," if number > 1 else "") + json.dumps(item, ensure_ascii=False))
        out.write("]}")


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=6700)
    parser.add_argument("--facilities", type=int, default=18900)
    args = parser.parse_args()
    prepare()

    import ijson

    from catalogue.importer import import_registry
    from catalogue.models import Facility, Service

    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        generated_file(file.name, args.services, args.facilities)
        size = file.seek(0, io.SEEK_END) / 1024 / 1024
        start = time.perf_counter()
        with open(file.name, "rb") as stream:
            parsed = sum(1 for _item in ijson.items(stream, "polozky.item", use_float=True))
        bare = time.perf_counter() - start
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            start = time.perf_counter()
            with open(file.name, "rb") as stream:
                first = import_registry(stream, everything=True)
            first_time = time.perf_counter() - start
            writes = []
            start = time.perf_counter()
            with connection.execute_wrapper(lambda execute, sql, *a: (
                    writes.append(sql) if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
                    and "catalogue_importrun" not in sql else None) or execute(sql, *a)), \
                    open(file.name, "rb") as stream:
                again = import_registry(stream, everything=True)
            again_time = time.perf_counter() - start
            counts = (Service.objects.count(), Facility.objects.count())
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor}; file {size:.0f} MB, {parsed} services, {counts[1]} facilities stored")
    print(f"bare ijson parse        {bare:8.1f} s")
    print(f"first import (--all)    {first_time:8.1f} s  {first_time / bare:5.1f}× the parse  "
          f"(created {first.created})")
    print(f"re-import, no changes   {again_time:8.1f} s  {again_time / bare:5.1f}× the parse  "
          f"(unchanged {again.unchanged}, rows written {len(writes)})")
    print(f"peak memory             {peak_mb():8.0f} MB")


if __name__ == "__main__":
    main()
