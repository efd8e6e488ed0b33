"""Frozen versions of a plan: what a snapshot holds, and what changed between two of them.

A snapshot is plain JSON with names rather than keys, so a version reads the same after groups,
service types or code lists are renamed or deleted. Measures keep their database id, which is how
two versions know a measure is "the same" even after it was renumbered.
"""

import difflib
import re
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from planning.areas import area_of


def _date(value):
    return value.isoformat() if value else None


def snapshot(plan):
    """The whole plan as it is now, as JSON-ready data (a constant number of queries)."""
    priorities = list(plan.priorities.prefetch_related("goals__group"))
    measures = (
        # Through the plan's related manager: this module is imported by the models, so it imports none.
        plan.measures.for_table().select_related("goal", "service_type")
        .prefetch_related("indicators", "activities", "swot_items", "comments_worked_in")
        .order_by("goal__priority__position", "goal__position", "position")
    )
    area = area_of(plan)
    return {
        "plan": {
            "title": plan.title,
            "kind": plan.kind,
            "midterm_plan": plan.midterm_plan.title if plan.midterm_plan_id else "",
            "year_from": plan.year_from,
            "year_to": plan.year_to,
            "summary": plan.summary,
            "status": plan.status,
            "territories": [territory.name for territory in area.territories],
            "territories_left_out": [territory.name for territory in area.left_out],
            "municipalities": [municipality.name for municipality in area.municipalities],
            "steering_resolution": plan.steering_resolution,
            "steering_approved_on": _date(plan.steering_approved_on),
            "approvals": _approvals(plan),
            "valid_from": _date(plan.valid_from),
            "valid_to": _date(plan.valid_to),
        },
        "phases": [
            {"phase": phase.phase, "starts_on": _date(phase.starts_on), "ends_on": _date(phase.ends_on),
             "description": phase.description}
            for phase in plan.phases.all()
        ],
        "chapters": [{"kind": c.kind, "title": c.title, "body": c.body} for c in plan.chapters.all()],
        "priorities": [
            {"code": p.code, "title": p.title, "description": p.description,
             "goals": [{"code": g.code, "title": g.title, "description": g.description, "group": g.group.name}
                       for g in p.goals.all()]}
            for p in priorities
        ],
        "measures": [_measure(measure) for measure in measures],
        "swot": [
            {"group": item.group.name, "kind": item.kind, "text": item.text}
            for item in plan.swot_items.select_related("group")
        ],
        "analyses": [
            {"kind": doc.kind, "title": doc.title, "summary": doc.summary, "file": doc.file.name}
            for doc in plan.analyses.all()
        ],
    }


def _measure(measure):
    return {
        "id": measure.pk,
        "code": measure.code,
        "goal": measure.goal.code,
        "group": measure.group.name,
        "title": measure.title,
        "description": measure.description,
        "rationale": measure.rationale,
        "target_groups": [group.name for group in measure.target_groups.all()],
        "service_type": str(measure.service_type) if measure.service_type else "",
        "service_form": measure.get_service_form_display() if measure.service_form else "",
        "capacity": _capacity(measure),
        "responsible": measure.responsible,
        "implementer": measure.implementer,
        "partners": measure.partners,
        "timeframe": measure.timeframe,
        "annual_cost": int(measure.annual_cost) if measure.annual_cost is not None else None,
        "funding_sources": [source.name for source in measure.funding_sources.all()],
        "expected_outputs": measure.expected_outputs,
        "swot": [item.text for item in measure.swot_items.all()],
        "comments": [comment.reference for comment in measure.comments_worked_in.all()],
        "indicators": [
            {"name": i.name, "unit": i.unit, "baseline": _number(i.baseline), "target": _number(i.target)}
            for i in measure.indicators.all()
        ],
        "activities": [
            {"code": a.code, "title": a.title, "description": a.description, "responsible": a.responsible,
             "timeframe": a.timeframe}
            for a in measure.activities.all()
        ],
    }


def _capacity(measure):
    if measure.capacity_change is None:
        return ""
    return f"{measure.capacity_change:+d} {measure.get_capacity_unit_display()}".strip()


def _number(value):
    return None if value is None else format(value.normalize(), "f")


