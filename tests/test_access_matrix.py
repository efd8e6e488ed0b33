"""Every URL of the portal × every persona: who gets in, who is sent to sign in, who gets 404 or 403.

The table below has a row for each URL the resolver knows (the admin's own pages aside, which the
admin's permissions guard; a few of them have rows too). `test_every_url_has_a_row` fails when a
URL is added without one, and `test_every_view_declares_who_may_use_it` when its view carries no
declaration from kpss.permissions. A row says, per persona, what the request answers:

    LOGIN  a redirect to the sign-in page        NF  404: the object or page is not theirs to know
    OK     200                                   FB  403: they may see it but not do this now
    GO     a redirect elsewhere (a form done)    NA  405: the method is not allowed
    ADMIN  a redirect to the admin's sign-in

Personas: the anonymous public, a staff account without any role, members of groups A and B, a
member of a deactivated group, a member of the steering group, the coordinator and a superuser.
"""

import hashlib
import io
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from kpss.models import PdfDocument, SiteSettings
from kpss.permissions import access_rule
from planning.documents import PlanVersionLayout, SettlementLayout
from planning.models import AnalysisDocument, Comment, CommentRound, PlanVersion
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    SwotItemFactory,
)
from tests.helpers import OPEN_FOR_COMMENTS

PERSONAS = ["anonymous", "staff_without_role", "member_a", "chair_a", "member_b", "inactive_member", "steering_member",
            "coordinator", "superuser"]
LOGIN, ADMIN, OK, GO, NF, FB, NA = "LOGIN", "ADMIN", 200, "GO", 404, 403, 405

# The answer of each persona, in the order of PERSONAS.
PUBLIC = (OK,) * 9
STAFF = (LOGIN, NF, OK, OK, OK, NF, OK, OK, OK)  # the coordinator and members of active groups
WRITERS = (LOGIN, NF, OK, OK, OK, NF, FB, OK, OK)  # who adds to the strategy: not the steering group
GROUP_A = (LOGIN, NF, OK, OK, NF, NF, NF, OK, OK)  # what group A wrote: its members and the coordinator
COORDINATOR = (LOGIN, NF, NF, NF, NF, NF, NF, OK, OK)
DRAFT = (NF, NF, OK, OK, OK, NF, OK, OK, OK)  # a public page of a draft: planning staff only
READERS_A = (NF, NF, OK, OK, NF, NF, OK, OK, OK)  # group A's drafts: its members, the steering group, the coordinator
ADMIN_PAGE = (ADMIN, FB, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, OK, OK)  # the admin's own permissions
RECORDERS_A = (LOGIN, NF, FB, OK, NF, NF, FB, OK, OK)  # who plans group A's meetings: its chair, the coordinator
STAFF_READERS_A = (LOGIN, NF, OK, OK, NF, NF, OK, OK, OK)  # group A's staff pages: its members, steering, coordinator
SIGNED_IN = (LOGIN, OK, OK, OK, OK, OK, OK, OK, OK)
RECORDERS_A = (LOGIN, NF, FB, OK, NF, NF, FB, OK, OK)  # group A's minutes: its chair and the coordinator record
SIGNED_OUT_ONLY = (OK, GO, GO, GO, GO, GO, GO, GO, GO)  # the sign-in page sends the signed-in on
EVALUATORS_A = (LOGIN, NF, OK, OK, NF, NF, NF, OK, OK)  # who evaluates group A's measures: not the steering group
SPREADSHEET = (LOGIN, NF, OK, OK, OK, NF, NF, OK, OK)  # who evaluates measures of the open year: groups A and B
RESULTS_BEFORE_CLOSE = (NF, NF, NF, NF, NF, NF, NF, OK, OK)  # a questionnaire's results while it is open


def done(answers):
    """The same row for a form that succeeds: OK becomes GO (a redirect after the POST)."""
    return tuple(GO if answer == OK else answer for answer in answers)


@dataclass
class Row:
    name: str
    args: object = ()  # a tuple, or a function of the world giving the URL's arguments
    expected: tuple = PUBLIC
    method: str = "get"
    data: dict = field(default_factory=dict)
    query: str = ""

    @property
    def id(self):
        return f"{self.method.upper()} {self.name} {self.expected}"


def world_of(**objects):
    return type("World", (), objects)


