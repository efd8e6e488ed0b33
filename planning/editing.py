"""Saving what working groups write, without ever silently overwriting someone else's save.

Each goal, measure, activity and SWOT item has a revision number. The edit form carries the
revision the user started from; the save locks the row and refuses when the row has moved on.
The user then sees who changed what since (from the action log) and keeps everything they typed.
"""

from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from kpss.models import ActionLog, log_action


@dataclass
class Conflict:
    """Someone else saved the row after the user opened it."""

    current_revision: int
    changes: list = field(default_factory=list)  # ActionLog rows newer than the user's revision


def form_after_conflict(form, conflict, **form_kwargs):
    """The refused form again, with everything the user typed, now carrying the current revision:
    after reading what the other person changed, saving again is a knowing overwrite."""
    data = form.data.copy()
    data["revision"] = conflict.current_revision
    rebound = type(form)(data, instance=form.instance, **form_kwargs)
    rebound.is_valid()
    return rebound


def display(value):
    """A field value as the text the history shows."""
    if value is None:
        return ""
    if isinstance(value, models.QuerySet | list | tuple | set):
        return ", ".join(sorted(str(item) for item in value))
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def field_values(instance, names):
    values = {}
    if hasattr(instance, "indicators") and instance.pk:
        values["indicators"] = "; ".join(
            f"{i.name}: {display(i.baseline)} → {display(i.target)} {i.unit}" for i in instance.indicators.all()
        )
    for name in names:
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many:
            values[name] = display(getattr(instance, name).all()) if instance.pk else ""
        elif model_field.choices:
            values[name] = display(getattr(instance, f"get_{name}_display")())
        else:
            values[name] = display(getattr(instance, name))
    return values


def save_tracked(form, user, formsets=(), action_prefix=None):
    """Save a TrackedForm (and its inline formsets) atomically; return a Conflict instead if stale.

    New rows are simply created. The log records the changed fields with old and new values,
    which is also what a later conflicting editor is shown.
    """
    instance = form.instance
    model = type(instance)
    prefix = action_prefix or model._meta.model_name
    names = [name for name in form._meta.fields if name in form.fields]
    with transaction.atomic():
        if instance.pk is None:
            before = {}
            revision = 1
        else:
            current = model.objects.select_for_update().get(pk=instance.pk)
            started_from = form.cleaned_data.get("revision")
            if started_from != current.revision:
                return Conflict(current.revision, _changes_since(current, started_from))
            before = field_values(current, names)
            revision = current.revision + 1
        obj = form.save(commit=False)
        obj.revision = revision
        obj.updated_by = user
        obj.save()
        form.save_m2m()
        for formset in formsets:
            formset.instance = obj
            formset.save()
        after = field_values(obj, names)
        changes = {name: [before.get(name, ""), new] for name, new in after.items() if before.get(name, "") != new}
        log_action(
            obj, f"{prefix}.{'change' if before else 'create'}", user, revision=revision, changes=changes,
            labels={name: str(_label(model, name)) for name in changes},
        )
    return None


def _label(model, name):
    if name == "indicators":
        return _("indicators")
    return model._meta.get_field(name).verbose_name


def _changes_since(current, revision):
    entries = ActionLog.objects.for_object(current).filter(data__revision__gt=revision or 0).order_by("created_at")
    return list(entries)


def delete_tracked(obj, user):
    """Delete a row and log what it was."""
    with transaction.atomic():
        log_action(obj, f"{obj._meta.model_name}.delete", user, title=str(obj))
        obj.delete()
