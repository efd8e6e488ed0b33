"""Time and query count of staff pages and saves, per role, at demo scale 1 and 10.

    .venv/bin/python bench/staff.py [--scales 1 10] [--repeat 30] [--history 200]

What the roles and the conflict-safe saving cost: the workspace and the comment list as the
coordinator, a working-group member and the steering group (roles resolved from memberships),
the history page of the plan with `--history` logged changes (each with its contexts), a
measure saved on the staff page and in the admin (lock, revision check, log with contexts), and
the groups' staff pages (meetings, a meeting, the minutes workspace, tasks, targets, dashboard).
Runs against a throw-away test database (SQLite in memory, or PostgreSQL's test_<name> with
DATABASE_URL set), filled by `seed_demo --scale N`. Query counts must not grow with the scale.
"""

import argparse

from common import connection, demo_database, prepare, timed
from django.test import Client


def client_for(username):
    from kpss.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def get(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return call


def measure_form(measure, title):
    data = {
        "goal": measure.goal_id, "group": measure.group_id, "title": title, "description": measure.description,
        "rationale": measure.rationale, "responsible": measure.responsible, "implementer": measure.implementer,
        "partners": measure.partners, "year_from": measure.year_from or "", "year_to": measure.year_to or "",
        "annual_cost": measure.annual_cost or "", "expected_outputs": measure.expected_outputs,
        "capacity_change": measure.capacity_change if measure.capacity_change is not None else "",
        "capacity_unit": measure.capacity_unit, "service_form": measure.service_form,
        "service_type": measure.service_type_id or "",
        "target_groups": [t.pk for t in measure.target_groups.all()],
        "funding_sources": [f.pk for f in measure.funding_sources.all()],
        "swot_items": [s.pk for s in measure.swot_items.all()],
    }
    indicators = list(measure.indicators.all())
    data.update({"indicators-TOTAL_FORMS": len(indicators), "indicators-INITIAL_FORMS": len(indicators)})
    for index, indicator in enumerate(indicators):
        data.update({
            f"indicators-{index}-id": indicator.pk, f"indicators-{index}-measure": measure.pk,
            f"indicators-{index}-name": indicator.name, f"indicators-{index}-unit": indicator.unit,
            f"indicators-{index}-baseline": indicator.baseline or "", f"indicators-{index}-target": indicator.target,
        })
    return data


def staff_save(client, measure, url):
    """Save the measure on the staff page, each time from its current revision (no conflict)."""
    from planning.models import Measure

    counter = iter(range(10**9))

    def call():
        current = Measure.objects.get(pk=measure.pk)
        data = measure_form(current, f"{current.title.split(' #')[0]} #{next(counter)}")
        response = client.post(url, {**data, "revision": current.revision})
        assert response.status_code == 302, response.status_code
    return call


def admin_save(client, measure, url):
    """Save the measure's admin page as a browser would post it back, with a new title each time."""
    from tests.helpers import admin_form_data

    counter = iter(range(10**9))

    def call():
        page = client.get(url)
        response = client.post(url, admin_form_data(page, title=f"Z administrace #{next(counter)}"))
        assert response.status_code == 302, response.status_code
    return call


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--history", type=int, default=200, help="logged changes before the history is read")
    args = parser.parse_args()

    prepare()
    print(f"database: {connection.vendor}; {args.repeat} runs each after one warm-up")
    print(f"{'scale':>5}  {'what':58} {'median ms':>9} {'p95 ms':>8} {'queries':>7}")
    for scale in args.scales:
        with demo_database(scale):
            for label, call in cases(args.history):
                median, p95, queries = timed(call, args.repeat)
                print(f"{scale:>5}  {label:58} {median:9.2f} {p95:8.2f} {queries:7d}")


def cases(history):
    """What is measured, on the demo's draft action plan that the member `clen` writes."""
    from planning.models import CommentRound, Plan

    draft = Plan.objects.get(slug="ap-2027")
    current = Plan.objects.get(slug="sp-2025-2027")
    round_ = CommentRound.objects.filter(plan=current).first()
    measure = draft.measures.filter(group__memberships__person__user__username="clen").order_by("pk").first()
    coordinator, member, steering = (client_for(name) for name in ("koordinatorka", "clen", "ridici"))
    staff_url = f"/sprava/plany/{draft.slug}/opatreni/{measure.pk}/"
    for _ in range(history):
        staff_save(member, measure, staff_url)()
    return [*planning_cases(coordinator, member, steering, draft, round_, measure, staff_url, history),
            *evaluation_cases(coordinator, member, current),
            *groups_cases(coordinator, member, steering)]


def evaluation_cases(coordinator, member, current):
    """The yearly evaluation of the current plan: 2026 open, its overview and a measure's form."""
    evaluation_round = current.evaluation_rounds.get(year=2026)
    measure = current.measures.filter(group__memberships__person__user__username="clen").order_by("pk").first()
    return [
        ("evaluation of 2026, overview, coordinator", get(coordinator, f"/sprava/vyhodnoceni/{evaluation_round.pk}/")),
        ("evaluation of 2026, overview, group member", get(member, f"/sprava/vyhodnoceni/{evaluation_round.pk}/")),
        ("evaluation form of a measure, group member",
         get(member, f"/sprava/vyhodnoceni/{evaluation_round.pk}/opatreni/{measure.pk}/")),
        ("evaluation of 2026 as XLSX, coordinator",
         get(coordinator, f"/sprava/vyhodnoceni/{evaluation_round.pk}/vyhodnoceni.xlsx")),
    ]


def planning_cases(coordinator, member, steering, draft, round_, measure, staff_url, history):
    return [
        ("workspace, coordinator", get(coordinator, f"/sprava/plany/{draft.slug}/")),
        ("workspace, group member", get(member, f"/sprava/plany/{draft.slug}/")),
        ("workspace, steering group", get(steering, f"/sprava/plany/{draft.slug}/")),
        ("comments of a round, coordinator", get(coordinator, f"/sprava/pripominky/{round_.pk}/")),
        ("comments of a round, group member", get(member, f"/sprava/pripominky/{round_.pk}/")),
        (f"history of the plan ({history}+ changes)", get(coordinator, f"/sprava/plany/{draft.slug}/historie/")),
        ("measure saved on the staff page (member)", staff_save(member, measure, staff_url)),
        ("measure page + save in the admin (coordinator)",
         admin_save(coordinator, measure, f"/admin/planning/measure/{measure.pk}/change/")),
    ]


def groups_cases(coordinator, member, steering):
    """The groups' staff pages: `clen` chairs the seniors' group; its newest held meeting's minutes."""
    from groups.models import Meeting

    held = Meeting.objects.held().filter(group__slug="seniori").order_by("-starts_at").first()
    meeting_url = f"/sprava/skupiny/seniori/jednani/{held.pk}/"
    return [
        ("meetings of the groups, chair", get(member, "/sprava/skupiny/")),
        ("meetings of the groups, steering group", get(steering, "/sprava/skupiny/")),
        ("a meeting's staff page, chair", get(member, meeting_url)),
        ("minutes workspace (approved), chair", get(member, f"{meeting_url}zapis/")),
        ("minutes correction form, chair", get(member, f"{meeting_url}zapis/oprava/")),
        ("tasks of the groups, coordinator", get(coordinator, "/sprava/skupiny/ukoly/")),
        ("tasks of the groups, all statuses, coordinator", get(coordinator, "/sprava/skupiny/ukoly/?status=vse")),
        ("meeting targets, coordinator", get(coordinator, "/sprava/skupiny/cile/")),
        ("dashboard, coordinator", get(coordinator, "/sprava/")),
    ]


if __name__ == "__main__":
    main()
