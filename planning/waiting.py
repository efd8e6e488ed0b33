"""What waits for whom: the lists of the staff landing page (`/sprava/`).

The coordinator sees what only they can move on: comments nobody settles yet, settlements ready to
publish, PDFs that failed, each plan's next step, groups' minutes left unapproved too long, and
sign-ins locked out. A member sees their
groups and what waits for them: comments to answer, and their groups' part of the plans being
written. Each list is one query, however much waits.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from groups.models import Meeting, Minutes
from kpss.models import PdfDocument
from planning.models import Comment, CommentRound, Plan


def for_coordinator():
    now = timezone.now()
    counted = Q(comments__is_hidden=False)
    rounds = CommentRound.objects.filter(settlement_published_at=None).select_related("plan").annotate(
        total=Count("comments", filter=counted),
        settled=Count("comments", filter=counted & ~Q(comments__outcome="")),
        unassigned=Count("comments", filter=counted & Q(comments__group=None)),
    ).order_by("closes_at")
    rounds = list(rounds)
    plans = [plan for plan in Plan.objects.exclude(status=Plan.Status.ARCHIVED).with_successor_start()
             .order_by("kind", "-year_from") if plan.current_status() != Plan.Status.ARCHIVED]
    for plan in plans:
        plan.next_steps = plan.available_transitions()
    return {
        "rounds_to_assign": [round_ for round_ in rounds if round_.unassigned],
        "rounds_to_publish": [round_ for round_ in rounds if round_.has_closed(now) and round_.settled == round_.total],
        "failed_pdfs": list(PdfDocument.objects.filter(
            Q(status=PdfDocument.Status.FAILED) | Q(pk__in=PdfDocument.objects.stalled().values("pk")),
        ).select_related("content_type")),
        "plans": plans,
        "unapproved_minutes": unapproved_minutes(now),
        "locked_out": list(AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
        ).order_by("-attempt_time")),
    }


def unapproved_minutes(now=None):
    """Held meetings whose minutes are still a draft MINUTES_APPROVAL_DAYS after the meeting, oldest first."""
    overdue_since = (now or timezone.now()) - timedelta(days=settings.MINUTES_APPROVAL_DAYS)
    return list(Meeting.objects.held(now).filter(ends_at__lt=overdue_since, minutes__status=Minutes.Status.DRAFT)
                .select_related("group").order_by("ends_at"))


def for_member(groups):
    """What waits for a member of `groups` (their current groups)."""
    now = timezone.now()
    group_ids = [group.pk for group in groups]
    return {
        "comments_to_settle": list(Comment.objects.filter(
            group__in=group_ids, outcome="", is_hidden=False, round__closes_at__lte=now,
            round__settlement_published_at=None,
        ).select_related("round", "group").order_by("round__closes_at", "number")),
        "plans_being_written": list(Plan.objects.filter(status__in=Plan.EDITABLE_STATUSES).annotate(
            my_measures=Count("measures", filter=Q(measures__group__in=group_ids)),
        ).order_by("kind", "-year_from")),
        "upcoming_rounds": list(CommentRound.objects.filter(closes_at__gt=now).select_related("plan")
                                .order_by("closes_at")),
    }
