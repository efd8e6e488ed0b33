"""Planning groups: working groups by target group, the steering group, and who sits in them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpss.tracking import TrackedChanges


class GroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Group(TrackedChanges):
    """A working group (pracovní skupina), the steering group (řídící) or a coordination group."""

    class Kind(models.TextChoices):
        WORKING = "working", _("working group")
        STEERING = "steering", _("steering group")
        COORDINATION = "coordination", _("coordination group")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in URL"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKING)
    target_group = models.CharField(
        _("target group"), max_length=200, blank=True,
        help_text=_("Whom the group plans for, e.g. seniors, families with children."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", through_fields=("group", "user"),
        related_name="planning_groups", verbose_name=_("members"),
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self):
        """Memberships that carry rights now: only an active group's seats do."""
        return self.filter(group__is_active=True)


class Membership(TrackedChanges):
    """A user's seat in a group, with the position held and the side of the planning triad."""

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

    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships",
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.MEMBER)
    triad_role = models.CharField(_("triad role"), max_length=20, choices=TriadRole.choices, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # Membership of a group for, say, addiction services can reveal health data (GDPR art. 9).
    publish_name = models.BooleanField(
        _("name may be published"), default=False,
        help_text=_("The member agreed to have their name listed on the public pages."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "position", "user__last_name"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="unique_group_member")]

    def __str__(self):
        return f"{self.user} – {self.group}"
