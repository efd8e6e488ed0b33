"""The printed catalogue: every public service grouped by category and type, with contacts and a
table of contents, as an archival PDF (PDF/A, the public catalogue attached as JSON).

There is one printed catalogue for the portal: its PdfDocument hangs on the site settings (a
single row), so each rendering replaces the previous file only once it is complete, and the
download keeps serving the last good file meanwhile. Registered in kpss.pdf_layouts by
CatalogueConfig.ready.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.codes import section_key
from catalogue.models import Service
from catalogue.opendata import CodeNames, each_service, facility_record, forms_of, service_record
from kpss.models import PdfDocument, ServiceType, SiteSettings
from kpss.pdf_layouts import PdfLayout, register


@register
class CatalogueLayout(PdfLayout):
    """The catalogue of social services of the portal's territory (katalog poskytovatelů)."""

    name = "catalogue"
    template_name = "catalogue/pdf/catalogue.html"

    def title(self, site):
        return _("Catalogue of social services")

    def filename(self, site):
        return _("Catalogue of social services – %(site)s") % {"site": site.display_name}

    def download_url(self, site):
        return reverse("catalogue:catalogue_pdf")

    def may_read(self, user, site):
        return True  # the public catalogue

    def document_date(self, site):
        """The last import that changed the catalogue: a re-render of the same data is the same file."""
        return Service.objects.public().aggregate(last=Max("imported_at"))["last"] or timezone.now().replace(
            microsecond=0)

    def sources(self):
        return [SiteSettings.get_solo()] if Service.objects.public().exists() else []

    def context(self, site):
        names = CodeNames()
        categories = {category: {"label": label, "types": {}} for category, label in ServiceType.Category.choices}
        others = {}
        count = 0
        for service in each_service():
            count += 1
            entry = _entry(service, names)
            if service.service_type is None:
                others.setdefault(service.type_code, []).append(entry)
                continue
            types = categories[service.service_type.category]["types"]
            types.setdefault(service.service_type, []).append(entry)
        sections = []
        for category, data in categories.items():
            if not data["types"]:
                continue
            types = sorted(data["types"].items(), key=lambda item: (section_key(item[0].section), item[0].name))
            sections.append({"id": category, "label": data["label"],
                             "types": [{"id": f"type-{service_type.pk}", "type": service_type, "services": services}
                                       for service_type, services in types]})
        # Services of a type the portal does not know yet (by registry code), then related services
        # the registry does not hold.
        codes = sorted(others, key=lambda code: (not code, section_key(code)))
        other_types = [{"id": f"code-{code}" if code else "related", "code": code, "services": others[code]}
                       for code in codes]
        return {"site": site, "sections": sections, "others": other_types, "count": count}

    def attachments(self, site):
        names = CodeNames()
        return [("catalogue.json", _("The public catalogue as data"),
                 {"services": [service_record(service, names) for service in each_service()]})]



def _entry(service, names):
    return {
        "service": service, "provider": service.provider, "forms": forms_of(service),
        "target_groups": [names.target_group(code) or code for code in service.target_group_codes],
        # An age group the coordinator has not named yet is left out rather than shown as a number.
        "age_groups": [name for name in map(names.age_group, service.age_group_codes) if name],
        "facilities": [facility_record(facility) for facility in service.facilities.all()],
    }


def catalogue_document(site_settings=None):
    """The printed catalogue's PdfDocument, or None before it was first requested; `site_settings`
    saves reading them again where a page has them already."""
    return PdfDocument.objects.for_source(site_settings or SiteSettings.get_solo(), CatalogueLayout.name)