ROWS = [
    # --- public pages --------------------------------------------------------------------------
    Row("home"),
    Row("accessibility_statement"),
    Row("documents"),
    Row("healthz"),
    Row("login", expected=SIGNED_OUT_ONLY),
    Row("logout", expected=(NA,) * 9),
    Row("logout", method="post", expected=(GO,) * 9),
    Row("password_reset"),
    Row("password_reset", method="post", data={"email": "nekdo@example.cz"}, expected=(GO,) * 9),
    Row("password_reset_done"),
    Row("password_reset_confirm", ("MQ", "neplatny-token")),
    Row("password_reset_complete"),
    Row("password_change", expected=SIGNED_IN),
    Row("password_change_done", expected=SIGNED_IN),
    Row("set_language", method="post", data={"language": "cs", "next": "/"}, expected=(GO,) * 9),
    Row("planning:plan_list"),
    Row("planning:plan_detail", lambda w: [w.draft.slug], DRAFT),
    Row("planning:plan_detail", lambda w: [w.settling.slug]),
    Row("planning:measure_detail", lambda w: [w.draft.slug, w.measure_a.pk], DRAFT),
    Row("planning:measure_detail", lambda w: [w.settling.slug, w.settling_measure.pk]),
    Row("planning:version_detail", lambda w: [w.settling.slug, 1]),
    Row("planning:analysis_download", lambda w: [w.draft.slug, w.draft_analysis.pk], DRAFT),
    Row("planning:analysis_download", lambda w: [w.settling.slug, w.settling_analysis.pk]),
    Row("planning:decision_extract", lambda w: [w.draft.slug, w.draft_decision.pk], DRAFT),
    Row("planning:decision_extract", lambda w: [w.settling.slug, w.settling_decision.pk]),
    Row("logo"),
    Row("planning:version_compare", lambda w: [w.settling.slug]),
    Row("planning:plan_pdf", lambda w: [w.settling.slug]),
    Row("planning:version_pdf", lambda w: [w.settling.slug, 1]),
    Row("pdf_status", lambda w: [w.version_pdf.pk]),
    Row("pdf_status", lambda w: [w.settlement_pdf.pk], DRAFT),  # of a settlement not yet published
    Row("planning:comment_round_list"),
    Row("planning:comment_round_detail", lambda w: [w.round.pk]),
    Row("planning:settlement_table", lambda w: [w.round.pk], DRAFT),
    Row("planning:settlement_csv", lambda w: [w.round.pk], DRAFT),
    Row("planning:settlement_xlsx", lambda w: [w.round.pk], DRAFT),
    Row("planning:settlement_pdf", lambda w: [w.round.pk], DRAFT),
    Row("planning:questionnaire_list"),
    Row("planning:questionnaire_detail", lambda w: [w.open_questionnaire.slug]),
    Row("planning:questionnaire_detail", lambda w: [w.closed_questionnaire.slug]),
    Row("planning:questionnaire_thanks", lambda w: [w.open_questionnaire.slug]),
    Row("planning:questionnaire_results", lambda w: [w.open_questionnaire.slug], RESULTS_BEFORE_CLOSE),
    Row("planning:questionnaire_results", lambda w: [w.closed_questionnaire.slug]),
    Row("planning:questionnaire_csv", lambda w: [w.open_questionnaire.slug], RESULTS_BEFORE_CLOSE),
    Row("planning:questionnaire_csv", lambda w: [w.closed_questionnaire.slug]),
    Row("planning:suggestion_list"),
    Row("planning:suggestion_create"),
    Row("groups:group_list"),
    Row("groups:group_detail", lambda w: [w.group_a.slug]),
    Row("groups:meeting_detail", lambda w: [w.group_a.slug, w.meeting_a.pk]),
    Row("groups:meeting_detail", lambda w: [w.group_a.slug, w.closed_meeting_a.pk], READERS_A),
    Row("groups:minutes_pdf", lambda w: [w.group_a.slug, w.held_meeting_a.pk]),
    Row("groups:minutes_pdf", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk], (NF,) * 9),  # no PDF yet
    Row("groups:attachment_download", lambda w: [w.group_a.slug, w.held_meeting_a.pk, w.attachment_a.pk]),
    Row("catalogue:provider_list"),
    Row("catalogue:provider_list", query="q=domov&forma=pob&nonstop=on&strana=1"),
    Row("catalogue:service_detail", lambda w: [w.catalogue_service.pk]),
    Row("catalogue:service_detail", lambda w: [w.withdrawn_service.pk], (NF,) * 9),  # left the registry
    Row("catalogue:provider_detail", lambda w: [w.catalogue_service.provider_id]),
    Row("catalogue:provider_detail", lambda w: [w.withdrawn_service.provider_id], (NF,) * 9),  # no public service
    Row("catalogue:export_csv"),
    Row("catalogue:export_json"),
    Row("catalogue:catalogue_pdf"),
    # --- groups: public pages, register and calendars ---------------------------------------------
    Row("groups:meeting_detail", lambda w: [w.group_a.slug, w.held_meeting_a.pk]),
    Row("groups:meeting_detail", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk]),  # the draft inside
    Row("groups:group_detail", lambda w: [w.inactive_group.slug], (NF,) * 9),
    Row("groups:resolution_register", lambda w: [w.group_a.slug]),
    Row("groups:resolution_register", lambda w: [w.group_a.slug], query="rok=1999", expected=(NF,) * 9),
    Row("groups:calendar_all"),
    Row("groups:calendar_group", lambda w: [w.group_a.slug]),
    Row("groups:calendar_group", lambda w: [w.inactive_group.slug], (NF,) * 9),
    # --- plan workspace ------------------------------------------------------------------------
    Row("planning:dashboard", expected=STAFF),
    # --- yearly evaluation -------------------------------------------------------------------------
    Row("planning:plan_results", lambda w: [w.settling.slug]),  # its locked year
    Row("planning:plan_results", lambda w: [w.draft.slug], DRAFT),  # nothing evaluated yet, and a draft
    Row("planning:plan_results", lambda w: [w.settling.slug], query="rok=2031", expected=(NF,) * 9),
    Row("planning:plan_results_csv", lambda w: [w.settling.slug, 2025]),
    Row("planning:plan_results_csv", lambda w: [w.draft.slug, 2025], (NF,) * 9),  # not locked: not public
    Row("planning:evaluation_rounds", expected=STAFF),
    Row("planning:evaluation_open", expected=COORDINATOR),
    Row("planning:evaluation_round", lambda w: [w.evaluation.pk], STAFF),
    Row("planning:evaluation_round", lambda w: [w.locked_evaluation.pk], STAFF_READERS_A),
    Row("planning:evaluate_measure", lambda w: [w.evaluation.pk, w.measure_a.pk], EVALUATORS_A),
    Row("planning:evaluate_measure", lambda w: [w.locked_evaluation.pk, w.settling_measure.pk],
        (LOGIN, NF, FB, FB, NF, NF, NF, OK, OK)),  # a locked year: the coordinator corrects it
    Row("planning:evaluation_lock", lambda w: [w.evaluation.pk], COORDINATOR),
    Row("planning:evaluation_evidence", lambda w: [w.evaluation.pk, w.measure_a.pk], STAFF_READERS_A),
    # The spreadsheet: the measures one evaluates (groups A and B have some in the open year); a member
    # exports a locked year but only the coordinator imports into it.
    Row("planning:evaluation_csv", lambda w: [w.evaluation.pk], SPREADSHEET),
    Row("planning:evaluation_xlsx", lambda w: [w.evaluation.pk], SPREADSHEET),
    Row("planning:evaluation_csv", lambda w: [w.locked_evaluation.pk], EVALUATORS_A),
    Row("planning:evaluation_xlsx", lambda w: [w.locked_evaluation.pk], EVALUATORS_A),
    Row("planning:evaluation_import", lambda w: [w.evaluation.pk], SPREADSHEET),
    Row("planning:evaluation_import", lambda w: [w.evaluation.pk], SPREADSHEET, method="post"),  # no file: the form
    Row("planning:evaluation_import", lambda w: [w.locked_evaluation.pk], (LOGIN, NF, FB, FB, NF, NF, NF, OK, OK)),
    Row("planning:evaluation_import", lambda w: [w.locked_evaluation.pk], (LOGIN, NF, FB, FB, NF, NF, NF, OK, OK),
        method="post"),
    Row("planning:evaluation_remind", lambda w: [w.evaluation.pk], (LOGIN, NF, NF, NF, NF, NF, NF, NA, NA)),
    Row("planning:evaluation_remind", lambda w: [w.evaluation.pk], done(COORDINATOR), method="post"),
    Row("planning:evaluation_report_edit", lambda w: [w.evaluation.pk], COORDINATOR),
    Row("planning:evaluation_publish", lambda w: [w.locked_evaluation.pk], COORDINATOR),
    Row("planning:evaluation_publish", lambda w: [w.evaluation.pk],
        (LOGIN, NF, NF, NF, NF, NF, NF, FB, FB)),  # a year not locked has no report to publish
    Row("planning:evaluation_report", lambda w: [w.settling.slug, 2025], DRAFT),  # locked, not published: a preview
    Row("planning:evaluation_report", lambda w: [w.published_evaluation.plan.slug, 2026]),
    Row("planning:evaluation_report_pdf", lambda w: [w.published_evaluation.plan.slug, 2026]),
    # --- the next cycle: the coordinator makes the next action plan and the next midterm plan ----------
    Row("planning:next_action_plan", lambda w: [w.draft.slug], COORDINATOR),
    Row("planning:next_action_plan", lambda w: [w.draft.slug], done(COORDINATOR), method="post"),
    Row("planning:next_midterm_plan", lambda w: [w.draft.slug], COORDINATOR),
    Row("planning:next_midterm_plan", lambda w: [w.draft.slug], done(COORDINATOR), method="post"),
    Row("planning:workspace_index", expected=STAFF),
    Row("planning:workspace", lambda w: [w.draft.slug], STAFF),
    Row("planning:plan_history", lambda w: [w.draft.slug], COORDINATOR),
    Row("planning:plan_approvals", lambda w: [w.settling.slug], COORDINATOR),
    Row("planning:plan_transition", lambda w: [w.draft.slug, "open_for_comments"],
        (LOGIN, NF, FB, FB, FB, NF, FB, OK, OK)),
    Row("planning:plan_transition", lambda w: [w.draft.slug, "open_for_comments"],
        (LOGIN, NF, FB, FB, FB, NF, FB, GO, GO), method="post", data=OPEN_FOR_COMMENTS),
    Row("planning:plan_transition", lambda w: [w.settling.slug, "approve_by_steering"],
        (LOGIN, NF, FB, FB, FB, NF, OK, OK, OK)),
    Row("planning:plan_transition", lambda w: [w.draft.slug, "no_such_step"], (LOGIN, NF, NF, NF, NF, NF, NF, NF, NF)),
    Row("planning:goal_create", lambda w: [w.draft.slug], WRITERS),
    Row("planning:goal_edit", lambda w: [w.draft.slug, w.measure_a.goal_id], GROUP_A),
    Row("planning:goal_edit", lambda w: [w.draft.slug, w.measure_a.goal_id], done(GROUP_A), method="post",
        data=lambda w: {"priority": w.measure_a.goal.priority_id, "group": w.group_a.pk, "title": "Cíl",
                        "revision": 1}),
    Row("planning:measure_create", lambda w: [w.draft.slug], WRITERS),
    Row("planning:measure_edit", lambda w: [w.draft.slug, w.measure_a.pk], GROUP_A),
    Row("planning:activity_create", lambda w: [w.draft.slug], GROUP_A, query=lambda w: f"opatreni={w.measure_a.pk}"),
    Row("planning:activity_edit", lambda w: [w.draft.slug, w.activity_a.pk], GROUP_A),
    Row("planning:activity_edit", lambda w: [w.draft.slug, w.activity_a.pk], done(GROUP_A), method="post",
        data={"title": "Aktivita", "revision": 1}),
    Row("planning:swot_create", lambda w: [w.draft.slug], WRITERS),
    Row("planning:swot_edit", lambda w: [w.draft.slug, w.swot_a.pk], GROUP_A),
    Row("planning:delete", lambda w: [w.draft.slug, "opatreni", w.measure_a.pk], GROUP_A),
    Row("planning:delete", lambda w: [w.draft.slug, "opatreni", w.measure_a.pk], done(GROUP_A), method="post"),
    Row("planning:move", lambda w: [w.draft.slug, "opatreni", w.measure_a.pk], (LOGIN, NF, NA, NA, NA, NF, NA, NA, NA)),
    Row("planning:move", lambda w: [w.draft.slug, "opatreni", w.measure_a.pk], done(GROUP_A), method="post",
        data={"smer": "dolu"}),
    # --- settling comments ---------------------------------------------------------------------
    Row("planning:round_comments", lambda w: [w.round.pk], STAFF),
    Row("planning:comment_settle", lambda w: [w.comment_a.pk], GROUP_A),
    Row("planning:comment_settle", lambda w: [w.comment_a.pk], done(GROUP_A), method="post",
        data={"outcome": "noted", "justification": "Bereme na vědomí.", "revision": 1}),
    Row("planning:bulk_settle", lambda w: [w.round.pk], (LOGIN, NF, NA, NA, NA, NF, NA, NA, NA)),
    Row("planning:bulk_settle", lambda w: [w.round.pk], done(STAFF), method="post",
        data=lambda w: {"comments": [w.comment_a.pk], "outcome": "noted", "justification": "Na vědomí."}),
    Row("planning:assign_comments", lambda w: [w.round.pk], done(COORDINATOR), method="post",
        data=lambda w: {"comments": [w.comment_a.pk], "group": w.group_b.pk}),
    Row("planning:publish_settlement", lambda w: [w.round.pk], COORDINATOR),
    Row("planning:publish_settlement", lambda w: [w.round.pk], done(COORDINATOR), method="post"),
    Row("planning:hide_comment", lambda w: [w.comment_a.pk], COORDINATOR),
    Row("planning:hide_comment", lambda w: [w.comment_a.pk], done(COORDINATOR), method="post",
        data={"reason": "spam"}),
    Row("planning:redact_comment", lambda w: [w.comment_a.pk], COORDINATOR),
    Row("planning:redact_comment", lambda w: [w.comment_a.pk], done(COORDINATOR), method="post"),
    Row("pdf_rerender", lambda w: [w.version_pdf.pk], done(COORDINATOR), method="post"),
    Row("groups:group_history", lambda w: [w.group_a.pk], COORDINATOR),
    # --- groups: meetings before they take place --------------------------------------------
    Row("groups:staff_index", expected=STAFF),
    Row("groups:meeting_create", lambda w: [w.group_a.slug], RECORDERS_A),
    Row("groups:meeting_create", lambda w: [w.group_a.slug], done(RECORDERS_A), method="post", data={
        "kind": "meeting", "date": "2099-03-12", "starts_time": "15:00", "ends_time": "17:00", "place": "Radnice",
        "agenda": "Zahájení", "invite_members": "on", "novy-host-TOTAL_FORMS": "0", "novy-host-INITIAL_FORMS": "0"}),
    Row("groups:meeting_manage", lambda w: [w.group_a.slug, w.coming_meeting_a.pk], STAFF_READERS_A),
    Row("groups:meeting_manage", lambda w: [w.group_a.slug, w.closed_meeting_a.pk], STAFF_READERS_A),
    Row("groups:meeting_edit", lambda w: [w.group_a.slug, w.coming_meeting_a.pk], RECORDERS_A),
    Row("groups:meeting_edit", lambda w: [w.group_a.slug, w.coming_meeting_a.pk], done(RECORDERS_A), method="post",
        data={"kind": "meeting", "date": "2099-03-12", "starts_time": "15:00", "ends_time": "17:00",
              "place": "Radnice", "agenda": "Zahájení", "revision": 1}),
    Row("groups:meeting_cancel", lambda w: [w.group_a.slug, w.coming_meeting_a.pk], RECORDERS_A),
    Row("groups:meeting_cancel", lambda w: [w.group_a.slug, w.coming_meeting_a.pk], done(RECORDERS_A),
        method="post", data={"reason": "Nemoc"}),
    Row("groups:invitation_add", lambda w: [w.group_a.slug, w.coming_meeting_a.pk],
        (LOGIN, NF, NA, NA, NA, NF, NA, NA, NA)),
    Row("groups:invitation_add", lambda w: [w.group_a.slug, w.coming_meeting_a.pk], done(RECORDERS_A),
        method="post", data={"name": "Jan Host"}),
    Row("groups:invitation_remove", lambda w: [w.group_a.slug, w.coming_meeting_a.pk, w.invitation_a.pk],
        done(RECORDERS_A), method="post"),
    # --- groups: tracker and targets -------------------------------------------------------------
    Row("groups:task_list", expected=STAFF),
    Row("groups:task_list", expected=STAFF, query="status=vse"),
    Row("groups:task_status", lambda w: [w.task_a.pk], (LOGIN, NF, FB, OK, NF, NF, FB, OK, OK)),
    Row("groups:task_status", lambda w: [w.task_a.pk], (LOGIN, NF, FB, GO, NF, NF, FB, GO, GO), method="post",
        data={"status": "done", "note": "Hotovo", "revision": 1}),
    Row("groups:targets_overview", expected=STAFF),
    Row("groups:targets_overview", expected=(LOGIN, NF, OK, OK, NF, NF, OK, OK, OK), query="skupina=seniori"),
    Row("groups:targets_csv", lambda w: [w.key_activity.pk], COORDINATOR),
    # --- catalogue: the network overview for planners -------------------------------------------
    Row("catalogue:capacity_overview", expected=STAFF),
    Row("catalogue:capacity_overview", expected=STAFF, query="cilova_skupina=24&obec=554499"),
    Row("catalogue:capacity_csv", expected=STAFF),
    # --- groups: the minutes workspace ---------------------------------------------------------
    Row("groups:minutes_edit", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk], RECORDERS_A),
    Row("groups:minutes_edit", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk], done(RECORDERS_A),
        method="post", data=lambda w: _minutes_editor_data()),
    Row("groups:minutes_edit", lambda w: [w.group_a.slug, w.held_meeting_a.pk], RECORDERS_A),  # read-only
    Row("groups:minutes_edit", lambda w: [w.group_a.slug, w.meeting_a.pk], RECORDERS_A),  # not begun yet
    Row("groups:minutes_edit", lambda w: [w.group_a.slug, w.cancelled_meeting_a.pk],
        (LOGIN, NF, FB, NF, NF, NF, FB, NF, NF)),
    Row("groups:minutes_correct", lambda w: [w.group_a.slug, w.held_meeting_a.pk], RECORDERS_A),
    Row("groups:minutes_correct", lambda w: [w.group_a.slug, w.held_meeting_a.pk], done(RECORDERS_A),
        method="post", data=lambda w: _minutes_editor_data(note="Oprava překlepu")),
    Row("groups:minutes_approve", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk], RECORDERS_A),
    Row("groups:minutes_approve", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk], done(RECORDERS_A),
        method="post"),
    Row("groups:minutes_attachments", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk], RECORDERS_A),
    Row("groups:minutes_attachment_delete",
        lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk, w.draft_attachment_a.pk],
        (LOGIN, NF, NA, NA, NA, NF, NA, NA, NA)),
    Row("groups:minutes_attachment_delete",
        lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk, w.draft_attachment_a.pk], done(RECORDERS_A),
        method="post"),
    Row("groups:minutes_suggestion", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk], RECORDERS_A),
    Row("groups:minutes_suggestion", lambda w: [w.group_a.slug, w.draft_minutes_meeting_a.pk], done(RECORDERS_A),
        method="post", data={"text": "Chybí odlehčovací služba.", "name": "Marie", "commenter_type": "working_group"}),
    # --- the admin (its own permissions; a few pages as a check) --------------------------------
    Row("admin:index", expected=(ADMIN, OK, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, OK, OK)),
    Row("admin:planning_plan_changelist", expected=ADMIN_PAGE),
    Row("admin:planning_comment_change", lambda w: [w.comment_a.pk], ADMIN_PAGE),
    Row("admin:kpss_user_changelist", expected=ADMIN_PAGE),
    Row("admin:planning_questionnaire_changelist", expected=ADMIN_PAGE),
    # The upload of the registry's file: the admin's door, then the coordinator's right (404 without it).
    Row("admin:catalogue_importrun_upload", expected=(ADMIN, NF, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, OK, OK)),
]


