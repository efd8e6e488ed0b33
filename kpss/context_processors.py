from django.utils.functional import SimpleLazyObject

from kpss.models import SiteSettings


def site(request):
    """The site settings, for the header and footer of every page (fetched only when used)."""
    return {"site_settings": SimpleLazyObject(SiteSettings.get_solo)}


def roles(request):
    """Whether the signed-in user works on the plans: the main navigation then offers "Správa"."""
    from planning.access import is_planning_staff

    return {"is_planning_staff": SimpleLazyObject(lambda: is_planning_staff(request.user))}
