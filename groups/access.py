"""Which groups give a user rights now: their current memberships (see `Membership.objects.current`).

A deactivated group's members keep their seats on record, but no rights: every check of group
roles in the portal goes through `current_groups`.
"""

from groups.models import Group, Membership


def current_groups(user):
    """{group id: group kind} of the user's current memberships, read once per request's user."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_current_groups", None)
    if cached is None:
        cached = dict(Membership.objects.current().filter(person__user=user).values_list("group_id", "group__kind"))
        user._current_groups = cached
    return cached


def is_group_member(user):
    return bool(current_groups(user))


def is_steering_member(user):
    return Group.Kind.STEERING in current_groups(user).values()


def member_groups(user):
    """The groups the user currently sits in, as a queryset."""
    return Group.objects.filter(pk__in=list(current_groups(user)))