@pytest.fixture
def world(plan, group_a, group_b, measure_a, coordinator, steering_group, inactive_group):
    """A draft plan (the `plan` fixture) and a plan whose comments are being settled, with what the
    URLs reach: group A's goal, measure, activity and SWOT item, comments of groups A and B, PDFs."""
    settling = PlanFactory(title="Akční plán 2026", slug="ap-2026")
    ChapterFactory(plan=settling)
    goal = GoalFactory(priority=PriorityFactory(plan=settling), group=group_a)
    settling_measure = MeasureFactory(goal=goal)
    IndicatorFactory(measure=settling_measure)
    version = settling.transition("open_for_comments", coordinator)
    newest = PlanVersion.freeze(settling, "approval", coordinator)
    now = timezone.now()
    round_ = CommentRound.objects.create(version=version, title="Připomínky k akčnímu plánu",
                                         opens_at=now - timedelta(days=7), closes_at=now + timedelta(days=1))
    comment_a = Comment.submit(round_, text="Připomínka pro skupinu A", name="Jan")
    comment_b = Comment.submit(round_, text="Připomínka pro skupinu B", name="Eva")
    Comment.objects.filter(pk=comment_a.pk).update(group=group_a, outcome="accepted")
    Comment.objects.filter(pk=comment_b.pk).update(group=group_b, outcome="accepted")
    CommentRound.objects.filter(pk=round_.pk).update(closes_at=now - timedelta(minutes=1))
    settling.transition("close_comments", coordinator)
    return world_of(
        draft=plan, settling=settling, settling_measure=settling_measure, group_a=group_a, group_b=group_b,
        measure_a=measure_a, activity_a=ActivityFactory(measure=measure_a), swot_a=SwotItemFactory(
            plan=plan, group=group_a), round=round_, comment_a=comment_a,
        version_pdf=_ready_pdf(version, PlanVersionLayout.name), newest_pdf=_ready_pdf(newest, PlanVersionLayout.name),
        settlement_pdf=_ready_pdf(round_, SettlementLayout.name),
        draft_analysis=_analysis(plan), settling_analysis=_analysis(settling), logo=_logo(),
        draft_decision=_decision(PlanVersion.freeze(plan, "approval", coordinator)),
        settling_decision=_decision(newest),
        catalogue_pdf=_ready_pdf(SiteSettings.get_solo(), "catalogue"),
        meeting_a=_meeting(group_a, 1, is_public=True), closed_meeting_a=_meeting(group_a, 2, is_public=False),
        inactive_group=inactive_group, **_minutes_world(group_a, coordinator),
        **_meetings_world(group_a, coordinator),
        **_tracker_world(group_a),
        **_recording_world(group_a, coordinator),
        **_catalogue_world(),
        **_evaluation_world(plan, settling, coordinator),
        **_questionnaire_world(),
    )


