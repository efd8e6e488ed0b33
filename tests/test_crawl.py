"""Every page a persona can reach by following links answers without a server error.

Two step pages once answered 500 on GET while every test passed, because no test opened them. The
crawl signs in as each persona, starts from the home page, the workspace and the admin, follows
the portal's links it finds (GET only: nothing is ever posted, and the logout is left alone) and
fails with every URL that answered 5xx, or 4xx (a link to a page the persona may not open), next
to the page that linked it. It runs on the demo town, and again with a plan moved into each state
of the lifecycle, since which pages and links exist depends on the state.

The crawl stays bounded: a few links of each kind of page from each kind of page (three measures
from the page of each plan, but each plan's pages, each step's page and each comment round are
kinds of their own), the first link with each query parameter of a kind of page (the admin's
filters, sorting and pages, not their combinations), and downloads are fetched but not read.
"""

import datetime
import io
from collections import Counter, deque
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from groups.models import Group
from kpss.models import User
from planning.models import Comment, CommentRound, Decision, Plan
from planning.services import publish_settlement
from tests.factories import (
    ApprovingBodyFactory,
    ChapterFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    decide,
)

START = ["/", "/sprava/plany/", "/admin/"]
PERSONAS = {"public": None, "member": "clen", "steering": "ridici", "coordinator": "koordinatorka"}
# Fewer pages than this means the crawl lost its way (a start page or the parsing broke), not that
# the portal shrank: each persona reaches well over these on the demo town.
AT_LEAST = {"public": 40, "member": 60, "steering": 50, "coordinator": 300}
NEVER = {"logout", "admin:logout"}  # signing out would end the crawl
PUBLIC_PAGE_QUERIES = 15  # at most, on any page the public reaches
# Pages of one kind: the measures of a plan, the comments of a round; the change pages of an admin
# model (its pages are the admin's generic ones, which fewer objects show working as well).
PER_KIND = 3
PER_ADMIN_KIND = 2
# A comment round's pages depend on its state (open, closed, being settled, settlement published):
# each round is a kind of its own.
EACH_OBJECT = {"planning:comment_round_detail", "planning:settlement_table", "planning:settlement_csv",
               "planning:settlement_xlsx", "planning:settlement_pdf", "planning:round_comments"}
# Of the links with a query string to one kind of page, only the first with each parameter: the first
# sorting (?o=), filter (?kind__exact=) and page (?p=) of an admin list, not their combinations.
# The admin appends the changelist's filters to every link from it, to lead back to them: the same page.
IGNORED_PARAMETERS = {"_changelist_filters"}

STEERING = {"steering_resolution": "ŘS/9/2025", "steering_approved_on": datetime.date(2025, 3, 3)}
IN_FORCE = {"valid_from": datetime.date(2025, 4, 1), "valid_to": datetime.date(2027, 12, 31)}
# Each state, and the step that moves a plan from the state before into it.
STEPS = [
    (Plan.Status.DRAFT, None, {}),
    (Plan.Status.COMMENTS, "open_for_comments", {}),
    (Plan.Status.SETTLING, "close_comments", {}),
    (Plan.Status.STEERING_APPROVED, "approve_by_steering", STEERING),
    (Plan.Status.COUNCIL_APPROVED, "approve_by_council", {}),  # by the last decision its bodies needed
    (Plan.Status.IN_FORCE, "put_in_force", IN_FORCE),
    (Plan.Status.ARCHIVED, "archive", {}),
]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


def links_of(response):
    parser = Links()
    parser.feed(response.content.decode())
    return parser.hrefs


def kind_of(path):
    """What makes pages the same kind: the view and its arguments that are not numbers (the plan's
    slug, the step's name); in the admin, the view alone (a model's change pages are one kind)."""
    try:
        match = resolve(path)
    except Resolver404:
        return ("unresolved", path)  # a static file, or a broken link
    if match.view_name.startswith("admin:"):
        return (match.view_name,)
    if match.view_name in EACH_OBJECT:
        return (match.view_name, *sorted(match.kwargs.items()))
    return (match.view_name, *sorted((key, value) for key, value in match.kwargs.items() if not str(value).isdigit()))


