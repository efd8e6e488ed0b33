from django.utils.functional import SimpleLazyObject

from kpss import country
from kpss.models import SiteSettings


def site(request):
    """The site settings, for the header and footer of every page, and the country whose law the
    portal follows: as the language middleware read them, or fetched when used."""
    if hasattr(request, "site_settings"):
        return {"site_settings": request.site_settings, "country": request.site_settings.country}
    return {"site_settings": SimpleLazyObject(SiteSettings.get_solo), "country": SimpleLazyObject(country.current)}


def roles(request):
    """Whether the signed-in user works on the plans: the main navigation then offers "Správa"."""
    from planning.access import is_planning_staff

    return {"is_planning_staff": SimpleLazyObject(lambda: is_planning_staff(request.user))}
