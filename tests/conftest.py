"""Personas and settings every test shares.

The personas follow the roles of the portal: the coordinator, a member of group A, a member of
group B, a member of the steering group, and the anonymous public; and those who must not be
mistaken for them: a staff account without a role, a member of a deactivated group, a superuser.
"""

import inspect
from functools import cache

import pytest
from django.core.cache import cache as django_cache
from django.core.signals import request_started
from django.test.client import ClientHandler
from django.urls import Resolver404, resolve

from catalogue.filters import FORM_CLASSES
from groups.models import Group, Membership
from kpss.models import SiteSettings
from kpss.roles import make_coordinator
from planning.models import Plan
from tests.factories import (
    ChapterFactory,
    GoalFactory,
    GroupFactory,
    IndicatorFactory,
    MeasureFactory,
    MembershipFactory,
    PlanFactory,
    PriorityFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fast_and_plain(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads and demo files never land in the checkout
    # Hashed static names need collectstatic first; tests check those in test_static.py.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks wait in memory until a test runs them with the `tasks` fixture: a test that freezes a
    # version does not pay for its PDF unless it asks.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # What a test cached (the catalogue's filter choices) must not reach the next test.
    django_cache.clear()
    FORM_CLASSES.clear()


class FormsSent:
    """The URL names the test client GETs and POSTs while it is entered, to find forms sent unopened."""

    # The language switch is a form on every page; its own view only redirects a GET.
    FORM_ELSEWHERE = {"set_language"}

    def __init__(self):
        self.views = {"GET": {}, "POST": {}}  # URL name → view, per method

    def __enter__(self):
        request_started.connect(self.record, sender=ClientHandler)  # the test client's requests, not a browser's
        return self

    def __exit__(self, *exc_info):
        request_started.disconnect(self.record, sender=ClientHandler)

    def record(self, environ, **kwargs):
        if environ["REQUEST_METHOD"] in self.views:
            try:
                match = resolve(environ["PATH_INFO"])
            except Resolver404:
                return
            self.views[environ["REQUEST_METHOD"]][match.view_name] = match.func

    def unopened(self):
        """The URL names the test POSTed to, of pages that serve a form, without GETting them."""
        return sorted(name for name, view in self.views["POST"].items()
                      if name not in self.views["GET"] and name not in self.FORM_ELSEWHERE and _answers_get(view))


@cache
def _answers_get(view):
    """Whether `view` answers a GET, as a page with a form does: not one restricted to POST by
    Django's require_POST (which keeps the allowed methods in its closure), nor a class-based view
    without `get` (LogoutView)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "get" in view_class.http_method_names and hasattr(view_class, "get")
    while view is not None:
        allowed = inspect.getclosurevars(view).nonlocals.get("request_method_list")
        if allowed is not None:
            return "GET" in allowed
        view = getattr(view, "__wrapped__", None)
    return True


@pytest.fixture(autouse=True)
def _forms_are_opened_before_they_are_sent(request):
    """Fail a test that POSTs to a page serving a form without GETting that page (its URL name) in
    the same test: a POST alone proves nothing of the page people fill in, and two step pages once
    answered 500 on GET while every test that posted to them passed.

    Opt out with `@pytest.mark.posts_without_the_form(reason=...)` where that makes no sense.
    """
    if opted_out := request.node.get_closest_marker("posts_without_the_form"):
        assert opted_out.kwargs.get("reason"), "posts_without_the_form needs a reason="
        yield
        return
    with FormsSent() as forms:
        yield
    if unopened := forms.unopened():
        pytest.fail(f"The test POSTs to {unopened} without GETting the page with the form; GET it and check "
                    "that it shows the form (tests.helpers.open_form), or mark the test "
                    "posts_without_the_form(reason=...).", pytrace=False)


class TaskQueue:
    """The background tasks the code under test enqueued (django-tasks' dummy backend)."""

    def __init__(self):
        from django_tasks import default_task_backend

        self.backend = default_task_backend
        self.backend.clear()

    @property
    def names(self):
        return [result.task.name for result in self.backend.results]

    def run_all(self):
        """Run the queued tasks as a worker would, including tasks they enqueue; returns their results."""
        done = []
        while self.backend.results:
            result = self.backend.results.pop(0)
            done.append(result.task.call(*result.args, **result.kwargs))
        return done


@pytest.fixture
def tasks():
    return TaskQueue()


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="koordinatorka", first_name="Jana", last_name="Nováková")
    make_coordinator(user)
    return user


@pytest.fixture
def group_a(db):
    return GroupFactory(name="Pracovní skupina Senioři", slug="seniori")


@pytest.fixture
def group_b(db):
    return GroupFactory(name="Pracovní skupina Rodiny s dětmi", slug="rodiny")


@pytest.fixture
def steering_group(db):
    return GroupFactory(name="Řídící skupina", slug="ridici", kind=Group.Kind.STEERING)


@pytest.fixture
def member_a(group_a):
    return MembershipFactory(group=group_a, user__username="clen-a").user


@pytest.fixture
def chair_a(group_a):
    """The chair of group A: plans and records the group's meetings and approves its minutes."""
    return MembershipFactory(group=group_a, user__username="predseda-a", position=Membership.Position.CHAIR).user


@pytest.fixture
def member_b(group_b):
    return MembershipFactory(group=group_b, user__username="clen-b").user


@pytest.fixture
def steering_member(steering_group):
    return MembershipFactory(group=steering_group, user__username="ridici").user


@pytest.fixture
def staff_without_role(db):
    """A staff account with no group and no permission: the admin refuses it everything, and so must
    every other page."""
    return UserFactory(username="jen-personal", is_staff=True)


@pytest.fixture
def inactive_group(db):
    return GroupFactory(name="Pracovní skupina Bydlení (zrušená)", slug="bydleni", is_active=False)


@pytest.fixture
def inactive_member(inactive_group):
    """A member of a deactivated group: the seat stays on record, the rights are gone."""
    return MembershipFactory(group=inactive_group, user__username="clen-zrusene").user


@pytest.fixture
def superuser(db):
    return UserFactory(username="spravce", is_staff=True, is_superuser=True)


@pytest.fixture
def client_as(client):
    """A test client signed in as the given user: client_as(member_a).get(url)."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in



@pytest.fixture
def town(db):
    """The site settings of a town that has filled in its name and the coordinator's contact."""
    settings = SiteSettings.get_solo()
    settings.site_name = "Město Lipovec"
    settings.coordinator_name = "Mgr. Jana Nováková"
    settings.coordinator_email = "kpss@lipovec.example"
    settings.coordinator_phone = "+420 376 000 111"
    settings.save()
    return settings


@pytest.fixture
def plan(group_a, group_b):
    """A draft midterm plan with one priority, a goal and a measure for each of groups A and B."""
    plan = PlanFactory(title="Střednědobý plán rozvoje sociálních služeb na Lipovecku 2025–2027", slug="sp-2025")
    ChapterFactory(plan=plan, title="Úvod", body="Plán navazuje na **předchozí** plán.")
    priority = PriorityFactory(plan=plan, title="Dostupné služby pro seniory a rodiny")
    for group in (group_a, group_b):
        goal = GoalFactory(priority=priority, group=group, title=f"Cíl skupiny {group.name}")
        IndicatorFactory(measure=MeasureFactory(goal=goal, title=f"Opatření skupiny {group.name}"))
    plan.renumber()
    return plan


@pytest.fixture
def plan_in_force(plan):
    """The plan, in force, as the yearly evaluation needs it (its way there has tests of its own)."""
    plan.status = Plan.Status.IN_FORCE
    plan.save(update_fields=["status"])
    return plan


@pytest.fixture
def measure_a(plan, group_a):
    return plan.measures.get(group=group_a)


@pytest.fixture
def measure_b(plan, group_b):
    return plan.measures.get(group=group_b)


@pytest.fixture
def comment_round(plan, coordinator):
    """A round on the plan's first published version, open since yesterday for another week."""
    from datetime import timedelta

    from django.utils import timezone

    from planning.models import CommentRound

    version = plan.transition("open_for_comments", coordinator)
    now = timezone.now()
    return CommentRound.objects.create(
        version=version, title="Připomínky k návrhu plánu 2025–2027", intro="Připomínkovat může kdokoli.",
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=7),
    )


@pytest.fixture
def submit_comment(comment_round):
    """File a comment as the public form would: submit_comment(text=..., measure=..., email=...)."""
    from planning.models import Comment

    def submit(**fields):
        return Comment.submit(comment_round, **{"text": "Chybí odlehčovací služba.", "name": "Jan Veřejný",
                                                **fields})

    return submit


@pytest.fixture
def close_round(comment_round, plan, coordinator):
    """End the round (as its deadline would) and move the plan to settling comments."""
    from datetime import timedelta

    from django.utils import timezone

    def close():
        comment_round.closes_at = timezone.now() - timedelta(minutes=1)
        comment_round.save(update_fields=["closes_at"])
        plan.transition("close_comments", coordinator)
        return comment_round

    return close
