"""Planning groups and the people in them: working groups by target group, the steering and
coordination groups, and the persons who sit in them, with or without a portal account."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpss.tracking import TrackedChanges


class GroupQuerySet(models.QuerySet):
    def active(self, day=None):
        """Groups at work on `day` (today): switched on, and within their from/to dates if they have any."""
        day = day or timezone.localdate()
        return self.filter(is_active=True).filter(
            Q(active_from__isnull=True) | Q(active_from__lte=day), Q(active_to__isnull=True) | Q(active_to__gte=day),
        )


class Group(TrackedChanges):
    """A working group (pracovní skupina), the steering group (řídící) or a coordination group."""

    class Kind(models.TextChoices):
        WORKING = "working", _("working group")
        STEERING = "steering", _("steering group")
        COORDINATION = "coordination", _("coordination group")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in URL"), max_length=200, unique=True)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True,
        help_text=_("Used in the numbers of the group's resolutions, e.g. “PS SEN” gives “PS SEN 3/2026”."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKING)
    target_groups = models.ManyToManyField(
        "kpss.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="planning_groups",
        help_text=_("Whom the group plans for, from the registry's code list."),
    )
    audience = models.CharField(
        _("whom it plans for, in words"), max_length=200, blank=True,
        help_text=_("E.g. seniors and those who care for them."),
    )
    territory = models.ForeignKey(
        "kpss.Territory", verbose_name=_("territory"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="planning_groups",
        help_text=_("Where the group works, when a plan covers several territories with a group each."),
    )
    description = models.TextField(_("description"), blank=True)
    public_contact = models.TextField(
        _("public contact"), blank=True, help_text=_("Whom the public can write to about the group's work."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active to"), null=True, blank=True)
    members = models.ManyToManyField(
        "groups.Person", through="Membership", through_fields=("group", "person"),
        related_name="planning_groups", verbose_name=_("members"),
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        """The group as resolution numbers and tight spaces name it: its abbreviation, or its name."""
        return self.abbreviation or self.name


class Person(TrackedChanges):
    """Someone who sits in a group or comes to its meetings. Many service users never sign in:
    a person needs no portal account, only a name."""

    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("portal account"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def contact_email(self):
        """Where the portal writes to them: their own e-mail, else their account's."""
        return self.email or (self.user.email if self.user_id else "")

    @classmethod
    def for_user(cls, user):
        """The person of a portal account, made from the account's name on first need."""
        person, _created = cls.objects.get_or_create(user=user, defaults={
            "name": user.get_full_name() or user.username, "email": user.email,
        })
        return person


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        """Seats that carry rights on `day` (today): in an active group, within the seat's dates."""
        day = day or timezone.localdate()
        return self.filter(
            group__in=Group.objects.active(day),
        ).filter(Q(starts_on__isnull=True) | Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Membership(TrackedChanges):
    """A person's seat in a group, with the position held and the side of the planning triad.

    Leaving a group ends the seat (`ends_on`); the person stays in the attendance and minutes of
    the meetings they were at.
    """

    class Position(models.TextChoices):
        CHAIR = "chair", _("chair")
        DEPUTY = "deputy", _("deputy chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    class TriadRole(models.TextChoices):
        COMMISSIONER = "commissioner", _("commissioner (municipality)")
        PROVIDER = "provider", _("service provider")
        USER = "user", _("service user")
        PUBLIC = "public", _("public")

    # Who plans the group's meetings, keeps and approves its minutes.
    RECORDING_POSITIONS = (Position.CHAIR, Position.DEPUTY, Position.SECRETARY)

    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.MEMBER)
    triad_role = models.CharField(_("triad role"), max_length=20, choices=TriadRole.choices, blank=True)
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("Whom the person represents in this group."),
    )
    starts_on = models.DateField(_("member from"), null=True, blank=True)
    ends_on = models.DateField(_("member to"), null=True, blank=True)
    # Membership of a group for, say, addiction services can reveal health data (GDPR art. 9).
    publish_name = models.BooleanField(
        _("name may be published"), default=False,
        help_text=_("The member agreed to have their name listed on the public pages."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "position", "person__name"]

    def __str__(self):
        return f"{self.person} – {self.group}"

    @property
    def user(self):
        """The person's portal account, if they have one."""
        return self.person.user

    @property
    def records_meetings(self):
        return self.position in self.RECORDING_POSITIONS