def measure_rows(measure):
    """A frozen measure as (label, text) pairs, the form both the version page and the diff use."""
    cost = measure["annual_cost"]
    indicators = [
        _("%(name)s: %(baseline)s → %(target)s %(unit)s") % {
            "name": i["name"], "baseline": _czech_number(i["baseline"]) if i["baseline"] is not None else "–",
            "target": _czech_number(i["target"]), "unit": i["unit"],
        }
        for i in measure["indicators"]
    ]
    activities = [f"{a['code']} {a['title']}" + (f" ({a['timeframe']})" if a["timeframe"] else "")
                  for a in measure["activities"]]
    return [
        (_("Code"), measure["code"]),
        (_("Title"), measure["title"]),
        (_("Working group"), measure["group"]),
        (_("Description"), measure["description"]),
        (_("Rationale"), measure["rationale"]),
        (_("Answers SWOT items"), "\n".join(measure["swot"])),
        (_("Target groups"), ", ".join(measure["target_groups"])),
        (_("Service type"), measure["service_type"]),
        (_("Form of service"), measure["service_form"]),
        (_("Capacity change"), measure["capacity"]),
        (_("Responsible (garant)"), measure["responsible"]),
        (_("Implementer"), measure["implementer"]),
        (_("Partners"), measure["partners"]),
        (_("Timeframe"), measure["timeframe"]),
        (_("Estimated cost per year"), f"{_czech_number(cost)} Kč" if cost is not None else ""),
        (_("Funding sources"), ", ".join(measure["funding_sources"])),
        (_("Indicators"), "\n".join(indicators)),
        (_("Expected outputs"), measure["expected_outputs"]),
        (_("Activities"), "\n".join(activities)),
        (_("Changed on the basis of comments"), ", ".join(measure.get("comments", []))),
    ]


def _czech_number(value):
    return number_format(Decimal(value), force_grouping=True)


def compare(older, newer):
    """What happened to the measures between two snapshots: added, removed and changed ones.

    Changed measures come with the changed rows, each with its text diff marked up in <del>/<ins>.
    """
    old_measures = {m["id"]: m for m in older["measures"]}
    new_measures = {m["id"]: m for m in newer["measures"]}
    added = [m for m in newer["measures"] if m["id"] not in old_measures]
    removed = [m for m in older["measures"] if m["id"] not in new_measures]
    changed = []
    for measure in newer["measures"]:
        before = old_measures.get(measure["id"])
        if before is None:
            continue
        rows = [
            {"label": label, "diff": highlight_changes(old_text, new_text)}
            for (label, old_text), (_label, new_text) in zip(measure_rows(before), measure_rows(measure), strict=True)
            if old_text != new_text
        ]
        if rows:
            changed.append({"measure": measure, "old_code": before["code"], "rows": rows})
    chapters_changed = [
        chapter["title"] for chapter in newer["chapters"]
        if chapter not in older["chapters"]
    ]
    return {"added": added, "removed": removed, "changed": changed, "chapters_changed": chapters_changed}


# Plain whitespace only: a no-break space keeps "1 250 000" one word, so an amount changes as a whole.
TOKEN = re.compile(r"[ \t\r\n]+|[^ \t\r\n]+")


def highlight_changes(old, new):
    """Word-level diff of two texts as HTML: removed words in <del>, added words in <ins>."""
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = "".join(old_tokens[a_start:a_end])
        added = "".join(new_tokens[b_start:b_end])
        if operation == "equal":
            parts.append(escape(added))
            continue
        if removed:
            parts.append(format_html('<del><span class="visually-hidden">{} </span>{}</del>', _("removed:"), removed))
        if added:
            parts.append(format_html('<ins><span class="visually-hidden">{} </span>{}</ins>', _("added:"), added))
    return mark_safe("".join(parts))


def _approvals(plan):
    """The approving bodies' decisions on the version they approved, once the plan is approved
    (versions frozen before the portal kept several bodies have the one council's
    `council_body`, `council_resolution_number` and `council_resolution_date` instead)."""
    from planning.approvals import approval_progress

    if plan.status not in (plan.Status.COUNCIL_APPROVED, plan.Status.IN_FORCE, plan.Status.ARCHIVED):
        return []
    return [{"body": state.body.name, "outcome": state.current.outcome,
             "resolution_number": state.current.resolution_number, "decided_on": _date(state.current.decided_on)}
            for state in approval_progress(plan).bodies if state.current]
