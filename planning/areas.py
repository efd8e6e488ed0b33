"""The area of a plan as its pages and documents show it: the territories it covers, those it
leaves out, and the municipalities they make up (kpss.models.TerritoryQuerySet.area)."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from kpss.models import Territory


@dataclass
class PlanArea:
    territories: list = field(default_factory=list)  # what the plan covers, as the coordinator set it
    left_out: list = field(default_factory=list)  # territories whose municipalities it leaves out
    municipalities: list = field(default_factory=list)  # the municipalities of the area, by name

    def __bool__(self):
        return bool(self.territories)


def area_of(plan):
    """The PlanArea of `plan`, in one query: each territory comes once, marked with its part."""
    included = plan.territories.through.objects.filter(plan_id=plan.pk, territory=OuterRef("pk"))
    left_out = plan.excluded_territories.through.objects.filter(plan_id=plan.pk, territory=OuterRef("pk"))
    covered = plan.covered_municipalities().filter(pk=OuterRef("pk"))
    rows = Territory.objects.annotate(
        is_included=Exists(included), is_left_out=Exists(left_out), is_covered=Exists(covered),
    ).filter(Q(is_included=True) | Q(is_left_out=True) | Q(is_covered=True)).order_by("name", "code")
    area = PlanArea()
    for territory in rows:
        if territory.is_included:
            area.territories.append(territory)
        if territory.is_left_out:
            area.left_out.append(territory)
        if territory.is_covered:
            area.municipalities.append(territory)
    return area
