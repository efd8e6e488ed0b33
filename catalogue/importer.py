"""Import of the national registry of social service providers (RPSS open data) into the catalogue.

The file (~100 MB nationally) is streamed with ijson, one service at a time, so memory stays
bounded. A run is one transaction: a broken file (truncated, not JSON, the wrong shape) fails
with a clear message and leaves the catalogue as it was. Services are keyed by `portalId`; one
whose stored digest equals the new one is not written at all, so a re-import of the same file
writes nothing. Services missing from a complete run are withdrawn (hidden), not deleted.
Statutory bodies (names of people) are never read, and a secret address keeps only its
municipality.

Cost (bench/import.py): new rows go in with one executemany per chunk (one COPY on PostgreSQL)
rather than bulk_create, which compiles each value separately; on PostgreSQL the server's share of
each chunk's COPY (parsing, foreign keys, indexes) runs while the next chunk is read
(BackgroundCopies); the garbage collector pauses while the file is read. A town's import of the
national file costs about its bare parse: an item outside the scope is skipped after its facilities
are read (skipping it earlier saved nothing measurable).
"""

import contextlib
import datetime
import functools
import gc
import hashlib
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import ijson
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.codes import after_slash
from catalogue.models import AgeGroup, Facility, ImportRun, Provider, Service
from kpss.models import ServiceType, TargetGroup, Territory

CHUNK = 500  # services written together: few statements, bounded memory
PROGRESS_EVERY = 200  # services read between two reports of progress
SERVICE_FIELDS = ["registry_id", "provider", "name", "type_code", "service_type", "target_group_codes",
                  "age_group_codes", "forms", "capacities", "non_stop", "provided_from", "websites", "emails",
                  "phones", "registry_digest", "imported_at", "withdrawn_at", "search_text", "filter_key",
                  "municipality_names"]
PROVIDER_FIELDS = ["name", "websites", "emails", "phones"]
NEW_SERVICE_FIELDS = ["portal_id", "provider", "service_type",
                      *[field for field in SERVICE_FIELDS if field not in ("provider", "service_type")]]
# json.dumps(value, sort_keys=True, default=str), without making an encoder for every service
DIGEST_ENCODER = json.JSONEncoder(sort_keys=True, default=str, check_circular=False)
FACILITY_FIELDS = ["name", "secret_address", "street", "house_number", "orientation_number", "postcode",
                   "address_point", "municipality_code", "municipality", "part_of_municipality", "district_code"]


class RegistryFileError(Exception):
    """The file cannot be read as the registry's export; nothing was changed."""


def _code(value):
    """The key after the slash of a registry reference: {"id": "Obec/554499"} -> "554499"."""
    if isinstance(value, dict):
        value = value.get("id")
    return after_slash(value) if value else ""


def _codes(items, key):
    return [_code(item.get(key)) for item in items or [] if isinstance(item, dict) and item.get(key)]


def _date(value):
    if not value:
        return None
    return datetime.date.fromisoformat(str(value)[:10])


def _texts(items, key):
    return [str(item[key]).strip() for item in items or [] if isinstance(item, dict) and item.get(key)]


def _ended(end, today):
    end = _date(end)
    return end is not None and end < today


def _insert(model, fields, rows):
    """Insert `rows` (tuples of values in the order of `fields`; every other field gets its
    default, or now for a timestamp set on save) with one executemany (on PostgreSQL one COPY)."""
    _run(*_bulk_insert(model, fields, rows))


def _bulk_insert(model, fields, rows):
    """The statement and the rows, their values adapted to the database, that insert `rows`.

    Django's bulk_create compiles every value of every row into the statement separately, which at
    the national size cost more than the parse of the whole file; here only the values that need
    adapting to the database (JSON, dates on SQLite) go through their field."""
    if not rows:
        return "", []
    meta, quote = model._meta, connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    others = [field for field in meta.concrete_fields if not field.primary_key and field not in columns]
    now = timezone.now()
    defaults = [field.get_db_prep_save(now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                                       else field.get_default(), connection) for field in others]
    adapters = {}
    for index, field in enumerate(columns):
        kind = field.get_internal_type()
        if kind == "JSONField" and connection.vendor == "postgresql":  # COPY's text format: JSON as text
            adapters[index] = functools.partial(json.dumps, cls=field.encoder)
        elif kind == "JSONField":  # what JSONField.get_db_prep_save does for a plain value
            adapters[index] = functools.partial(connection.ops.adapt_json_value, encoder=field.encoder)
        elif kind in ("DateField", "DateTimeField") and connection.vendor != "postgresql":  # psycopg copies dates
            adapters[index] = functools.partial(field.get_db_prep_save, connection=connection)
    if adapters or defaults:
        rows = [[*row, *defaults] for row in rows]
        for row in rows:
            for index, adapt in adapters.items():
                row[index] = adapt(row[index])
    columns += others
    names = ", ".join(quote(field.column) for field in columns)
    if connection.vendor == "postgresql":  # COPY: psycopg's executemany binds each value in Python
        return f"COPY {quote(meta.db_table)} ({names}) FROM STDIN", rows
    return f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", rows


