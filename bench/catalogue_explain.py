"""The catalogue search's query plan at national size.

    DATABASE_URL=postgres://... .venv/bin/python bench/catalogue_explain.py [--services 6700]

Imports the generated national-size file (bench/import.py) with `--all` into a throw-away test
database and prints EXPLAIN ANALYZE of a search with two filters, as the public list runs it. On
PostgreSQL the search column's trigram index (migration catalogue 0002) should serve the words.
"""

import argparse
import tempfile

from common import connection, prepare


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=6700)
    parser.add_argument("--facilities", type=int, default=18900)
    parser.add_argument("--query", default="pecovatelska")
    parser.add_argument("--rare", default="zarizeni 4711", help="A search few services match.")
    args = parser.parse_args()
    prepare()
    from importlib import import_module

    from catalogue.models import Service
    from catalogue.services import import_file

    generated_file = import_module("import").generated_file
    old_name = connection.settings_dict["NAME"]
    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        generated_file(file.name, args.services, args.facilities)
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            with open(file.name, "rb") as stream:
                import_file(stream, everything=True)
            searches = {
                f"{args.query!r} + form amb + care": (Service.objects.public().search(args.query)
                                                      .with_code("form", "amb").filter(service_type__category="care")),
                f"{args.rare!r} alone": Service.objects.public().search(args.rare),
            }
            print(f"database: {connection.vendor}; {Service.objects.count()} services")
            for label, found in searches.items():
                print(f"\n{label}: {found.count()} found")
                print(found.explain(analyze=True) if connection.vendor == "postgresql" else found.explain())
            if connection.vendor == "postgresql":
                # What the trigram index gives where the planner prefers a scan of a small table.
                with connection.cursor() as cursor:
                    cursor.execute("SET enable_seqscan = off")
                print(f"\n{args.rare!r} alone, sequential scans off:")
                print(Service.objects.public().search(args.rare).explain(analyze=True))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