def _decision(version):
    """A decision of an approving body on `version`, with the extract of its resolution."""
    from planning.models import ApprovingBody, Decision

    body = ApprovingBody.objects.create(plan=version.plan, name=f"Zastupitelstvo {version.plan.slug}")
    return Decision.objects.create(body=body, version=version, outcome=Decision.Outcome.APPROVED,
                                   resolution_number="ZM/1/1/2026", decided_on=timezone.localdate(),
                                   extract=ContentFile(b"%PDF-1.7 extract", name="usneseni.pdf"))


def _evaluation_world(plan, settling, coordinator):
    """An open evaluation of the draft plan's first year (measures of groups A and B), and a locked
    one of the other plan (a measure of group A)."""
    from planning.models import EvaluationRound

    locked = EvaluationRound.objects.create(plan=settling, year=2025, deadline="2026-01-31")
    locked.lock(coordinator)
    published = EvaluationRound.objects.create(plan=settling, year=2026, deadline="2027-01-31").lock(coordinator)
    published = published.publish_report(coordinator)
    _ready_pdf(published, "evaluation_report")
    from planning.models import MeasureEvaluation

    evaluation = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
    MeasureEvaluation.objects.create(round=evaluation, measure=plan.measures.get(group__slug="seniori"), status="done",
                                     evidence_file=ContentFile(b"%PDF-1.7 evidence", name="doklad.pdf"))
    return {"evaluation": evaluation, "locked_evaluation": locked, "published_evaluation": published}


