"""Who may use a view, declared on the view itself (as pretix declares the permission of each view).

Every view of the portal carries exactly one of these declarations; the URL × persona matrix
(tests/test_access_matrix.py) reads it, and fails for a URL whose view declares nothing.

- `@public`: anyone, signed in or not. The objects it shows are still fetched through access
  helpers that scope the query, so the public page of a draft answers 404.
- `@signed_in`: any signed-in user, for what is their own (their password).
- `@role_required(rule, name)`: signed-in users for whom `rule(user)` holds. The public is sent to
  sign in; a signed-in user without the role gets 404, since a 403 would confirm the page exists.
- `@coordinator_required`: the coordinator of community planning (see `User.is_coordinator`).

A role opens the door only: which objects behind it a user reaches is the access helpers' job,
and their checks come before any check that reveals an object's state.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

PUBLIC = "public"
SIGNED_IN = "signed in"
COORDINATOR = "coordinator"


def _declare(view, rule_name):
    view.access_rule = rule_name
    return view


def public(view):
    return _declare(view, PUBLIC)


def signed_in(view):
    return _declare(login_required(view), SIGNED_IN)


def role_required(rule, name):
    """A decorator that admits signed-in users for whom `rule(user)` is true; `name` labels the role."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not rule(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return _declare(login_required(checked), name)

    return decorator


def is_coordinator(user):
    return user.is_authenticated and user.is_coordinator


coordinator_required = role_required(is_coordinator, COORDINATOR)


def access_rule(view):
    """The rule a view declares, or None (the matrix test fails for such a view)."""
    return getattr(view, "access_rule", None)
