"""Saving what people edit without ever silently overwriting someone else's save.

Every row people edit (on staff pages or in the admin) has a revision number. A form carries the
revision the user opened; the save locks the row and refuses when the row has moved on since, and
the user sees who changed what in between (from the action log) with everything they typed kept.
Changes made outside the edit forms (moderation, bulk answers, admin saves) move the revision on
too, so a form opened before them is refused rather than applied over them.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kpss.actionlog import ActionLog, log_action


@dataclass
class Conflict:
    """Someone else saved the row after the user opened it."""

    current_revision: int
    changes: list = field(default_factory=list)  # ActionLog rows newer than the user's revision

    def describe(self):
        """The changes as one line of text per save, for places that show text only (the admin)."""
        lines = []
        for entry in self.changes:
            labels = entry.data.get("labels", {})
            fields = "; ".join(
                f"{labels.get(name, name)}: „{old or '–'}“ → „{new or '–'}“"
                for name, (old, new) in entry.data.get("changes", {}).items()
            ) or entry.data.get("summary", "")
            who = entry.user or gettext("unknown user")
            lines.append(f"{who}, {date_format(entry.created_at, 'DATETIME_FORMAT')}: {fields}".rstrip(": "))
        return lines


class StaleEdit(Exception):
    """A save started from an older revision than the row now has."""

    def __init__(self, conflict):
        super().__init__("The row was changed by someone else in the meantime.")
        self.conflict = conflict


def display(value):
    """A field value as the text the history shows."""
    if value is None:
        return ""
    if isinstance(value, models.QuerySet | list | tuple | set):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


class TrackedChanges(models.Model):
    """A row people edit: its revision guards against silent overwrites (see the module's docstring)."""

    revision = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )

    class Meta:
        abstract = True

    def related_tracked_values(self):
        """Values of related rows that are edited with this one and belong to its history, as
        {name: (label, text)}: e.g. a measure's indicators. Models override it."""
        return {}

    def tracked_values(self, names, related=None):
        """The row's fields `names` and its related tracked values as text, for the history;
        `related` is related_tracked_values() when the caller has it already."""
        if related is None:
            related = self.related_tracked_values() if self.pk else {}
        values = {name: text for name, (_label, text) in related.items()}
        for name in names:
            model_field = self._meta.get_field(name)
            if model_field.many_to_many:
                values[name] = display(getattr(self, name).all()) if self.pk else ""
            elif model_field.choices:
                values[name] = display(getattr(self, f"get_{name}_display")())
            else:
                values[name] = display(getattr(self, name))
        return values

    @classmethod
    def locked(cls, pk, expected_revision=None):
        """The row `pk` locked until the transaction ends; StaleEdit when it has moved past
        `expected_revision` (None: the caller does not edit from a form, any revision will do)."""
        current = cls._default_manager.select_for_update().get(pk=pk)
        if expected_revision is not None and expected_revision != current.revision:
            raise StaleEdit(current.conflict_since(expected_revision))
        return current

    def conflict_since(self, revision):
        entries = ActionLog.objects.for_object(self).filter(data__revision__gt=revision or 0).order_by("created_at")
        return Conflict(self.revision, list(entries))

    def save_change(self, by, update_fields=None):
        """Save a change with the revision moved on, so an edit begun before it is refused."""
        self.revision += 1
        self.updated_by = by if by and by.is_authenticated else None
        if update_fields is not None:
            update_fields = [*update_fields, "revision", "updated_by", "updated_at"]
        self.save(update_fields=update_fields)

    def log_change(self, by, action, before=None, names=None, **data):
        """Log the change just saved: the fields `names` (by default those of `before`) whose text
        differs from `before`, old and new, and the revision, which is how a refused editor finds
        what happened since."""
        if before is not None:
            related = self.related_tracked_values()
            if names is None:
                names = [name for name in before if name not in related]
            after = self.tracked_values(names, related)
            changes = {name: [before.get(name, ""), new] for name, new in after.items() if before.get(name, "") != new}
            labels = {name: str(related[name][0] if name in related else self._meta.get_field(name).verbose_name)
                      for name in changes}
            data.update(changes=changes, labels=labels)
        return log_action(self, action, by, revision=self.revision, **data)


def save_tracked(form, user, formsets=(), action_prefix=None):
    """Save a form of a TrackedChanges row (and its inline formsets) atomically, or return the
    Conflict when the row moved on since the form was opened (the form's `revision` field).

    New rows are simply created. The log records the changed fields with old and new values,
    which is also what a later conflicting editor is shown.
    """
    instance = form.instance
    prefix = action_prefix or instance._meta.model_name
    names = [name for name in form._meta.fields if name in form.fields]
    with transaction.atomic():
        created = instance.pk is None
        if created:
            before = {}
            instance.updated_by = user
            obj = form.save(commit=False)
            obj.save()
        else:
            try:
                current = type(instance).locked(instance.pk, form.cleaned_data.get("revision"))
            except StaleEdit as stale:
                return stale.conflict
            before = current.tracked_values(names)
            instance.revision = current.revision
            obj = form.save(commit=False)
            obj.save_change(user)
        form.save_m2m()
        for formset in formsets:
            formset.instance = obj
            formset.save()
        obj.log_change(user, f"{prefix}.{'create' if created else 'change'}", before=before, names=names)
    return None


def form_after_conflict(form, conflict, **form_kwargs):
    """The refused form again, with everything the user typed, now carrying the current revision:
    after reading what the other person changed, saving again is a knowing overwrite."""
    data = form.data.copy()
    data["revision"] = conflict.current_revision
    rebound = type(form)(data, instance=form.instance, **form_kwargs)
    rebound.is_valid()
    return rebound


def delete_tracked(obj, user):
    """Delete a row and log what it was."""
    with transaction.atomic():
        log_action(obj, f"{obj._meta.model_name}.delete", user, title=str(obj))
        obj.delete()