def _minutes_world(group, coordinator):
    """A past meeting of `group` with approved minutes (an attachment, its PDF ready), and one whose
    minutes are still a draft."""
    from groups.documents import MinutesLayout
    from groups.models import MinutesAttachment

    held = _meeting(group, 3, is_public=True, days=-7)
    attachment = MinutesAttachment.objects.create(minutes=held.minutes, title="Prezenční listina",
                                                  file=ContentFile(b"%PDF-1.7 attendance", name="listina.pdf"))
    version = held.minutes.approve(coordinator)
    return {"held_meeting_a": held, "attachment_a": attachment,
            "minutes_pdf_a": _ready_pdf(version, MinutesLayout.name),
            "draft_minutes_meeting_a": _meeting(group, 4, is_public=True, days=-1)}


def _meetings_world(group, coordinator):
    """A coming public meeting of `group` planned on its staff pages, with one person invited."""
    from groups.models import Person
    from groups.services import plan_meeting

    starts = timezone.now() + timedelta(days=14)
    meeting = plan_meeting(group, coordinator, agenda_titles=["Zahájení"], guests=[Person.objects.create(name="Host")],
                           starts_at=starts, ends_at=starts + timedelta(hours=2), place="Radnice")
    return {"coming_meeting_a": meeting, "invitation_a": meeting.invitations.get()}


