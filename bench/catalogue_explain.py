"""The catalogue search's query plans at national size.

    DATABASE_URL=postgres://... .venv/bin/python bench/catalogue_explain.py [--services 6700]

Imports the generated national-size file (bench/import.py) with `--all` into a throw-away test
database and prints EXPLAIN ANALYZE of the queries the public list runs for bench/pages.py's search
with two filters (the keys of all matches, then the page's rows), and of a rare search. On
PostgreSQL the trigram indexes of the search column and of the filters' key (migrations catalogue
0002 and 0007) should serve the words and the codes.
"""

import argparse
import tempfile

from common import connection, prepare
from django.http import QueryDict


def queries_of_the_list(data):
    """The SQL and parameters of what the catalogue's list reads for a search (catalogue.views)."""
    from catalogue.filters import ServiceFilter
    from catalogue.models import Service
    from catalogue.views import SERVICES_PER_PAGE, _as_cards
    from kpss.pagination import SearchPaginator

    filters = ServiceFilter(data, queryset=Service.objects.public())
    filters.qs  # noqa: B018 (the filters' choices are read before the search)
    run = []
    with connection.execute_wrapper(lambda execute, sql, params, *args: run.append((sql, params))
                                    or execute(sql, params, *args)):
        SearchPaginator(filters.qs, SERVICES_PER_PAGE, shown_as=_as_cards).get_page(1)
    return [(sql, params) for sql, params in run if '"catalogue_service"' in sql]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=6700)
    parser.add_argument("--facilities", type=int, default=18900)
    parser.add_argument("--query", default="domov")
    parser.add_argument("--rare", default="zarizeni 4711", help="A search few services match.")
    args = parser.parse_args()
    prepare()
    from importlib import import_module

    from catalogue.models import Service
    from catalogue.services import import_file
    from kpss.models import ServiceType

    generated_file = import_module("import").generated_file
    old_name = connection.settings_dict["NAME"]
    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        generated_file(file.name, args.services, args.facilities)
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            with open(file.name, "rb") as stream:
                import_file(stream, everything=True)
            print(f"database: {connection.vendor}; {Service.objects.count()} services")
            homes = ServiceType.objects.get(country="CZ", section="49").pk
            for label, query in {f"{args.query!r}, homes for the elderly, seniors": f"q={args.query}&druh={homes}"
                                 "&cilova_skupina=24", f"{args.rare!r} alone": f"q={args.rare}"}.items():
                print(f"\n{label}:")
                for sql, params in queries_of_the_list(QueryDict(query)):
                    with connection.cursor() as cursor:
                        prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
                        cursor.execute(prefix + sql, params)
                        print(f"\n{sql[:160]}…")
                        print("\n".join(" ".join(map(str, row)) for row in cursor.fetchall()))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