def _run(statement, rows):
    if rows:
        with connection.cursor() as cursor:
            _write(cursor.cursor if connection.vendor == "postgresql" else cursor, statement, rows)


def _write(cursor, statement, rows):
    """Run a statement of _bulk_insert on a database cursor (psycopg's on PostgreSQL)."""
    if statement.startswith("COPY"):
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cursor.executemany(statement, rows)


def _new_ids(model, count):
    """`count` primary keys for new rows of `model`, taken from its sequence (PostgreSQL)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
        return [pk for (pk,) in cursor.fetchall()]


class BackgroundCopies:
    """On PostgreSQL, each chunk's COPY of new services and facilities runs in a thread while the
    file is read on: the database server parses, checks and indexes the rows (about as long as
    reading them from the file) on the other core instead of keeping the import waiting.

    The thread uses the import's own connection, so the rows are in its transaction; nothing
    else uses that connection until `wait()` has returned, which every other statement of the
    import calls first. Elsewhere the statements simply run at once.
    """

    def __init__(self):
        self.threads = ThreadPoolExecutor(max_workers=1) if connection.vendor == "postgresql" else None
        self.running = None

    def check_constraints_at_once(self):
        """Check the foreign keys as each copy ends rather than all at the commit: the check then
        runs on the server's core too, while the file is read on."""
        if self.threads is not None:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def start(self, statements):
        """Run `statements` (from _bulk_insert) in order; the caller wait()s before its next query."""
        self.wait()
        statements = [(statement, rows) for statement, rows in statements if rows]
        if self.threads is None:
            for statement, rows in statements:
                _run(statement, rows)
        elif statements:
            self.running = self.threads.submit(_copy_all, connection.connection, statements)

    def wait(self):
        """Wait for the running copy; its error (a constraint it broke) is raised here."""
        running, self.running = self.running, None
        if running is not None:
            running.result()

    def stop(self):
        """Wait for a copy still running before the transaction ends (after an error: the error
        that stopped the import is the one to report, so the copy's own is not raised)."""
        with contextlib.suppress(Exception):
            self.wait()
        if self.threads is not None:
            self.threads.shutdown()


def _copy_all(psycopg_connection, statements):
    with psycopg_connection.cursor() as cursor:
        for statement, rows in statements:
            _write(cursor, statement, rows)


def _facility(raw):
    address = raw.get("adresa") or {}
    secret = bool(raw.get("utajenaAdresa"))
    obec, okres = address.get("obec") or {}, address.get("okres") or {}
    return {
        "name": (raw.get("nazev") or "").strip(),
        "secret_address": secret,
        # Never stored for a secret address: only the municipality is shown.
        "street": "" if secret else ((address.get("ulice") or {}).get("nazev") or ""),
        "house_number": "" if secret else str(address.get("cisloDomovni") or ""),
        "orientation_number": "" if secret else str(address.get("cisloOrientacni") or ""),
        "postcode": "" if secret else str(address.get("psc") or ""),
        "address_point": "" if secret else str(address.get("kodAdresnihoMista") or ""),
        "municipality_code": _code(obec),
        "municipality": obec.get("nazev") or "",
        "part_of_municipality": (address.get("castObce") or {}).get("nazev") or "",
        "district_code": _code(okres),
    }


def portal_municipality_codes():
    """What an import without a filter takes: the municipalities of the planning area of the
    portal's plans that are not archived, or every municipality the portal knows while no plan has
    a territory."""
    from planning.models import Plan

    codes = Plan.objects.exclude(status=Plan.Status.ARCHIVED).area_codes()
    if codes is None:
        codes = set(Territory.objects.municipalities().exclude(code="").values_list("code", flat=True))
    return codes