def _tracker_world(group):
    """An overdue task of `group` and a key activity with a meeting target for it."""
    import datetime

    from groups.models import KeyActivity, MeetingTarget, Task

    task = Task.objects.create(group=group, title="Rozeslat dotazník",
                               due_on=timezone.localdate() - timedelta(days=3))
    key_activity = KeyActivity.objects.create(code="KA 01", name="Činnost skupin", starts_on=datetime.date(2026, 1, 1),
                                              ends_on=datetime.date(2027, 12, 31))
    MeetingTarget.objects.create(key_activity=key_activity, group=group, required_count=20)
    return {"task_a": task, "key_activity": key_activity}


def _recording_world(group, coordinator):
    """What the minutes workspace reaches besides `_minutes_world`: an attachment of the draft minutes
    (numbered meeting 4 there) and a cancelled meeting."""
    from groups.models import Meeting, MinutesAttachment

    draft = Meeting.objects.get(group=group, number=4)
    attachment = MinutesAttachment.objects.create(minutes=draft.minutes, title="Prezentace",
                                                  file=ContentFile(b"%PDF-1.7 slides", name="prezentace.pdf"))
    cancelled = _meeting(group, 6, is_public=True, days=3)
    cancelled.cancel(coordinator, "Nemoc předsedkyně")
    return {"draft_attachment_a": attachment, "cancelled_meeting_a": cancelled}