def is_admin(kind):
    return str(kind[0]).startswith("admin:")


class Crawl:
    def __init__(self, client, seen_admin=None):
        self.client = client
        self.fetched = {}  # URL → status
        self.queries = {}  # URL of an HTML page → the queries it took
        self.paths = set()
        self.per_kind = Counter()
        self.parameters = set()  # (page kind, query parameter) fetched already
        self.errors = []  # (URL, status, the page that linked it, the exception): 5xx
        self.broken = []  # (URL, status, the page that linked it): a link to a page the persona may not open
        if seen_admin:
            self.per_kind.update({kind: PER_ADMIN_KIND for kind in seen_admin.per_kind if is_admin(kind)})
            self.parameters |= {(kind, name) for kind, name in seen_admin.parameters if is_admin(kind)}

    def run(self, start):
        queue = deque((url, None) for url in start)
        while queue:
            url, referrer = queue.popleft()
            if not self.admit(url, referrer):
                continue
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            status = self.fetched[url] = response.status_code
            if status == 200 and response["Content-Type"].startswith("text/html"):
                self.queries[url] = len(queries)
            if status >= 500:
                self.errors.append((url, status, referrer, response.exc_info[1] if response.exc_info else None))
            elif status >= 400:
                self.broken.append((url, status, referrer))
            elif status in (301, 302, 303, 307, 308):
                queue.extend((target, url) for target in self.targets(url, [response["Location"]]))
            elif response["Content-Type"].startswith("text/html") and not response.streaming:
                queue.extend((target, url) for target in self.targets(url, links_of(response)))
            if response.streaming:
                # Read to the end, as a browser would; the test client then closes the response
                # without closing the test's database connection (response.close() would).
                b"".join(response.streaming_content)
        return self

    def admit(self, url, referrer):
        """Whether to fetch `url`: not fetched yet, of a kind with room left among the links from
        its referrer's kind of page, and with a query parameter not yet seen on its kind of page."""
        if url in self.fetched:
            return False
        path, _, query = url.partition("?")
        kind = kind_of(path)
        if kind[0] in NEVER:
            return False
        if path not in self.paths:
            # The admin's pages link each other all over, so its kinds have one budget; the portal's
            # have one per kind of page linking them: three measures from the page of each plan.
            budget = kind if is_admin(kind) else (kind_of(referrer.partition("?")[0]) if referrer else None, kind)
            if self.per_kind[budget] >= (PER_ADMIN_KIND if is_admin(kind) else PER_KIND):
                return False
            self.per_kind[budget] += 1
            self.paths.add(path)
        if query:
            parameters = {(kind, name) for name, _value in parse_qsl(query, keep_blank_values=True)}
            if parameters <= self.parameters:
                return False
            self.parameters |= parameters
        self.fetched[url] = None
        return True

    @staticmethod
    def targets(base, hrefs):
        """The portal's URLs among `hrefs` on the page at `base`, as paths with their query strings."""
        for href in hrefs:
            parts = urlsplit(urljoin(f"http://testserver{base}", href))
            if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
                continue  # mailto:, tel:, other sites
            query = urlencode([(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                               if name not in IGNORED_PARAMETERS])
            yield f"{parts.path}?{query}" if query else parts.path

    def report(self):
        failed = [f"{status} {url}, linked from {referrer or 'the start'}: {error!r}"
                  for url, status, referrer, error in self.errors]
        return "\n".join(failed + [f"{status} {url}, linked from {referrer}" for url, status, referrer in self.broken])


def crawl(persona, seen_admin=None):
    client = Client(raise_request_exception=False)  # a 500 is collected, not raised: we want them all
    if PERSONAS[persona]:
        client.force_login(User.objects.get(username=PERSONAS[persona]))
    return Crawl(client, seen_admin).run(START)


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--no-pdf", stdout=io.StringIO())
    settings.DEBUG = False  # the crawl sees the pages as production serves them


def plan_moved_to(status, coordinator, group):
    """A midterm plan of `group` taken step by step into `status`, with a comment round on the way:
    open while the plan takes comments, then closed, its comment settled and the settlement published
    before the steering group approves."""
    plan = PlanFactory(title=f"Plán ve stavu {status}", slug=f"plan-{status}".replace("_", "-"))
    ChapterFactory(plan=plan)
    measure = MeasureFactory(goal=GoalFactory(priority=PriorityFactory(plan=plan), group=group))
    IndicatorFactory(measure=measure)
    plan.renumber()
    now = timezone.now()
    round_ = None
    for target, step, values in STEPS[1:]:
        if plan.status == status:
            break
        if step == "close_comments":
            CommentRound.objects.filter(pk=round_.pk).update(closes_at=now - timedelta(minutes=1))
        if step == "approve_by_steering":
            comment = round_.comments.get()
            comment.settle(coordinator, Comment.Outcome.ACCEPTED, "")
            publish_settlement(round_, coordinator)
        if step == "approve_by_council":
            decide(plan, coordinator, plan.approving_bodies.last(), number="VH/2/2025", on=datetime.date(2025, 3, 26))
            continue
        version = plan.transition(step, coordinator, **values)
        if step == "approve_by_steering":
            # Two bodies approve the plan: the town's council has, with the extract of its resolution.
            council, _assembly = ApprovingBodyFactory(plan=plan, name="Zastupitelstvo města Lipovec"), \
                ApprovingBodyFactory(plan=plan, name="Valná hromada Mikroregionu Úhlava")
            decide(plan, coordinator, council, number="ZM/3/33/2025", on=datetime.date(2025, 3, 24))
            Decision.objects.filter(body=council).update(extract=default_storage.save(
                "decisions/usneseni.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n")))
        if step == "open_for_comments":
            round_ = CommentRound.objects.create(version=version, title=f"Připomínky: {plan.title}",
                                                 opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=7))
            comment = Comment.submit(round_, text="Doplnit odlehčovací službu.", name="Jan Veřejný", measure=measure)
            round_.assign_comments([comment.pk], group, coordinator)
        assert plan.status == target
    return plan