class Importer:
    def __init__(self, run, *, districts=(), municipalities=(), everything=False, today=None):
        self.run = run
        self.today = today or timezone.localdate()
        self.everything = everything
        self.districts = {str(code) for code in districts}
        self.municipalities = {str(code) for code in municipalities}
        if not (everything or self.districts or self.municipalities):
            self.municipalities = portal_municipality_codes()
        self.types = {_code(code): pk for pk, code in ServiceType.objects.exclude(registry_code="").values_list(
            "pk", "registry_code")}
        self.type_names = dict(ServiceType.objects.values_list("pk", "name"))
        self.target_groups = {_code(code) for code in TargetGroup.objects.exclude(registry_code="").values_list(
            "registry_code", flat=True)}
        self.age_groups = set(AgeGroup.objects.values_list("registry_code", flat=True))
        # {IČO: (primary key, the registry's values as stored)}
        self.providers = {ico: (pk, dict(zip(PROVIDER_FIELDS, values, strict=True))) for pk, ico, *values in
                          Provider.objects.values_list("pk", "ico", *PROVIDER_FIELDS)}
        registered = Service.objects.filter(portal_id__isnull=False)
        self.services = {portal_id: (pk, digest, withdrawn) for pk, portal_id, digest, withdrawn in
                         registered.values_list("pk", "portal_id", "registry_digest", "withdrawn_at")}
        # What the coordinator wrote is searched too, so the derived search text keeps it.
        self.local_descriptions = dict(registered.exclude(local_description="").values_list(
            "portal_id", "local_description"))
        self.seen = set()
        self.pending = []
        self.copies = BackgroundCopies()
        self.unknown = Counter()
        self.now = timezone.now()

    def scope_label(self):
        if self.everything:
            return _("the whole country")
        parts = []
        if self.districts:
            parts.append(_("districts %(codes)s") % {"codes": ", ".join(sorted(self.districts))})
        if self.municipalities:
            parts.append(_("%(count)s municipalities") % {"count": len(self.municipalities)})
        return "; ".join(parts)

    def in_scope(self, facilities):
        if self.everything:
            return True
        return any(facility["municipality_code"] in self.municipalities
                   or facility["district_code"] in self.districts for facility in facilities)

    @staticmethod
    def items(file):
        """The file's services one by one, with the cyclic garbage collector paused meanwhile.

        The parse makes hundreds of objects per service, all freed by reference counting (no
        cycles), and their number keeps triggering collections that traverse every object the run
        holds: a fifth of an unchanged re-import's time. Collections resume when the file is read
        or the reading stops."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield from ijson.items(file, "polozky.item", use_float=True)
        finally:
            if enabled:
                gc.enable()

    def reject(self, item, reason):
        self.run.rejected.append({"portal_id": item.get("portalId") if isinstance(item, dict) else None,
                                  "id": item.get("id") if isinstance(item, dict) else None, "reason": reason})

    def take(self, item):
        if not isinstance(item, dict):
            self.run.rejected.append({"portal_id": None, "id": None, "reason": _("Not an object.")})
            return
        portal_id = item.get("portalId")
        if not isinstance(portal_id, int) and not str(portal_id or "").isdigit():
            self.reject(item, _("No portalId."))
            return
        portal_id = int(portal_id)
        try:
            if _ended(item.get("datumPoskytovaniDo"), self.today):
                self.run.skipped += 1
                return
            facilities = self.facilities(item.get("zarizeni"))
            if not self.in_scope(facilities):
                self.run.skipped += 1
                return
            provider = self.provider_values(item.get("poskytovatel") or {})
            if provider is None:
                self.reject(item, _("The provider has no IČO."))
                return
            data = self.service_data(item, provider, facilities)
        except (ValueError, TypeError, AttributeError) as error:
            self.reject(item, _("Unreadable item: %(error)s") % {"error": error})
            return
        self.seen.add(portal_id)
        self.pending.append((portal_id, data, facilities, provider))
        if len(self.pending) >= CHUNK:
            self.flush()

    def facilities(self, raw_facilities):
        facilities, keys = [], set()
        for raw in raw_facilities or []:
            if not isinstance(raw, dict) or _ended(raw.get("poskytujeDo"), self.today):
                continue
            facility = _facility(raw)
            key = (facility["name"], facility["address_point"] or (
                facility["municipality_code"], facility["street"], facility["house_number"]))
            if key in keys:  # the registry lists some facilities twice
                continue
            keys.add(key)
            facilities.append(facility)
        return facilities

    @staticmethod
    def provider_values(raw):
        ico = str(raw.get("ico") or "").strip()
        if not ico:
            return None
        ico = ico.zfill(8) if ico.isdigit() else ico  # a number in the file loses its leading zeros
        return {"ico": ico, "name": (raw.get("nazev") or ico).strip(), "websites": _texts(raw.get("weby"), "web"),
                "emails": _texts(raw.get("emaily"), "email"), "phones": _texts(raw.get("telefony"), "telefon")}

    def service_data(self, item, provider, facilities):
        type_code = _code(item.get("druhSocialniSluzby"))
        service_type = self.types.get(type_code)
        if type_code and service_type is None:
            self.unknown[f"DruhSocialniSluzby/{type_code}"] += 1
        target_groups = _codes(item.get("ciloveSkupiny"), "cilovaSkupina")
        age_groups = _codes(item.get("vekoveSkupiny"), "vekovaSkupina")
        self.unknown.update(f"CilovaSkupinaOsoby/{code}" for code in target_groups if code not in self.target_groups)
        self.unknown.update(f"VekovaSkupinaOsoby/{code}" for code in age_groups if code not in self.age_groups)
        forms = []
        for form in item.get("formy") or []:
            forms.append({"form": _code(form.get("forma")), "capacities": [
                {"count": capacity.get("pocet"), "unit": _code(capacity.get("typ"))}
                for capacity in form.get("kapacity") or [] if isinstance(capacity, dict)
            ]})
        named = next((facility["name"] for facility in facilities if facility["name"]), "")
        kind = self.type_names.get(service_type) or type_code
        return {
            "registry_id": str(item.get("identifikator") or ""),
            "provider_ico": provider["ico"],
            "name": named or f"{kind} – {provider['name']}".strip(" –"),
            "type_code": type_code,
            "service_type_id": service_type,
            "target_group_codes": target_groups,
            "age_group_codes": age_groups,
            "forms": forms,
            "capacities": [{"count": capacity.get("pocet"), "unit": _code(capacity.get("typ"))}
                           for capacity in item.get("kapacity") or [] if isinstance(capacity, dict)],
            "non_stop": bool(item.get("nepretrzitePoskytovani")),
            "provided_from": str(_date(item.get("datumPoskytovaniOd")) or ""),
            "websites": _texts(item.get("weby"), "web"),
            "emails": _texts(item.get("emaily"), "email"),
            "phones": _texts(item.get("telefony"), "telefon"),
        }

    def flush(self):
        """Write the pending services in a few statements: their providers first, then the new
        services, the changed ones and their facilities. Unchanged services are not written."""
        pending, self.pending = self.pending, []
        self.copies.wait()
        self.store_providers([provider for _portal_id, _data, _facilities, provider in pending])
        created, changed, facilities_of = [], [], {}
        for portal_id, data, facilities, provider in pending:
            data = {**data, "provider_id": self.providers[provider["ico"]][0]}
            del data["provider_ico"]
            digest = hashlib.sha256(DIGEST_ENCODER.encode([data, facilities]).encode()).hexdigest()
            known = self.services.get(portal_id)
            if known and known[1] == digest and known[2] is None:
                self.run.unchanged += 1
                continue
            municipalities = sorted({facility["municipality"] for facility in facilities})
            search_text = Service.search_text_of(
                name=data["name"], provider_name=provider["name"],
                type_name=self.type_names.get(data["service_type_id"], ""),
                municipalities=municipalities, description=self.local_descriptions.get(portal_id, ""))
            filter_key = Service.filter_key_of(target_group_codes=data["target_group_codes"],
                                               age_group_codes=data["age_group_codes"], forms=data["forms"])
            values = {**data, "provided_from": _date(data["provided_from"]), "registry_digest": digest,
                      "imported_at": self.now, "withdrawn_at": None, "search_text": search_text,
                      "filter_key": filter_key, "municipality_names": Service.municipality_names_of(municipalities)}
            if known:
                service = Service(portal_id=portal_id, **values)
                service.pk = known[0]
                changed.append(service)
            else:
                created.append((portal_id, values))
            facilities_of[portal_id] = facilities
        if changed:
            Service.objects.bulk_update(changed, SERVICE_FIELDS)
            Facility.objects.filter(service__in=changed).delete()
        written = {service.portal_id: service.pk for service in changed}
        new_rows = [(portal_id, values["provider_id"], values["service_type_id"],
                     *[values[field] for field in NEW_SERVICE_FIELDS[3:]]) for portal_id, values in created]
        if created and self.copies.threads is not None:
            # Keys from the sequence: the facilities are copied with their services, unread back.
            ids = _new_ids(Service, len(created))
            written.update(zip([portal_id for portal_id, _values in created], ids, strict=True))
            services = _bulk_insert(Service, ["id", *NEW_SERVICE_FIELDS],
                                    [(pk, *row) for pk, row in zip(ids, new_rows, strict=True)])
        else:
            _insert(Service, NEW_SERVICE_FIELDS, new_rows)
            services = ("", [])
            if created:
                written.update(Service.objects.filter(portal_id__in=[portal_id for portal_id, _values in created])
                               .values_list("portal_id", "pk"))
        self.copies.start([services, _bulk_insert(Facility, ["service", *FACILITY_FIELDS], [
            (written[portal_id], *[facility[field] for field in FACILITY_FIELDS])
            for portal_id in written for facility in facilities_of[portal_id]])])
        for service in changed:
            self.services[service.portal_id] = (service.pk, service.registry_digest, None)
        for portal_id, values in created:
            self.services[portal_id] = (written[portal_id], values["registry_digest"], None)
        self.run.created += len(created)
        self.run.updated += len(changed)

    def store_providers(self, values):
        """Insert the providers not stored yet (with one COPY, as services) and update those whose
        values changed; the last of a provider's services read gives its values."""
        new, changed = {}, {}
        for provider_values in values:
            ico = provider_values["ico"]
            fields = {field: provider_values[field] for field in PROVIDER_FIELDS}
            known = self.providers.get(ico)
            if known is None:
                new[ico] = fields
            elif known[1] != fields:
                changed[ico] = Provider(pk=known[0], ico=ico, **fields)
                self.providers[ico] = (known[0], fields)
        _insert(Provider, ["ico", *PROVIDER_FIELDS],
                [(ico, *[fields[field] for field in PROVIDER_FIELDS]) for ico, fields in new.items()])
        if new:
            self.providers.update((ico, (pk, new[ico])) for ico, pk in
                                  Provider.objects.filter(ico__in=new).values_list("ico", "pk"))
        Provider.objects.bulk_update(changed.values(), PROVIDER_FIELDS)

    def withdraw_the_rest(self):
        self.flush()
        self.copies.wait()
        gone = [pk for portal_id, (pk, _digest, withdrawn) in self.services.items()
                if portal_id not in self.seen and withdrawn is None]
        self.run.withdrawn = Service.objects.filter(pk__in=gone).update(withdrawn_at=self.now)