def _catalogue_world():
    """A service of the catalogue imported from a registry-shaped file, and one that left the
    registry with the next import (its provider has no other service)."""
    from catalogue.models import Service
    from tests.registry_items import run, service

    run(service(1), service(2, ico="00999999"))
    run(service(1))
    return {"catalogue_service": Service.objects.get(portal_id=1),
            "withdrawn_service": Service.objects.get(portal_id=2)}


def _questionnaire_world():
    """A questionnaire open for answers, and one closed, whose results are public."""
    from planning.models import Question, Questionnaire

    now = timezone.now()
    open_questionnaire = Questionnaire.objects.create(
        title="Potřeby rodin", slug="rodiny-2026", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=7),
    )
    closed = Questionnaire.objects.create(title="Potřeby seniorů", slug="seniori-2025",
                                          opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1))
    for questionnaire in (open_questionnaire, closed):
        Question.objects.create(questionnaire=questionnaire, kind=Question.Kind.SCALE, text="Jak jste spokojeni?")
    return {"open_questionnaire": open_questionnaire, "closed_questionnaire": closed}


def _minutes_editor_data(**extra):
    """The minutes editor posted with no rows in its lists (the matrix's meetings have none)."""
    data = {"revision": 1, "introduction": "Úvod zápisu", "other_participants": 0, **extra}
    for prefix in ("attendance", "agenda", "resolutions", "tasks"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def _meeting(group, number, is_public, days=7):
    from groups.models import Meeting, Minutes

    starts = timezone.now() + timedelta(days=days)
    meeting = Meeting.objects.create(group=group, number=number, starts_at=starts,
                                     ends_at=starts + timedelta(hours=2), place="Radnice", is_public=is_public)
    Minutes.objects.create(meeting=meeting)
    return meeting


def _analysis(plan):
    return AnalysisDocument.objects.create(plan=plan, kind=AnalysisDocument.Kind.OTHER, title="Analýza",
                                           file=ContentFile(b"%PDF-1.7 analysis", name="analyza.pdf"))


def _logo():
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "#0b4f6c").save(image, "PNG")
    site = SiteSettings.get_solo()
    site.logo = ContentFile(image.getvalue(), name="znak.png")
    site.save()
    return site.logo


