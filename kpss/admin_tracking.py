"""The admin refuses a stale save as the staff pages do (kpss.tracking), for whole pages and inlines.

A change page carries the revision of the row it showed; the save locks the row (the admin saves
in a transaction) and, when the row has moved on since, shows who changed what in between, keeps
what the user typed and carries the current revision, so saving again is a knowing overwrite.
Every admin save moves the revision on and is logged with its changes (kpss.actionlog), so a staff
page or another tab opened before it is refused in turn.
"""

import json

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kpss.tracking import TrackedChanges

OPENED_REVISION = "opened_revision"


def revision_checked(form_class):
    """`form_class` with the revision it was opened at, refusing to save over a newer one."""

    class RevisionCheckedForm(form_class):
        opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk:
                self.fields[OPENED_REVISION].initial = self.instance.revision

        def clean(self):
            cleaned_data = super().clean()
            instance = self.instance
            # Checked even when this form is unchanged: a page's inlines (a plan's chapters) are
            # guarded by the revision of the page's object.
            if not instance.pk:
                return cleaned_data
            opened = cleaned_data.get(OPENED_REVISION)
            if opened is not None and opened != instance.revision:
                conflict = instance.conflict_since(opened)
                self.data = self.data.copy()
                self.data[self.add_prefix(OPENED_REVISION)] = instance.revision
                raise ValidationError([
                    _("Someone else saved this in the meantime, so your changes were not saved. What they "
                      "changed since you opened the page:"),
                    *(conflict.describe() or [_("(no details recorded)")]),
                    _("Your text is kept below: compare it, adjust it and save again."),
                ], code="stale")
            names = [name for name in self.fields if _is_model_field(instance, name)]
            instance.tracked_before = instance.tracked_values(names)
            return cleaned_data

    RevisionCheckedForm.__name__ = form_class.__name__
    return RevisionCheckedForm


def _is_model_field(instance, name):
    try:
        model_field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return model_field.concrete and not model_field.auto_created


def _with_opened_revision(fieldsets):
    """The fieldsets with the hidden revision field in the first one, so the page carries it."""
    fieldsets = [(name, dict(options)) for name, options in fieldsets]
    if fieldsets and not any(OPENED_REVISION in options.get("fields", ()) for _name, options in fieldsets):
        name, options = fieldsets[0]
        options["fields"] = [*options.get("fields", ()), OPENED_REVISION]
    return fieldsets


def _model_fields(model_admin, request, obj, kwargs):
    """The fields the admin builds its form from, without the revision field the form declares itself
    (as Django computes them when `fields` is not given)."""
    fields = kwargs["fields"] if "fields" in kwargs else flatten_fieldsets(model_admin.get_fieldsets(request, obj))
    return None if fields is None else [name for name in fields if name != OPENED_REVISION]


def _locked(request, queryset):
    # The admin saves inside a transaction: lock what a POST is about to change, so the revision
    # check and the save see the same row.
    if request.method == "POST" and transaction.get_connection().in_atomic_block:
        return queryset.select_for_update(of=("self",))
    return queryset


class RevisionCheckedAdmin:
    """ModelAdmin mixin for TrackedChanges models (see the module's docstring)."""

    def get_form(self, request, obj=None, **kwargs):
        kwargs["fields"] = _model_fields(self, request, obj, kwargs)
        return revision_checked(super().get_form(request, obj, **kwargs))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return _with_opened_revision(fieldsets) if obj is not None else fieldsets

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "POST":
            obj = _locked(request, type(obj)._default_manager.filter(pk=obj.pk)).get()
        return obj

    def save_model(self, request, obj, form, change):
        if change:
            obj.save_change(request.user)
        else:
            obj.updated_by = request.user
            obj.save()

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        obj.log_change(request.user, f"{obj._meta.model_name}.create", summary=_summary(message))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        obj.log_change(request.user, f"{obj._meta.model_name}.change", before=getattr(obj, "tracked_before", None),
                       summary=_summary(message))
        return entry

    def save_formset(self, request, form, formset, change):
        """Rows of tracked inlines move their own revision on and log their changes, like the page's
        object, so a staff page that edits them alone (an activity) is warned too."""
        if not issubclass(formset.model, TrackedChanges):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            created = instance.pk is None
            if created:
                instance.updated_by = request.user
                instance.save()
            else:
                instance.save_change(request.user)
            instance.log_change(request.user, f"{instance._meta.model_name}.{'create' if created else 'change'}",
                                before=getattr(instance, "tracked_before", None))
        formset.save_m2m()
        return None


class RevisionCheckedInline:
    """InlineModelAdmin mixin for inlines of TrackedChanges models edited elsewhere too."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["fields"] = _model_fields(self, request, obj, kwargs)
        kwargs.setdefault("form", revision_checked(self.form))
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return _with_opened_revision(super().get_fieldsets(request, obj))

    def get_queryset(self, request):
        return _locked(request, super().get_queryset(request))


def _summary(message):
    """The admin's own change message ("Changed title. Added chapter …") as text in the UI language."""
    return LogEntry(change_message=message if isinstance(message, str) else json.dumps(message)).get_change_message()
