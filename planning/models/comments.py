"""Public comment rounds on draft plans (připomínkování), their settlement, and suggestions.

A round opens on a frozen plan version; anyone comments without an account; working groups
settle the comments assigned to them; the coordinator publishes the settlement, which notifies
commenters and shows the public settlement table.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import Group
from kpss.models import log_action
from kpss.numbering import create_numbered, next_number
from kpss.submissions import PublicSubmission
from kpss.tracking import TrackedChanges
from planning.models.plans import Chapter, Measure, Plan, PlanVersion


def _part_of_plan(measure, chapter):
    if measure is not None:
        return _("measure %(code)s %(title)s") % {"code": measure.code, "title": measure.title}
    if chapter is not None:
        return _("chapter %(title)s") % {"title": chapter.title}
    return _("the whole document")


class CommentRoundQuerySet(models.QuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)

    def open_now(self):
        return self.open_at(timezone.now())

    def visible(self):
        """Rounds the public sees: opened already (open, closed, or with a published settlement)."""
        return self.filter(opens_at__lte=timezone.now())


class CommentRound(TrackedChanges):
    """A period in which a published plan version takes comments from anyone.

    It opens and closes by itself: whether it is open is a matter of the clock, not of a flag.
    """

    version = models.ForeignKey(PlanVersion, verbose_name=_("plan version"), on_delete=models.PROTECT,
                                related_name="comment_rounds")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="comment_rounds",
                             editable=False)
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(_("introduction"), blank=True,
                             help_text=_("What the round is about and how comments will be handled."))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    settlement_published_at = models.DateTimeField(_("settlement published"), null=True, blank=True, editable=False)
    settlement_note = models.TextField(
        _("note on the settlement"), blank=True,
        help_text=_("E.g. the steering group resolution that approved the settlement."),
    )
    approving_resolution = models.ForeignKey(
        "groups.Resolution", verbose_name=_("resolution of the steering group"), on_delete=models.PROTECT,
        null=True, blank=True, editable=False, related_name="approved_settlements",
        help_text=_("The resolution by which the steering group approved the settlement."),
    )

    objects = CommentRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment round")
        verbose_name_plural = _("comment rounds")
        ordering = ["-opens_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.plan_id = self.version.plan_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("planning:comment_round_detail", args=[self.pk])

    def log_contexts(self):
        return [(Plan, self.plan_id)]

    @classmethod
    def open_on(cls, version, by, **fields):
        """Open a round on a published version (from its `opens_at` to its `closes_at`) and log it."""
        round_ = cls(version=version, plan_id=version.plan_id, **fields)
        round_.full_clean()
        round_.save()
        log_action(round_, "comment_round.create", by, title=round_.title)
        return round_

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A round must close after it opens.")})

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def has_closed(self, moment=None):
        return (moment or timezone.now()) >= self.closes_at

    @property
    def settlement_is_published(self):
        return self.settlement_published_at is not None

    def is_being_settled(self):
        """Between its close and the publication of its settlement, when groups answer comments."""
        return self.has_closed() and not self.settlement_is_published

    def assign_comments(self, comment_pks, group, by):
        """Pass the chosen comments of the round to a working group to settle; returns how many.

        Refused once the settlement is published: the answers and who gave them are on record then.
        """
        with transaction.atomic():
            round_ = CommentRound.objects.select_for_update().get(pk=self.pk)
            if round_.settlement_is_published:
                raise ValidationError(_("The settlement is already published."))
            comments = list(Comment.objects.select_for_update().filter(round=round_, pk__in=comment_pks))
            for comment in comments:
                before = comment.tracked_values(["group"])
                comment.group = group
                comment.save_change(by, update_fields=["group"])
                comment.log_change(by, "comment.assign", before=before, group=group.name)
        return len(comments)

    def comments_to_settle(self):
        return self.comments.filter(is_hidden=False)

    def progress(self, comments=None):
        """(settled, total) of the comments that count: hidden spam does not. Of the whole round, or
        of `comments` of it (the share of a member's groups)."""
        comments = self.comments_to_settle() if comments is None else comments.filter(round=self, is_hidden=False)
        counts = comments.aggregate(
            total=models.Count("pk"), settled=models.Count("pk", filter=~Q(outcome="")),
        )
        return counts["settled"], counts["total"]

    def publication_problems(self):
        problems = []
        if self.settlement_is_published:
            problems.append(_("The settlement is already published."))
        if not self.has_closed():
            problems.append(_("The round is still open for comments."))
        settled, total = self.progress()
        if settled < total:
            problems.append(_("%(left)s of %(total)s comments are not settled yet.") % {
                "left": total - settled, "total": total,
            })
        return problems

    def table_comments(self):
        """The comments of the public settlement table, in number order."""
        return self.comments.public().for_table().order_by("number")

    def publish_settlement(self, by, resolution=None):
        """Publish the settlement table, approved by the steering group's `resolution` if given;
        returns the comments whose authors should be told.

        The caller sends the e-mails after the transaction commits.
        """
        with transaction.atomic():
            round_ = CommentRound.objects.select_for_update().get(pk=self.pk)
            problems = round_.publication_problems()
            if problems:
                raise ValidationError(problems)
            round_.settlement_published_at = timezone.now()
            round_.approving_resolution = resolution
            round_.save(update_fields=["settlement_published_at", "approving_resolution"])
            log_action(round_, "comment_round.publish_settlement", by,
                       **({"resolution": resolution.pk} if resolution else {}))
        self.settlement_published_at = round_.settlement_published_at
        self.approving_resolution = resolution
        return list(self.comments_to_settle().exclude(email="").select_related("round"))


class CommentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_hidden=False)

    def for_table(self):
        return self.select_related("chapter", "measure__plan", "worked_in_measure__plan", "worked_in_chapter", "group")


