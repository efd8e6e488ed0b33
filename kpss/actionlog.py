"""The history the coordinator reads: who did what to which object and when, and within what.

Kept apart from kpss.models so that the conflict-safe saving (kpss.tracking), which the portal's
models build on, can log without importing them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        """What was done to `obj` itself."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
        ).select_related("user")

    def about(self, obj):
        """What was done to `obj` or within it: for a plan also its goals, measures, comment rounds,
        comments and versions; for a group what its members wrote and settled."""
        return self.filter(
            contexts__content_type=ContentType.objects.get_for_model(obj), contexts__object_id=obj.pk,
        ).select_related("user", "content_type")


class ActionLog(models.Model):
    """Who did what to which object and when: the history the coordinator reads.

    `data` holds what the action needs to be understood later, e.g. the changed fields with their
    old and new values, or the resolution a plan was approved by. Each entry also knows its
    contexts (ActionLogContext): the objects it concerns besides its subject, so the history of a
    plan or a group lists everything done within it.
    """

    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("record ID"))
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = ActionLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("history record")
        verbose_name_plural = _("history")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class ActionLogContext(models.Model):
    """An object a history entry belongs to: its subject, and e.g. the plan and the working group
    of a changed measure."""

    entry = models.ForeignKey(ActionLog, on_delete=models.CASCADE, related_name="contexts")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("history context")
        verbose_name_plural = _("history contexts")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "content_type", "object_id"], name="unique_log_context"),
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.content_type_id}/{self.object_id}"


def log_action(obj, action, user=None, **data):
    """Record an action on `obj` (pretix's log_action): call it inside the transaction that acts.

    The entry's contexts are `obj` and what its `log_contexts()` names, as (model, pk) pairs.
    """
    entry = ActionLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, action=action,
        user=user if user and user.is_authenticated else None, data=data,
    )
    named = getattr(obj, "log_contexts", list)()
    contexts = {(type(obj), obj.pk), *((model, pk) for model, pk in named if pk is not None)}
    ActionLogContext.objects.bulk_create([
        ActionLogContext(entry=entry, content_type=ContentType.objects.get_for_model(model), object_id=pk)
        for model, pk in contexts
    ])
    return entry
