"""The network of services for planners (analýza poskytovatelů): registered capacity by service
type, target group and municipality, and the catalogue's services behind a plan's measures.

Capacity is registered per service (per form), not per facility or target group: a service with
facilities in two municipalities, or for two target groups, counts whole under each of them, so
the figures of one filter are exact and the sum across municipalities may count a service twice.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from catalogue.codes import CAPACITY_COLUMNS, CAPACITY_UNITS, section_key, target_group_names, unit_name
from catalogue.models import Facility, Service
from kpss.models import ServiceType, Territory


def capacities_of(forms, capacities):
    """{unit: count} of a service: the sum over its forms; the service-wide figures only when its
    forms give none (the registry gives one or the other)."""
    totals = defaultdict(int)
    for form in forms or []:
        for capacity in form.get("capacities") or []:
            if isinstance(capacity.get("count"), (int, float)) and capacity.get("unit"):
                totals[capacity["unit"]] += capacity["count"]
    if not totals:
        for capacity in capacities or []:
            if isinstance(capacity.get("count"), (int, float)) and capacity.get("unit"):
                totals[capacity["unit"]] += capacity["count"]
    return {unit: int(count) if float(count).is_integer() else count for unit, count in totals.items()}


@dataclass
class CapacityRow:
    service_type: object  # a ServiceType, or None for services of a code the portal does not know
    type_code: str = ""
    services: int = 0
    capacity: dict = field(default_factory=lambda: defaultdict(int))

    @property
    def label(self):
        return str(self.service_type) if self.service_type else self.type_code

    def cells(self, units):
        return [self.capacity.get(unit) for unit in units]


class CapacityOverview:
    """Registered capacity of the public catalogue by service type (rows) and unit (columns), for a
    target group and a municipality when chosen; `cube()` gives type × target group × municipality."""

    def __init__(self, target_group="", municipality=""):
        self.target_group, self.municipality = target_group, municipality
        services = Service.objects.public()
        if target_group:
            services = services.with_code("tg", target_group)
        if municipality:
            services = services.serving_municipality(municipality)
        self.queryset = services
        self.services = list(services.values_list("pk", "service_type_id", "type_code", "forms", "capacities",
                                                  "target_group_codes"))
        self.types = {service_type.pk: service_type for service_type in ServiceType.objects.all()}
        self.target_groups = target_group_names()

    def units(self):
        """The units that occur, the known ones first in their order."""
        found = {unit for *_rest, forms, capacities, _groups in self.services
                 for unit in capacities_of(forms, capacities)}
        return [unit for unit in CAPACITY_UNITS if unit in found] + sorted(found - set(CAPACITY_UNITS))

    def unit_names(self):
        """The column headings of the units."""
        return [CAPACITY_COLUMNS.get(unit, unit) for unit in self.units()]

    def rows(self):
        rows = {}
        for _pk, type_id, type_code, forms, capacities, _groups in self.services:
            key = type_id or f"code:{type_code}"
            row = rows.setdefault(key, CapacityRow(self.types.get(type_id), type_code))
            row.services += 1
            for unit, count in capacities_of(forms, capacities).items():
                row.capacity[unit] += count
        return sorted(rows.values(), key=_row_order)

    def total(self):
        total = CapacityRow(None)
        for row in self.rows():
            total.services += row.services
            for unit, count in row.capacity.items():
                total.capacity[unit] += count
        return total

    def cube(self):
        """(type, target group code, target group name, municipality code, municipality, unit, capacity,
        services) for every combination that has a capacity, for the CSV."""
        places = defaultdict(dict)  # {service id: {municipality code: name}}
        facilities = Facility.objects.filter(service__in=self.queryset.values("pk"))
        for service_id, code, name in facilities.values_list("service_id", "municipality_code", "municipality"):
            places[service_id].setdefault(code, name)
        cells = defaultdict(lambda: [0, 0])
        for pk, type_id, type_code, forms, capacities, groups in self.services:
            service_type = self.types.get(type_id)
            for group in (groups or [""]):
                if self.target_group and group != self.target_group:
                    continue
                for code, name in (places[pk] or {"": ""}).items():
                    if self.municipality and code != self.municipality:
                        continue
                    for unit, count in capacities_of(forms, capacities).items():
                        cell = cells[(type_id or 0, type_code if not service_type else "", group, code, name, unit)]
                        cell[0] += count
                        cell[1] += 1
        rows = []
        for (type_id, type_code, group, code, name, unit), (count, services) in cells.items():
            service_type = self.types.get(type_id)
            rows.append([
                service_type.section if service_type else "", service_type.name if service_type else type_code,
                group, self.target_groups.get(group, ""), code, name, unit, str(unit_name(unit)), count, services,
            ])
        return sorted(rows, key=lambda row: (section_key(row[0]), row[1], row[2], row[5], row[6]))


def _row_order(row):
    if row.service_type is None:
        return (1, 0, "", row.type_code)
    categories = list(ServiceType.Category.values)
    return (0, categories.index(row.service_type.category), section_key(row.service_type.section),
            row.service_type.name)


def municipality_choices():
    """(code, name) of the municipalities the public catalogue's facilities are in."""
    return sorted(set(Facility.objects.filter(service__in=Service.objects.public()).exclude(municipality_code="")
                      .values_list("municipality_code", "municipality")), key=lambda item: (item[1], item[0]))


def services_by_type(measures, plan):
    """{service type id: [public services of that type in the plan's territory]} for the measures
    that have a service type, in one query whatever the number of measures (the plan's area is a
    subquery of it). A plan without territories takes the whole catalogue (which is imported for
    the portal's territory)."""
    type_ids = {measure.service_type_id for measure in measures if measure.service_type_id}
    if not type_ids:
        return {}
    services = Service.objects.public().filter(service_type_id__in=type_ids).select_related("provider")
    area_codes = plan.covered_municipalities().exclude(code="").values("code")
    services = services.filter(~Exists(Territory.objects.filter(plans=plan)) | Exists(Facility.objects.filter(
        service=OuterRef("pk"), municipality_code__in=area_codes)))
    grouped = defaultdict(list)
    for service in services.order_by("name", "pk"):
        grouped[service.service_type_id].append(service)
    return dict(grouped)
