"""Plans and their strategy: midterm and action plans, chapters, the priority → goal → measure →
activity tree, analyses (SWOT, documents), the lifecycle and its frozen versions."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from groups.access import is_steering_member
from groups.models import Group
from kpss import country
from kpss.country import Country
from kpss.files import FileTypeValidator, UnguessablePath
from kpss.models import ServiceType, TargetGroup, Territory, log_action, of_the_country
from kpss.numbers import DecimalField
from kpss.tracking import TrackedChanges, display
from planning.versions import snapshot


class PlanQuerySet(models.QuerySet):
    def public(self):
        """Plans the public may read: everything past the internal draft."""
        return self.exclude(status=Plan.Status.DRAFT)

    def midterm(self):
        return self.filter(kind=Plan.Kind.MIDTERM)

    def area_codes(self):
        """The ČSÚ codes of the municipalities in the area of any of these plans (each plan's
        territories without those it leaves out), or None when none of them has a territory. A
        query a plan: a portal has a few."""
        plans = list(self.filter(territories__isnull=False).distinct())
        if not plans:
            return None
        codes = set()
        for plan in plans:
            codes |= set(plan.covered_municipalities().exclude(code="").values_list("code", flat=True))
        return codes

    def with_successor_start(self):
        """Each plan with the day the plan replacing it comes into force (`successor_starts`), or None."""
        return self.annotate(successor_starts=models.Min(
            "superseded_by__valid_from", filter=models.Q(superseded_by__status=Plan.Status.IN_FORCE),
        ))

    def in_force_on(self, day):
        """Plans in force on `day`: put in force, within their validity, and not yet replaced."""
        return self.with_successor_start().filter(
            status=Plan.Status.IN_FORCE, valid_from__lte=day, valid_to__gte=day,
        ).filter(models.Q(successor_starts__isnull=True) | models.Q(successor_starts__gt=day))


@dataclass(frozen=True)
class Transition:
    """One step of a plan's lifecycle: from which states, to which, what it records and freezes."""

    name: str
    label: str
    sources: tuple
    target: str
    fields: tuple = ()
    links: tuple = ()  # optional fields the step may record besides, e.g. the resolution that made it
    freezes: str = ""
    steering_may: bool = False  # members of the steering group may record this step themselves
    opens_comment_round: bool = False  # the step's page also opens the round that takes the comments


