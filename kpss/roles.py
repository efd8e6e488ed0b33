"""Roles of the portal.

- coordinator: a staff user in the "coordinators" auth group, which holds every permission on
  the portal's own models and on users, so the coordinator runs everything in admin without
  being a superuser;
- group member and steering-group member: through groups.Membership;
- public: anonymous, no account.
"""

from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission

COORDINATORS = "Koordinátoři KPSS"
# axes: so the coordinator can lift a login lockout in admin.
COORDINATOR_APPS = ("kpss", "planning", "groups", "catalogue", "axes")


def sync_coordinator_permissions(**kwargs):
    """Give the coordinators' group every permission on the portal's models (post_migrate)."""
    group, _ = AuthGroup.objects.get_or_create(name=COORDINATORS)
    permissions = Permission.objects.filter(content_type__app_label__in=COORDINATOR_APPS)
    group.permissions.add(*permissions)


def make_coordinator(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(AuthGroup.objects.get(name=COORDINATORS))
