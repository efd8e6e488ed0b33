from django.utils.functional import SimpleLazyObject

from kpss.models import SiteSettings


def site(request):
    """The site settings, for the header and footer of every page (fetched only when used)."""
    return {"site_settings": SimpleLazyObject(SiteSettings.get_solo)}