class Plan(TrackedChanges):
    """A střednědobý plán (midterm, usually 3 years) or an akční plán (one year of a midterm plan)."""

    class Kind(models.TextChoices):
        MIDTERM = "midterm", _("midterm plan")
        ACTION = "action", _("action plan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        COMMENTS = "comments", _("open for comments")
        SETTLING = "settling", _("settling comments")
        STEERING_APPROVED = "steering_approved", _("approved by the steering group")
        COUNCIL_APPROVED = "council_approved", _("approved by the approving bodies")
        IN_FORCE = "in_force", _("in force")
        ARCHIVED = "archived", _("archived")

    class Phase(models.TextChoices):
        PREPARATORY = "preparatory", _("preparatory phase")
        ANALYTICAL = "analytical", _("analytical phase")
        STRATEGIC = "strategic", _("strategic phase")
        IMPLEMENTATION = "implementation", _("implementation phase")

    # Not a stored status: a plan put in force before its validity begins (Plan.current_status).
    COMING = "coming"
    COMING_LABEL = _("approved, comes into force later")

    EDITABLE_STATUSES = (Status.DRAFT, Status.SETTLING)
    IN_PREPARATION_STATUSES = (Status.SETTLING, Status.STEERING_APPROVED, Status.COUNCIL_APPROVED)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MIDTERM)
    midterm_plan = models.ForeignKey(
        "self", verbose_name=_("midterm plan"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="action_plans", limit_choices_to={"kind": Kind.MIDTERM},
        help_text=_("The midterm plan an action plan implements."),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address in URL"), max_length=120, unique=True)
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), related_name="plans", blank=True,
        help_text=_("What the plan covers: municipalities, ORPs, regions, unions of municipalities."))
    excluded_territories = models.ManyToManyField(
        Territory, verbose_name=_("territories left out"), related_name="plans_leaving_out", blank=True,
        help_text=_("Their municipalities are not covered even where the territories above include them "
                    "(they make a plan of their own)."))
    year_from = models.PositiveSmallIntegerField(_("first year"))
    year_to = models.PositiveSmallIntegerField(_("last year"))
    summary = models.TextField(_("summary"), blank=True, help_text=_("A few sentences for the list of plans."))
    phase = models.CharField(_("current phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATORY)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    supersedes = models.ForeignKey(
        "self", verbose_name=_("replaces plan"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="superseded_by", help_text=_("The previous plan; it is archived when this one comes into force."),
    )
    steering_resolution = models.CharField(
        _("steering group resolution"), max_length=100, blank=True, editable=False,
    )
    steering_approved_on = models.DateField(
        _("approved by the steering group on"), null=True, blank=True, editable=False,
    )
    # The resolution as the portal keeps it, when the steering group's minutes are kept here; the
    # text above stays, for resolutions passed before the portal and for the frozen versions.
    approving_resolution = models.ForeignKey(
        "groups.Resolution", verbose_name=_("resolution of the steering group"), on_delete=models.PROTECT,
        null=True, blank=True, editable=False, related_name="approved_plans",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True, editable=False)
    valid_to = models.DateField(_("valid to"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    TRANSITIONS = {
        t.name: t for t in [
            Transition("open_for_comments", _("Open for public comments"), (Status.DRAFT,), Status.COMMENTS,
                       freezes="comments", opens_comment_round=True),
            Transition("close_comments", _("Close comments and start settling them"), (Status.COMMENTS,),
                       Status.SETTLING),
            Transition("approve_by_steering", _("Record approval by the steering group"), (Status.SETTLING,),
                       Status.STEERING_APPROVED, ("steering_resolution", "steering_approved_on"),
                       links=("approving_resolution",), freezes="approval", steering_may=True),
            # Taken by itself once every approving body approved the version under approval
            # (planning.services.record_decision); taken here, it is the coordinator's exception.
            Transition("approve_by_council", _("Approve without the remaining bodies"), (Status.STEERING_APPROVED,),
                       Status.COUNCIL_APPROVED, freezes="approved"),
            Transition("put_in_force", _("Put in force"), (Status.COUNCIL_APPROVED,), Status.IN_FORCE,
                       ("valid_from", "valid_to")),
            Transition("archive", _("Archive"), (Status.COUNCIL_APPROVED, Status.IN_FORCE), Status.ARCHIVED),
        ]
    }

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year_from", "kind", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning:plan_detail", args=[self.slug])

    # A Slovak municipality makes a komunitný plán sociálnych služieb (448/2008 Z. z., § 83) where a
    # Czech one makes a střednědobý plán: the same document, named by the country's law.
    COUNTRY_KIND_LABELS = {(Country.SK, Kind.MIDTERM): _("community plan of social services")}

    @classmethod
    def kind_label(cls, kind):
        return cls.COUNTRY_KIND_LABELS.get((country.current(), kind)) or cls.Kind(kind).label

    def get_kind_display(self):
        return self.kind_label(self.kind)

    def set_area(self, territories, left_out=()):
        """Cover `territories` without the municipalities of `left_out`."""
        self.territories.set(territories)
        self.excluded_territories.set(left_out)

    def covered_municipalities(self):
        """The municipalities of the plan's area (its territories without those it leaves out), by name."""
        return Territory.objects.area(Territory.objects.filter(plans=self),
                                      Territory.objects.filter(plans_leaving_out=self)).order_by("name", "code")

    @property
    def period(self):
        if self.year_from == self.year_to:
            return str(self.year_from)
        return f"{self.year_from}–{self.year_to}"

    def clean(self):
        errors = {}
        if self.year_from and self.year_to and self.year_to < self.year_from:
            errors["year_to"] = _("The last year cannot come before the first year.")
        if self.kind == self.Kind.ACTION and not self.midterm_plan_id:
            errors["midterm_plan"] = _("An action plan belongs to a midterm plan.")
        if self.kind == self.Kind.MIDTERM and self.midterm_plan_id:
            errors["midterm_plan"] = _("Only an action plan belongs to a midterm plan.")
        if self.kind == self.Kind.ACTION and self.midterm_plan_id and self.year_from:
            midterm = self.midterm_plan
            if not midterm.year_from <= self.year_from <= self.year_to <= midterm.year_to:
                errors["year_from"] = _("An action plan's years must lie within its midterm plan (%(period)s).") % {
                    "period": midterm.period,
                }
        if errors:
            raise ValidationError(errors)

    # --- lifecycle -------------------------------------------------------------------------

    def is_editable(self):
        """Working groups change the strategy only in a draft or while settling comments."""
        return self.status in self.EDITABLE_STATUSES

    def is_public(self):
        return self.status != self.Status.DRAFT

    def current_status(self, day=None):
        """The status as it stands on `day` (today): a plan put in force is in force only from its
        `valid_from` to its `valid_to`. Before, it is approved and coming (COMING); after, or from the
        day the plan replacing it comes into force, it is archived.

        Computed rather than stored, so no daily job has to flip it on the right day, and a list
        read at any moment is right.
        """
        if self.status != self.Status.IN_FORCE:
            return self.status
        day = day or timezone.localdate()
        if self.valid_from and day < self.valid_from:
            return self.COMING
        successor_starts = self.successor_start()
        if (self.valid_to and day > self.valid_to) or (successor_starts and successor_starts <= day):
            return self.Status.ARCHIVED
        return self.Status.IN_FORCE

    def get_current_status_display(self):
        status = self.current_status()
        return self.COMING_LABEL if status == self.COMING else self.Status(status).label

    def successor_start(self):
        """The day the plan replacing this one comes into force (annotated by `with_successor_start`)."""
        if not hasattr(self, "successor_starts"):
            self.successor_starts = self.superseded_by.filter(status=self.Status.IN_FORCE).aggregate(
                first=models.Min("valid_from"))["first"]
        return self.successor_starts

    def available_transitions(self):
        return [t for t in self.TRANSITIONS.values() if self.status in t.sources]

    def may_transition(self, user, transition):
        if not user.is_authenticated:
            return False
        if user.is_coordinator:
            return True
        return transition.steering_may and is_steering_member(user)

    def transition_problems(self, transition, values=None, note=""):
        """What stops `transition` with these field values, as messages for the user.

        Without `values` (the step's page before its form is filled in) only what does not depend
        on them is checked. `note` is the reason the coordinator gives for an exception.
        """
        problems = []
        if self.status not in transition.sources:
            problems.append(_("The plan is “%(status)s”; this step is not possible now.") % {
                "status": self.get_status_display(),
            })
            return problems
        given = values is not None
        values = values or {}
        missing = [self._meta.get_field(name).verbose_name for name in transition.fields if not values.get(name)]
        if missing and given:
            problems.append(_("Fill in: %(fields)s.") % {"fields": ", ".join(str(name) for name in missing)})
        today = timezone.localdate()
        if transition.name == "open_for_comments":
            if not self.measures.exists():
                problems.append(_("The plan has no measures yet, so there is nothing to comment on."))
            if not self.chapters.exists():
                problems.append(_("The plan has no chapters yet."))
        if transition.name == "close_comments":
            for round_ in self.comment_rounds.open_now():
                problems.append(_("The comment round “%(round)s” is open until %(closes)s.") % {
                    "round": round_.title,
                    "closes": date_format(timezone.localtime(round_.closes_at), "DATETIME_FORMAT"),
                })
        if transition.name == "approve_by_steering":
            for round_ in self.comment_rounds.filter(settlement_published_at=None):
                problems.append(_("The settlement of the comment round “%(round)s” is not published yet.") % {
                    "round": round_.title,
                })
        if values.get("steering_approved_on") and values["steering_approved_on"] > today:
            problems.append(_("The date of a resolution cannot be in the future."))
        if transition.name == "approve_by_council":
            problems += self._approval_problems(given, note)
        if values.get("valid_from") and values.get("valid_to") and values["valid_to"] < values["valid_from"]:
            problems.append(_("The plan cannot stop being valid before it starts."))
        return problems

    def transition(self, name, by, note="", **values):
        """Take lifecycle step `name` as user `by`: check, record, freeze a version, log it.

        Raises ValidationError with the reasons when the step is not possible now.
        """
        transition = self.TRANSITIONS[name]
        with transaction.atomic():
            plan = Plan.objects.select_for_update().get(pk=self.pk)
            if not plan.may_transition(by, transition):
                raise ValidationError(_("You may not take this step."))
            problems = plan.transition_problems(transition, values, note)
            if problems:
                raise ValidationError(problems)
            previous_status = plan.status
            for field in transition.fields:
                setattr(plan, field, values[field])
            for field in transition.links:
                setattr(plan, field, values.get(field))
            plan.status = transition.target
            if transition.target == self.Status.IN_FORCE:
                plan.phase = self.Phase.IMPLEMENTATION
            plan.save(update_fields=[*transition.fields, *transition.links, "status", "phase", "updated_at"])
            version = PlanVersion.freeze(plan, transition.freezes, by) if transition.freezes else None
            exception = {}
            if name == "approve_by_council" and note.strip():  # without a reason, every body approved
                from planning.approvals import approval_progress

                missing = [body.name for body in approval_progress(plan).missing]
                exception = {"without_bodies": missing} if missing else {}
            log_action(
                plan, f"plan.{name}", by, from_status=previous_status, to_status=plan.status, note=note, **exception,
                values={field: str(values[field]) for field in transition.fields},
                **{field: values[field].pk for field in transition.links if values.get(field)},
                version=version.number if version else None,
            )
        self.refresh_from_db()
        return version

    def _approval_problems(self, given, note):
        """Every approving body must have approved the version under approval, unless the
        coordinator gives the reason for an exception (logged with the bodies that did not)."""
        from planning.approvals import approval_progress

        progress = approval_progress(self)
        if progress.complete:
            return []
        if not progress.bodies:
            situation = _("The plan names no approving bodies.")
        else:
            situation = ngettext("Approved by %(approved)s of %(required)s body; waiting for: %(missing)s.",
                                 "Approved by %(approved)s of %(required)s bodies; waiting for: %(missing)s.",
                                 progress.required) % {
                "approved": progress.approved, "required": progress.required,
                "missing": ", ".join(body.name for body in progress.missing)}
        if given and note.strip():
            return []
        return [" ".join([str(situation), str(_("To approve the plan without them, give the reason in the note."))])]

    def return_for_changes(self, by, decision):
        """An approving body rejected the plan: it goes back to settling, where the groups change
        it, and the steering group approves a new version for every body to decide on again."""
        with transaction.atomic():
            plan = Plan.objects.select_for_update().get(pk=self.pk)
            if plan.status != self.Status.STEERING_APPROVED:
                raise ValidationError(_("Only a plan awaiting approval can be returned for changes."))
            plan.status = self.Status.SETTLING
            plan.save(update_fields=["status", "updated_at"])
            log_action(plan, "plan.returned_for_changes", by, from_status=self.Status.STEERING_APPROVED,
                       to_status=plan.status, body=decision.body.name, resolution_number=decision.resolution_number,
                       note=decision.note)
        self.refresh_from_db()

    # --- numbering -------------------------------------------------------------------------

    def move_item(self, item, up, by):
        """Move a goal, measure or activity of this plan one place up or down among its siblings,
        renumber the plan and log the move; the siblings stay locked until it is done."""
        model = type(item)
        parent = {model.parent_field: getattr(item, f"{model.parent_field}_id")}
        with transaction.atomic():
            siblings = list(model.objects.select_for_update().filter(**parent).order_by("position", "pk"))
            index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
            other = index - 1 if up else index + 1
            if not 0 <= other < len(siblings):
                return
            siblings[index], siblings[other] = siblings[other], siblings[index]
            for position, sibling in enumerate(siblings, start=1):
                sibling.position = position
            model.objects.bulk_update(siblings, ["position"])
            old_code = item.code
            self.renumber()
            item.refresh_from_db(fields=["code"])
            log_action(item, f"{model._meta.model_name}.move", by, old_code=old_code, new_code=item.code)

    def renumber(self):
        """Number the strategy tree 1, 1.2, 1.2.3, 1.2.3.4 in the order the positions give.

        Positions are closed up to 1..n under each parent, so moving or deleting an item renumbers
        everything after it.
        """
        changed = {Priority: [], Goal: [], Measure: [], Activity: []}

        def number(items, parent_code):
            for position, item in enumerate(items, start=1):
                code = f"{parent_code}.{position}" if parent_code else str(position)
                if (item.position, item.code) != (position, code):
                    item.position, item.code = position, code
                    changed[type(item)].append(item)

        priorities = list(self.priorities.order_by("position", "pk"))
        goals = _by_parent(Goal.objects.filter(plan=self).order_by("position", "pk"), "priority_id")
        measures = _by_parent(Measure.objects.filter(plan=self).order_by("position", "pk"), "goal_id")
        activities = _by_parent(Activity.objects.filter(measure__plan=self).order_by("position", "pk"), "measure_id")
        number(priorities, "")
        for priority in priorities:
            number(goals.get(priority.pk, []), priority.code)
            for goal in goals.get(priority.pk, []):
                number(measures.get(goal.pk, []), goal.code)
                for measure in measures.get(goal.pk, []):
                    number(activities.get(measure.pk, []), measure.code)
        for model, items in changed.items():
            model.objects.bulk_update(items, ["position", "code"])


def _by_parent(queryset, parent_field):
    grouped = {}
    for item in queryset:
        grouped.setdefault(getattr(item, parent_field), []).append(item)
    return grouped


class PlanPhase(models.Model):
    """When a phase of making the plan ran (or is to run): the timeline on the plan page."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=20, choices=Plan.Phase.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    description = models.CharField(_("what happens"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on"]
        constraints = [models.UniqueConstraint(fields=["plan", "phase"], name="unique_plan_phase")]

    def __str__(self):
        return self.get_phase_display()

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A phase cannot end before it starts.")})


class Chapter(models.Model):
    """A chapter of the plan's text, in Markdown, in the order the plan reads."""

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("introduction")
        CURRENT_STATE = "current_state", _("current state")
        PROCESS = "process", _("how the plan was made")
        EVALUATION = "evaluation", _("evaluation of the previous plan")
        ANALYSES = "analyses", _("analyses")
        STRATEGY = "strategy", _("strategy")
        FINANCING = "financing", _("financing")
        MONITORING = "monitoring", _("implementation and monitoring")
        ANNEX = "annex", _("annex")
        OTHER = "other", _("other")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), blank=True,
        help_text=_("Markdown: a blank line starts a paragraph, ## a heading, - a list item, **bold**."),
    )

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Priority(TrackedChanges):
    """A priority of the plan: the top of the strategy tree."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    def log_contexts(self):
        return [(Plan, self.plan_id)]


class Goal(TrackedChanges):
    """A goal (cíl) of a priority, owned by one working group."""

    parent_field = "priority"  # what it is ordered within (Plan.move_item)

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals",
                             editable=False)
    priority = models.ForeignKey(Priority, verbose_name=_("priority"), on_delete=models.CASCADE, related_name="goals")
    group = models.ForeignKey(Group, verbose_name=_("working group"), on_delete=models.PROTECT, related_name="goals")
    position = models.PositiveIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    def log_contexts(self):
        return [(Plan, self.plan_id), (Group, self.group_id)]

    def save(self, *args, **kwargs):
        self.plan_id = self.priority.plan_id
        super().save(*args, **kwargs)


class FundingSource(TrackedChanges):
    """Where the money for a measure comes from: a short code list kept as data."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MeasureQuerySet(models.QuerySet):
    def for_table(self):
        """Everything a measure's page or version shows, in a constant number of queries."""
        return self.select_related("group").prefetch_related(
            models.Prefetch("target_groups", queryset=TargetGroup.objects.only("name", "order")),
            models.Prefetch("funding_sources", queryset=FundingSource.objects.only("name", "order")),
        )


def with_labels(measures):
    """Set on each of `measures` its `target_group_list` and `funding_source_list`, in their models'
    order, read in one query for both (where `for_table` prefetches them in two): the plan's page
    shows them in its measure table and filters, within its budget of queries."""
    through = {TargetGroup: Measure.target_groups.through, FundingSource: Measure.funding_sources.through}
    columns = {model: [f"{model._meta.model_name}_id", f"{model._meta.model_name}__name",
                       f"{model._meta.model_name}__order"] for model in through}
    kinds = list(through)
    rows = [through[model].objects.filter(measure__in=measures).values_list(
        "measure_id", *columns[model], models.Value(index, output_field=models.IntegerField()))
        for index, model in enumerate(kinds)]
    labels = {}
    for measure_id, pk, name, order, kind in rows[0].union(*rows[1:], all=True):
        labels.setdefault((measure_id, kind), []).append(kinds[kind](pk=pk, name=name, order=order))
    for measure in measures:
        measure.target_group_list, measure.funding_source_list = (
            sorted(labels.get((measure.pk, index), []), key=lambda label: (label.order, label.name))
            for index in range(len(kinds)))
    return measures


class Measure(TrackedChanges):
    """An opatření: what the plan will do, with the columns regional templates use."""

    parent_field = "goal"  # what it is ordered within (Plan.move_item)

    class ServiceForm(models.TextChoices):
        RESIDENTIAL = "pob", _("residential")
        OUTPATIENT = "amb", _("outpatient")
        FIELD = "ter", _("field")

    class CapacityUnit(models.TextChoices):
        BEDS = "beds", _("beds")
        CLIENTS = "clients", _("clients")
        CONTACTS = "contacts", _("contacts")
        INTERVENTIONS = "interventions", _("interventions")
        CALLS = "calls", _("calls")
        HOURS = "hours", _("hours of care")
        WORKERS = "workers", _("worker positions (FTE)")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="measures",
                             editable=False)
    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="measures")
    group = models.ForeignKey(
        Group, verbose_name=_("working group"), on_delete=models.PROTECT, related_name="measures",
    )
    implements = models.ForeignKey(
        "self", verbose_name=_("implements measure"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="implemented_by", help_text=_("In an action plan: the midterm plan's measure this carries out."),
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    rationale = models.TextField(_("rationale"), blank=True, help_text=_("Why: the need the measure answers."))
    swot_items = models.ManyToManyField(
        "SwotItem", verbose_name=_("answers SWOT items"), blank=True, related_name="measures",
    )
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True,
                                           related_name="measures")
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service type"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="measures", limit_choices_to=of_the_country,
    )
    service_form = models.CharField(_("form of service"), max_length=3, choices=ServiceForm.choices, blank=True)
    capacity_change = models.IntegerField(
        _("capacity change"), null=True, blank=True, help_text=_("Positive to add capacity, negative to reduce it."),
    )
    capacity_unit = models.CharField(_("capacity unit"), max_length=20, choices=CapacityUnit.choices, blank=True)
    responsible = models.CharField(_("responsible (garant)"), max_length=200, blank=True)
    implementer = models.CharField(_("implementer"), max_length=300, blank=True)
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    year_from = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    annual_cost = DecimalField(
        _("estimated cost per year (CZK)"), max_digits=12, decimal_places=0, null=True, blank=True,
    )
    funding_sources = models.ManyToManyField(FundingSource, verbose_name=_("funding sources"), blank=True,
                                             related_name="measures")
    expected_outputs = models.TextField(_("expected outputs"), blank=True)
    weight = DecimalField(
        _("weight in the evaluation"), max_digits=5, decimal_places=2, default=1,
        help_text=_("How much the measure counts in its goal's and priority's fulfilment; 0 leaves it out."),
    )

    objects = MeasureQuerySet.as_manager()

    # What a user edits and what a frozen version keeps, in the order the measure page shows them.
    TEXT_FIELDS = ("title", "description", "rationale", "responsible", "implementer", "partners", "expected_outputs")

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    def save(self, *args, **kwargs):
        self.plan_id = self.goal.plan_id
        if not self.group_id:
            self.group_id = self.goal.group_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("planning:measure_detail", args=[self.plan.slug, self.pk])

    def log_contexts(self):
        return [(Plan, self.plan_id), (Group, self.group_id)]

    def related_tracked_values(self):
        """The indicators are edited with the measure, so they belong to its history."""
        indicators = "; ".join(
            f"{i.name}: {display(i.baseline)} → {display(i.target)} {i.unit}" for i in self.indicators.all()
        )
        return {"indicators": (_("indicators"), indicators)}

    def clean(self):
        errors = {}
        if self.year_from and self.year_to and self.year_to < self.year_from:
            errors["year_to"] = _("The last year cannot come before the first year.")
        if self.capacity_change and not self.capacity_unit:
            errors["capacity_unit"] = _("Say what the capacity is counted in.")
        if self.annual_cost is not None and self.annual_cost < 0:
            errors["annual_cost"] = _("A cost cannot be negative.")
        if self.weight is not None and self.weight < 0:
            errors["weight"] = _("A weight cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @property
    def timeframe(self):
        if self.year_from and self.year_to and self.year_from != self.year_to:
            return f"{self.year_from}–{self.year_to}"
        return str(self.year_from or self.year_to or "")


class Indicator(models.Model):
    """How the measure's success is measured: name, unit, baseline and target value."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    target = DecimalField(_("target value"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class Activity(TrackedChanges):
    """An aktivita: a concrete step of a measure."""

    parent_field = "measure"  # what it is ordered within (Plan.move_item)

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE,
                                related_name="activities")
    position = models.PositiveIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    timeframe = models.CharField(
        _("timeframe"), max_length=100, blank=True, help_text=_("E.g. 2025 or 2nd half of 2025."),
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    def log_contexts(self):
        return [(Measure, self.measure_id), (Plan, self.measure.plan_id), (Group, self.measure.group_id)]


class SwotItem(TrackedChanges):
    """One line of a working group's SWOT analysis."""

    class Kind(models.TextChoices):
        STRENGTH = "S", _("strength")
        WEAKNESS = "W", _("weakness")
        OPPORTUNITY = "O", _("opportunity")
        THREAT = "T", _("threat")

        @property
        def heading(self):
            """The heading of this quadrant of a SWOT analysis: the plural, "Silné stránky"."""
            return SWOT_HEADINGS[self]

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="swot_items")
    group = models.ForeignKey(Group, verbose_name=_("working group"), on_delete=models.PROTECT,
                              related_name="swot_items")
    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices)
    position = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("text"), max_length=500)

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["group", "kind", "position", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    def log_contexts(self):
        return [(Plan, self.plan_id), (Group, self.group_id)]


SWOT_HEADINGS = {
    SwotItem.Kind.STRENGTH: _("Strengths"),
    SwotItem.Kind.WEAKNESS: _("Weaknesses"),
    SwotItem.Kind.OPPORTUNITY: _("Opportunities"),
    SwotItem.Kind.THREAT: _("Threats"),
}


class AnalysisDocument(models.Model):
    """An analysis the plan rests on, uploaded as a file with a summary for the plan page."""

    class Kind(models.TextChoices):
        SOCIODEMOGRAPHIC = "sociodemographic", _("socio-demographic analysis")
        PROVIDERS = "providers", _("analysis of providers")
        RESOURCES = "resources", _("analysis of resources")
        USER_NEEDS = "user_needs", _("survey of user needs")
        OTHER = "other", _("other analysis")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="analyses")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to=UnguessablePath("analyses"), max_length=255, validators=[FileTypeValidator("documents")],
    )
    summary = models.TextField(_("summary"), blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("analysis document")
        verbose_name_plural = _("analysis documents")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_download_url(self):
        return reverse("planning:analysis_download", args=[self.plan.slug, self.pk])


class PlanVersion(models.Model):
    """The whole plan frozen at a publication: for comments, for approval, or the approved text.

    Never changed after it is made; pages and PDFs of a version render from `snapshot` alone.
    """

    class Reason(models.TextChoices):
        COMMENTS = "comments", _("draft for public comments")
        APPROVAL = "approval", _("proposal for approval")
        APPROVED = "approved", _("approved plan")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    reason = models.CharField(_("published as"), max_length=20, choices=Reason.choices)
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("published"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"),
                                   on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")]

    def __str__(self):
        return f"{self.plan} – {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A published version cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("planning:version_detail", args=[self.plan.slug, self.number])

    def log_contexts(self):
        return [(Plan, self.plan_id)]

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A published version cannot be deleted."))

    @classmethod
    def freeze(cls, plan, reason, by):
        """Freeze the plan as it is now; call inside the transaction that publishes it."""
        last = cls.objects.filter(plan=plan).aggregate(models.Max("number"))["number__max"] or 0
        return cls.objects.create(plan=plan, number=last + 1, reason=reason, snapshot=snapshot(plan), created_by=by)