def lifecycle():
    """A plan of the demo member's group in each state of the lifecycle."""
    coordinator = User.objects.get(username="koordinatorka")
    group = Group.objects.get(memberships__person__user__username="clen")
    return [plan_moved_to(status, coordinator, group) for status, _step, _values in STEPS]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_a_persona_can_reach_fails(demo, persona):
    """On the demo town, and again with a plan in each state of the lifecycle."""
    on_demo = crawl(persona)
    print(f"{persona}: {len(on_demo.fetched)} pages on the demo town")
    assert not on_demo.errors + on_demo.broken, f"On the demo town:\n{on_demo.report()}"
    assert len(on_demo.fetched) >= AT_LEAST[persona]
    if persona == "public":
        heavy = {url: count for url, count in on_demo.queries.items() if count > PUBLIC_PAGE_QUERIES}
        assert not heavy, f"Public pages over {PUBLIC_PAGE_QUERIES} queries: {heavy}"

    plans = lifecycle()
    # The admin's pages do not depend on a plan's state: the second crawl visits only kinds of them
    # it has not seen yet, and spends its time on the portal's pages.
    again = crawl(persona, seen_admin=on_demo)
    print(f"{persona}: {len(again.fetched)} pages with a plan in each state")
    assert not again.errors + again.broken, f"With a plan in each state:\n{again.report()}"

    rounds = CommentRound.objects.filter(plan__in=plans)
    if persona == "public":
        expected = [plan.get_absolute_url() for plan in plans if plan.is_public()]
        expected += [round_.get_absolute_url() for round_ in rounds]
    else:
        expected = [reverse("planning:workspace", args=[plan.slug]) for plan in plans]
        expected += [reverse("planning:round_comments", args=[round_.pk]) for round_ in rounds]
    if persona == "coordinator":  # every step each state offers
        expected += [reverse("planning:plan_transition", args=[plan.slug, step.name])
                     for plan in plans for step in plan.available_transitions()]
    missing = [url for url in expected if url not in again.fetched]
    assert not missing, f"The crawl did not reach {missing}"