def import_registry(file, *, source="", districts=(), municipalities=(), everything=False, dry_run=False,
                    today=None, run=None, on_progress=None):
    """Import the registry's file (an open binary file); returns the stored ImportRun.

    `run` is an ImportRun created beforehand (an upload waiting in the queue) to fill in; without
    it a new one is created. `on_progress(processed, percent)` is called every PROGRESS_EVERY
    services read, with the share of the file read so far: the import is one transaction, so the
    caller writes progress where others can see it before the import commits (catalogue.services).

    Raises RegistryFileError when the file is not the registry's export; the run is stored as
    failed with the reason, and the catalogue is unchanged.
    """
    if run is None:
        run = ImportRun(source=source or getattr(file, "name", ""), dry_run=dry_run)
    else:
        run.dry_run = dry_run
        run.source = source or run.source
    importer = Importer(run, districts=districts, municipalities=municipalities, everything=everything, today=today)
    run.scope = importer.scope_label()
    run.status = ImportRun.Status.RUNNING
    run.started_at = timezone.now()
    run.file_size = _size_of(file)
    run.processed = run.progress = 0
    run.save()  # committed before the import's transaction, so the run shows as running
    try:
        with transaction.atomic():
            importer.copies.check_constraints_at_once()
            try:
                for item in importer.items(file):
                    run.processed += 1
                    importer.take(item)
                    if on_progress is not None and run.processed % PROGRESS_EVERY == 0:
                        on_progress(run.processed, _percent(file, run.file_size))
                if not run.processed:
                    raise RegistryFileError(_("The file has no services under the key “polozky”."))
                importer.withdraw_the_rest()
            finally:
                importer.copies.stop()  # the transaction must not end under a copy still running
            if dry_run:
                transaction.set_rollback(True)
    except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError) as error:
        _fail(run, _("The file is not a complete JSON export of the registry: %(error)s") % {"error": error})
        raise RegistryFileError(run.error) from error
    except RegistryFileError as error:
        _fail(run, str(error))
        raise
    run.unknown_codes = [{"code": code, "services": count} for code, count in sorted(importer.unknown.items())]
    run.status = ImportRun.Status.DONE
    run.progress = 100
    run.finished_at = timezone.now()
    run.save()
    return run


def _size_of(file):
    """The file's size in bytes, or None for a stream that cannot tell."""
    try:
        position = file.tell()
        size = file.seek(0, 2)
        file.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return size


def _percent(file, size):
    try:
        return min(100, int(file.tell() * 100 / size)) if size else 0
    except (AttributeError, OSError, ValueError):
        return 0


def _fail(run, message):
    run.status = ImportRun.Status.FAILED
    run.error = message
    run.created = run.updated = run.unchanged = run.skipped = run.withdrawn = 0
    run.finished_at = timezone.now()
    run.save()