class Comment(PublicSubmission, TrackedChanges):
    """A připomínka: what someone asks to change, and the official answer (vypořádání)."""

    class Channel(models.TextChoices):
        WEB = "web", _("web form")
        EMAIL = "email", _("e-mail")
        LETTER = "letter", _("letter")
        MEETING = "meeting", _("public meeting")

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("partly accepted")
        REJECTED = "rejected", _("not accepted")
        EXPLAINED = "explained", _("explained")
        NOTED = "noted", _("noted")
        DUPLICATE = "duplicate", _("duplicate")

    round = models.ForeignKey(CommentRound, verbose_name=_("comment round"), on_delete=models.CASCADE,
                              related_name="comments")
    number = models.PositiveIntegerField(_("number"), editable=False)
    channel = models.CharField(_("received by"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    chapter = models.ForeignKey(Chapter, verbose_name=_("chapter"), on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="comments")
    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="comments")
    # Limits that a real comment never reaches (a long one has about 3,000 characters) but that keep
    # a pasted book out of the settlement table.
    text = models.TextField(_("comment"), max_length=10_000)
    proposed_wording = models.TextField(_("proposed wording"), blank=True, max_length=10_000)
    # Moderation by the coordinator.
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    is_redacted = models.BooleanField(_("personal data redacted"), default=False, editable=False)
    group = models.ForeignKey(Group, verbose_name=_("settled by group"), on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="comments")
    # Settlement (vypořádání).
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    worked_in_measure = models.ForeignKey(
        Measure, verbose_name=_("worked into measure"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="comments_worked_in",
    )
    worked_in_chapter = models.ForeignKey(
        Chapter, verbose_name=_("worked into chapter"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="comments_worked_in",
    )
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("settled by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, editable=False, related_name="+")
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True, editable=False)
    notified_at = models.DateTimeField(_("answer sent"), null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["round", "number"]
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="unique_comment_number")]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """The number the commenter quotes: round and comment, e.g. "7/012"."""
        return f"{self.round_id}/{self.number:03d}"

    def log_contexts(self):
        return [(CommentRound, self.round_id), (Plan, self.round.plan_id), (Group, self.group_id)]

    @property
    def part(self):
        """Which part of the plan the comment is about, as the settlement table says it."""
        return _part_of_plan(self.measure if self.measure_id else None, self.chapter if self.chapter_id else None)

    @property
    def worked_in(self):
        """Where the comment was worked into the plan, worded as `part` is; empty if nowhere."""
        if not (self.worked_in_measure_id or self.worked_in_chapter_id):
            return ""
        return _part_of_plan(self.worked_in_measure if self.worked_in_measure_id else None,
                             self.worked_in_chapter if self.worked_in_chapter_id else None)

    @property
    def is_settled(self):
        return bool(self.outcome)

    def clean(self):
        if self.outcome and self.outcome != self.Outcome.ACCEPTED and not self.justification.strip():
            raise ValidationError({"justification": _("Give a justification unless the comment is accepted.")})

    @classmethod
    def submit(cls, round_, **fields):
        """File a comment from the public form: numbered within its round, all or nothing."""

        def create():
            # Locking the round makes concurrent submitters queue for the next number.
            locked = CommentRound.objects.select_for_update().get(pk=round_.pk)
            if not locked.is_open():
                raise ValidationError(_("The comment round is closed; comments can no longer be submitted."))
            comment = cls.objects.create(round=locked, number=cls.next_number(locked), **fields)
            log_action(comment, "comment.submit", None, round=locked.pk)
            return comment

        return create_numbered(create)

    @classmethod
    def next_number(cls, round_):
        return next_number(cls.objects.filter(round=round_))

    SETTLEMENT_FIELDS = ["outcome", "justification", "worked_in_measure", "worked_in_chapter"]

    def settle(self, by, outcome, justification, worked_in_measure=None, worked_in_chapter=None,
               expected_revision=None, **log_data):
        """Record the official answer, in one transaction with the comment locked, and log it.

        Raises StaleEdit when the comment moved past `expected_revision` (someone else answered
        since the form was opened), ValidationError when the round is not being settled or the
        answer is incomplete.
        """
        with transaction.atomic():
            comment = Comment.locked(self.pk, expected_revision)
            if not CommentRound.objects.get(pk=comment.round_id).is_being_settled():
                raise ValidationError(_("The comments of this round cannot be settled now."))
            before = comment.tracked_values(self.SETTLEMENT_FIELDS)
            comment.outcome, comment.justification = outcome, justification
            comment.worked_in_measure, comment.worked_in_chapter = worked_in_measure, worked_in_chapter
            comment.settled_by, comment.settled_at = by, timezone.now()
            comment.full_clean(exclude=["round", "text", "name"])
            comment.save_change(by, update_fields=[*self.SETTLEMENT_FIELDS, "settled_by", "settled_at"])
            comment.log_change(by, "comment.settle", before=before, **log_data)
        self.refresh_from_db()

    def hide(self, by, reason):
        """Hide spam or an abusive comment from the public; the comment and the reason stay on record."""
        with transaction.atomic():
            comment = Comment.locked(self.pk)
            comment.is_hidden, comment.hidden_reason = True, reason
            comment.save_change(by, update_fields=["is_hidden", "hidden_reason"])
            comment.log_change(by, "comment.hide", reason=reason)
        self.refresh_from_db()

    def redact(self, by):
        """Remove the personal data from a comment that stays on record (e.g. a name in the text)."""
        with transaction.atomic():
            comment = Comment.locked(self.pk)
            comment.name = str(_("(removed)"))
            comment.organisation = ""
            comment.email = ""
            comment.publish_name = False
            comment.is_redacted = True
            comment.save_change(by, update_fields=["name", "organisation", "email", "publish_name", "is_redacted"])
            comment.log_change(by, "comment.redact")
        self.refresh_from_db()


class AnswerTemplate(TrackedChanges):
    """A justification the groups reuse, e.g. for comments outside the plan's scope."""

    title = models.CharField(_("title"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Comment.Outcome.choices)
    text = models.TextField(_("justification"))

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["title"]

    def __str__(self):
        return self.title


class SuggestionQuerySet(models.QuerySet):
    def resolved_public(self):
        return self.filter(status=Suggestion.Status.RESOLVED, is_public=True)


class Suggestion(PublicSubmission, TrackedChanges):
    """A podnět: anyone may suggest something (a missing service) at any time, outside rounds."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ROUTED = "routed", _("passed on")
        IN_PROGRESS = "in_progress", _("being dealt with")
        RESOLVED = "resolved", _("resolved")
        REJECTED = "rejected", _("not taken up")

    number = models.PositiveIntegerField(_("number"), unique=True, editable=False)
    text = models.TextField(_("suggestion"), max_length=10_000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    group = models.ForeignKey(Group, verbose_name=_("passed to group"), on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="suggestions")
    department = models.CharField(_("passed to department"), max_length=200, blank=True,
                                  help_text=_("A department of the municipal office, when not a working group."))
    resolution = models.TextField(_("how it was resolved"), blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    is_public = models.BooleanField(_("list publicly when resolved"), default=True)
    meeting = models.ForeignKey("groups.Meeting", verbose_name=_("raised at meeting"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="suggestions")

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-number"]

    def __str__(self):
        return f"{self.number}: {self.text[:60]}"

    def log_contexts(self):
        return [(Group, self.group_id)]

    def clean(self):
        if self.status == self.Status.RESOLVED and not self.resolution.strip():
            raise ValidationError({"resolution": _("Say how the suggestion was resolved.")})

    @classmethod
    def next_number(cls):
        return next_number(cls.objects.all())

    @classmethod
    def submit(cls, by=None, **fields):
        """File a suggestion under the next number; `by` is the member who entered it for someone
        (e.g. raised at a meeting), None when the public sent it."""

        def create():
            suggestion = cls.objects.create(number=cls.next_number(), **fields)
            log_action(suggestion, "suggestion.submit", by)
            return suggestion

        return create_numbered(create)

    DEALT_WITH = (Status.RESOLVED, Status.REJECTED)

    def note_status_change(self):
        """Stamp when the suggestion was dealt with, or clear the stamp when it is opened again; the
        caller saves it (the admin, in its locked transaction)."""
        if self.status in self.DEALT_WITH:
            self.resolved_at = self.resolved_at or timezone.now()
        else:
            self.resolved_at = None