def _ready_pdf(source, layout):
    from django.contrib.contenttypes.models import ContentType

    content = b"%PDF-1.7 matrix test"
    document = PdfDocument(content_type=ContentType.objects.get_for_model(source), object_id=source.pk,
                           layout=layout, status=PdfDocument.Status.READY, size=len(content), pages=1,
                           sha256=hashlib.sha256(content).hexdigest())
    document.file.save(f"{layout}-{source.pk}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def _resolve(value, world):
    return value(world) if callable(value) else value


@pytest.mark.posts_without_the_form(reason="each row is one request of one persona; the GET of each form page "
                                            "is a row of its own")
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_access(request, client, world, row, persona, tasks):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    url = reverse(row.name, args=_resolve(row.args, world))
    query = _resolve(row.query, world)
    response = getattr(client, row.method)(f"{url}?{query}" if query else url, _resolve(row.data, world))
    expected = row.expected[PERSONAS.index(persona)]
    location = response.get("Location", "")
    if expected == LOGIN:
        assert (response.status_code, location.split("?")[0]) == (302, reverse("login")), location
    elif expected == ADMIN:
        assert (response.status_code, location.split("?")[0]) == (302, reverse("admin:login")), location
    elif expected == GO:
        assert response.status_code == 302, _errors(response)
        assert not location.startswith((reverse("login"), reverse("admin:login"))), location
    else:
        assert response.status_code == expected, _errors(response)


def _errors(response):
    """Why a form was not accepted, for the failure message."""
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return f"{response.status_code}: {form.errors if form is not None else ''}"


def _url_patterns(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _portal_patterns():
    return [(name, pattern) for name, pattern in _url_patterns(get_resolver()) if not name.startswith("admin:")]


def test_every_url_has_a_row():
    covered = {row.name for row in ROWS}
    missing = sorted(name for name, _pattern in _portal_patterns() if name not in covered)
    assert not missing, f"URLs without a row in the access matrix: {missing}"


def test_every_view_declares_who_may_use_it():
    undeclared = sorted(name for name, pattern in _portal_patterns() if access_rule(pattern.callback) is None)
    assert not undeclared, f"Views that do not declare who may use them (kpss.permissions): {undeclared}"


def test_staff_pages_are_not_public():
    """Everything under /sprava/ is for a role, never declared public by mistake."""
    public_staff = sorted(
        name for name, pattern in _portal_patterns()
        if str(pattern.pattern).startswith("sprava/") and access_rule(pattern.callback) == "public"
    )
    assert not public_staff, public_staff
