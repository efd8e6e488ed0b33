"""Public pages of the catalogue: the search with filters, a service, a provider."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from catalogue.access import get_public_provider, get_public_service
from catalogue.codes import age_group_names, target_group_names
from catalogue.filters import ServiceFilter
from catalogue.models import ImportRun, Service
from kpss.pagination import SearchPaginator
from kpss.permissions import public

SERVICES_PER_PAGE = 20
# What a card of a service shows (catalogue.templatetags.catalogue.service_cards), read as values:
# a page of results builds no model instances (a third of the time of reading its rows).
CARD_FIELDS = ["pk", "name", "portal_id", "type_code", "forms", "non_stop", "municipality_names", "provider__name",
               "service_type__section", "service_type__name"]


def _as_cards(services):
    """Services as their cards show them, with their provider's name and type joined."""
    return services.values(*CARD_FIELDS)


@public
def provider_list(request):
    """The catalogue: a search box blind to diacritics and filters, kept in the URL (a GET form)."""
    filters = ServiceFilter(request.GET or None, queryset=Service.objects.public(), request=request)
    # A search counts what it found by reading its keys; the whole list's count is known.
    count = None if filters.narrows else filters.facts["public_count"]
    paginator = SearchPaginator(filters.qs, SERVICES_PER_PAGE, count=count, shown_as=_as_cards)
    page = paginator.get_page(request.GET.get("strana"))
    query = request.GET.copy()
    query.pop("strana", None)
    return render(request, "catalogue/provider_list.html", {
        "filters": filters, "page": page, "services": page.object_list, "query": query.urlencode(),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filtered": any(value for name, value in request.GET.items() if name != "strana"),
        "printed": filters.facts["printed"],
    })


@public
def service_detail(request, pk):
    service = get_public_service(pk)
    last_import = None
    if service.is_registered:
        last_import = ImportRun.objects.filter(status=ImportRun.Status.DONE, dry_run=False).exclude(
            finished_at=None).order_by("-finished_at").values_list("finished_at", flat=True).first()
    facilities = list(service.facilities.all())
    return render(request, "catalogue/service_detail.html", {
        "service": service,
        "facilities": facilities,
        "area": sorted({facility.municipality for facility in facilities if facility.municipality}),
        "target_groups": _named(service.target_group_codes, target_group_names()),
        "age_groups": _named(service.age_group_codes, age_group_names()),
        "last_import": last_import or service.imported_at,
    })


def _named(codes, names):
    """The names of registry codes, in the code list's order; a code the portal does not know yet
    shows as itself ("code 77")."""
    known = [names[code] for code in names if code in codes]
    return known + [_("code %(code)s") % {"code": code} for code in codes if code not in names]


@public
def provider_detail(request, pk):
    provider = get_public_provider(pk)
    services = _as_cards(provider.services.public())
    return render(request, "catalogue/provider_detail.html", {"provider": provider, "services": services})
