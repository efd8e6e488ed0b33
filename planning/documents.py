"""The PDF layouts of planning: a frozen plan version, and the settlement table of a comment round.

Both render from data that no longer changes: the version's JSON snapshot, and a settlement that
is published (answers can no longer be edited). Registered in kpss.pdf_layouts by PlanningConfig.ready.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from kpss.models import PdfDocument, SiteSettings
from kpss.pdf_layouts import PdfLayout, register
from planning.access import is_planning_staff, plans_for
from planning.models import CommentRound, Plan, PlanVersion
from planning.versions import measure_rows


@register
class PlanVersionLayout(PdfLayout):
    """A midterm or action plan as frozen in one version, with its settlement annex."""

    name = "plan_version"

    def template(self, version):
        if version.snapshot["plan"]["kind"] == Plan.Kind.ACTION:
            return "planning/pdf/action_plan.html"
        return "planning/pdf/midterm_plan.html"

    def title(self, version):
        return version.snapshot["plan"]["title"]

    def filename(self, version):
        return _("%(title)s – version %(number)s") % {"title": self.title(version), "number": version.number}

    def download_url(self, version):
        return reverse("planning:version_pdf", args=[version.plan.slug, version.number])

    def may_read(self, user, version):
        return plans_for(user).filter(pk=version.plan_id).exists()

    def document_date(self, version):
        return version.created_at

    def sources(self):
        return PlanVersion.objects.defer("snapshot").select_related("plan")

    def context(self, version):
        snapshot = version.snapshot
        measures_by_goal = {}
        for measure in snapshot["measures"]:
            measures_by_goal.setdefault(measure["goal"], []).append(measure)
        priorities = [
            {**priority, "goals": [{**goal, "measures": measures_by_goal.get(goal["code"], [])}
                                   for goal in priority["goals"]]}
            for priority in snapshot["priorities"]
        ]
        swot_by_group = {}
        for item in snapshot["swot"]:
            kinds = swot_by_group.setdefault(item["group"], {})
            kinds.setdefault(item["kind"], []).append(item["text"])
        return {
            "version": version,
            "snapshot": snapshot,
            "p": snapshot["plan"],
            "site": SiteSettings.get_solo(),
            "priorities": priorities,
            "measures": [{"data": m, "rows": [row for row in measure_rows(m)[2:] if row[1]]}
                         for m in snapshot["measures"]],
            "swot_by_group": swot_by_group,
            "swot_kinds": ["S", "W", "O", "T"],
            "total_cost": sum(m["annual_cost"] or 0 for m in snapshot["measures"]),
            "settlements": [
                {"round": round_, "comments": list(round_.table_comments())}
                for round_ in self.settled_rounds(version)
            ],
        }

    @staticmethod
    def settled_rounds(version):
        """Rounds of the plan whose settlement was published before the version was frozen."""
        return CommentRound.objects.filter(
            plan_id=version.plan_id, settlement_published_at__lte=version.created_at,
        ).select_related("version").order_by("opens_at")

    def attachments(self, version):
        return [("plan.json", _("Data of version %(number)s of the plan") % {"number": version.number},
                 version.snapshot)]


@register
class SettlementLayout(PdfLayout):
    """The published settlement table of one comment round (vypořádání připomínek)."""

    name = "settlement"
    template_name = "planning/pdf/settlement.html"

    def title(self, round_):
        return _("Settlement of comments: %(title)s") % {"title": round_.title}

    def filename(self, round_):
        return _("Settlement of comments – %(plan)s – round %(number)s") % {
            "plan": round_.plan.title, "number": round_.pk,
        }

    def download_url(self, round_):
        return reverse("planning:settlement_pdf", args=[round_.pk])

    def may_read(self, user, round_):
        return round_.settlement_is_published or is_planning_staff(user)

    def document_date(self, round_):
        return round_.settlement_published_at

    def sources(self):
        return CommentRound.objects.filter(settlement_published_at__isnull=False).select_related("plan")

    def context(self, round_):
        return {
            "round": round_, "plan": round_.plan, "site": SiteSettings.get_solo(),
            "comments": list(round_.table_comments()), "progress": round_.progress(),
        }

    def attachments(self, round_):
        return [("vyporadani.json", _("The settlement table as data"), settlement_data(round_))]


def settlement_data(round_):
    return {
        "round": round_.title,
        "plan": round_.plan.title,
        "version": round_.version.number,
        "settlement_published_at": round_.settlement_published_at,
        "comments": [
            {
                "reference": comment.reference, "received_at": comment.received_at, "commenter": comment.public_name,
                "part": str(comment.part), "text": comment.text, "proposed_wording": comment.proposed_wording,
                "outcome": comment.outcome, "justification": comment.justification,
                "worked_into": str(comment.worked_in_measure or comment.worked_in_chapter or ""),
            }
            for comment in round_.table_comments()
        ],
    }


def with_pdfs(sources, layout=PlanVersionLayout.name):
    """The versions (or other sources of `layout`), each with its PDF document or None as `.pdf`,
    in one query."""
    sources = list(sources)
    documents = PdfDocument.objects.for_sources(sources, layout)
    for source in sources:
        source.pdf = documents.get(source.pk)
    return sources


def published_documents():
    """What the documents page lists: each public plan's versions and each published settlement,
    with their PDFs (a constant number of queries)."""
    plans = list(Plan.objects.public().with_successor_start().order_by("-kind", "-year_from"))  # midterm first
    versions = with_pdfs(PlanVersion.objects.filter(plan__in=plans).defer("snapshot").order_by("-number"))
    rounds = with_pdfs(
        CommentRound.objects.filter(settlement_published_at__isnull=False, plan__in=plans)
        .select_related("plan").order_by("-settlement_published_at"),
        SettlementLayout.name,
    )
    plans_by_pk = {plan.pk: plan for plan in plans}
    by_plan = {plan.pk: [] for plan in plans}
    for version in versions:
        version.plan = plans_by_pk[version.plan_id]
        by_plan[version.plan_id].append(version)
    return {
        "plans": [(plan, by_plan[plan.pk]) for plan in plans if by_plan[plan.pk]],
        "settlements": [round_ for round_ in rounds if round_.pdf and round_.pdf.is_available],
    }
