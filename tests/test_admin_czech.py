"""The admin speaks Czech: labels are written, not derived from names; django-axes is Czech too.

A field without a verbose name, or a list column backed by a property, gets a label Django makes up
from the attribute's name: "plan", "created by", "Period" on a Czech page. Every admin page the
coordinator reaches is checked here: its columns, filters, form fields, read-only fields, inlines.
"""

import json
import re
from datetime import UTC, datetime
from html import unescape

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, label_for_field, pretty_name
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from kpss.admin import InlineAddLabels, SlugsKeepDashes
from kpss.roles import COORDINATOR_APPS
from tests.factories import PlanFactory
from tests.helpers import page_text

OUR_APPS = {"kpss", "planning", "groups", "catalogue"}


def coordinator_admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in COORDINATOR_APPS]


def shown_names(model_admin, request):
    """The attribute names the admin's pages of this model label: columns, filters, form fields."""
    names = set()
    if isinstance(model_admin, admin.ModelAdmin):
        names |= {name for name in model_admin.get_list_display(request) if isinstance(name, str)}
    for list_filter in getattr(model_admin, "list_filter", ()):
        if isinstance(list_filter, str):
            names.add(list_filter)
        elif isinstance(list_filter, tuple):
            names.add(list_filter[0])
    for fieldsets in (model_admin.get_fieldsets(request), getattr(model_admin, "fieldsets", None) or [],
                      getattr(model_admin, "add_fieldsets", [])):
        names |= set(flatten_fieldsets(fieldsets))
    names |= set(model_admin.get_readonly_fields(request))
    return names - {"__str__", "action_checkbox"}


def made_up_label(model, model_admin, name):
    """The label Django made up from `name`, or None when someone wrote the label."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None:
        if field.auto_created and not field.concrete:
            return None
        return str(field.verbose_name) if getattr(field, "_verbose_name", None) is None else None
    try:
        label = label_for_field(name, model, model_admin)
    except AttributeError:
        return None  # a field of the admin's form, labelled there
    return str(label) if str(label) == pretty_name(name) else None


@pytest.mark.parametrize(("model", "model_admin"), coordinator_admins(), ids=lambda value: getattr(
    value, "_meta", None) and value._meta.label or "")
def test_every_label_the_coordinator_sees_is_written_for_it(model, model_admin, coordinator):
    request = RequestFactory().get("/admin/")
    request.user = coordinator
    admins = [(model, model_admin)] + [
        (inline.model, inline) for inline in model_admin.get_inline_instances(request)
    ]
    made_up = []
    for shown_model, shown_admin in admins:
        for name in sorted(shown_names(shown_admin, request)):
            with translation.override("en"):
                label = made_up_label(shown_model, shown_admin, name)
            if label is not None:
                made_up.append(f"{shown_model._meta.label}.{name}: “{label}”")
    assert not made_up, "Labels made up from names (give them a verbose name or a description):\n" + "\n".join(
        made_up)


def labels_in(language, model, model_admin, request):
    with translation.override(language):
        labels = [str(label_for_field(name, model, model_admin)) for name in sorted(shown_names(model_admin, request))
                  if name != "expiration"]
        labels += [str(model._meta.verbose_name), str(model._meta.verbose_name_plural)]
        labels += [str(description) for _function, _name, description in model_admin.get_actions(request).values()]
        return labels


@pytest.mark.parametrize(("model", "model_admin"), [
    (model, model_admin) for model, model_admin in coordinator_admins() if model._meta.app_label not in OUR_APPS
], ids=lambda value: getattr(value, "_meta", None) and value._meta.label or "")
def test_the_libraries_admin_pages_are_czech(model, model_admin, coordinator):
    """django-axes' labels are English msgids with no Czech of its own: locale_vendor/ gives them Czech."""
    request = RequestFactory().get("/admin/")
    request.user = coordinator
    english, czech = labels_in("en", model, model_admin, request), labels_in("cs", model, model_admin, request)
    same = [label for label, translated in zip(english, czech, strict=True) if label == translated]
    assert not same, f"Still English on the Czech admin: {same}"


class TestSignInLockouts:
    def test_an_access_log_is_named_in_czech_with_a_local_time(self, client_as, coordinator):
        entry = AccessLog.objects.create(username="clen", ip_address="192.0.2.1", user_agent="Firefox",
                                         http_accept="*/*", path_info="/prihlaseni/")
        AccessLog.objects.filter(pk=entry.pk).update(attempt_time=datetime(2026, 10, 31, 22, 59, tzinfo=UTC))
        text = page_text(client_as(coordinator).get(reverse("admin:axes_accesslog_change", args=[entry.pk])))
        assert "Access Log for" not in text
        assert "clen" in text
        assert "31. 10. 2026 23:59" in text  # Prague's time, in Czech
        assert "Záznamy přihlášení" in text
        assert "Adresa stránky" in text

    def test_the_status_of_an_attempt_says_how_many_attempts_are_left(self, client_as, coordinator, settings):
        AccessAttempt.objects.create(username="clen", ip_address="192.0.2.1", user_agent="Firefox", http_accept="*/*",
                                     path_info="/prihlaseni/", get_data="", post_data="", failures_since_start=2)
        AccessAttempt.objects.create(username="ridici", ip_address="192.0.2.2", user_agent="Firefox",
                                     http_accept="*/*", path_info="/prihlaseni/", get_data="", post_data="",
                                     failures_since_start=settings.AXES_FAILURE_LIMIT)
        text = page_text(client_as(coordinator).get(reverse("admin:axes_accessattempt_changelist")))
        assert "Attempt Remaining" not in text
        assert "Attempted Access" not in text
        left = settings.AXES_FAILURE_LIMIT - 2
        with translation.override("cs"):
            assert translation.ngettext("%(count)s attempt left", "%(count)s attempts left", left) % {
                "count": left} in text
        assert "Zablokováno" in text
        assert "Pokusy o přihlášení" in text


class TestInlineButtons:
    def test_every_inline_says_what_its_button_adds(self):
        for model, model_admin in admin.site._registry.items():
            for inline in model_admin.inlines:
                assert isinstance(model_admin, InlineAddLabels), model._meta.label
                assert inline.add_label, f"{model._meta.label}: {inline.__name__} has no add_label"

    def test_the_plan_page_adds_a_phase_in_the_accusative(self, client_as, coordinator, plan):
        html = client_as(coordinator).get(reverse("admin:planning_plan_change", args=[plan.pk])).content.decode()
        buttons = [json.loads(unescape(data))["options"]["addText"]
                   for data in re.findall(r'data-inline-formset="([^"]*)"', html)]
        with translation.override("cs"):
            assert buttons == [translation.gettext(text) for text in (
                "Add a phase", "Add a chapter", "Add a priority", "Add an analysis document", "Add an approving body")]
        assert "Přidat Fáze" not in html


def test_every_prepopulated_slug_keeps_dashes():
    for model, model_admin in admin.site._registry.items():
        if model_admin.prepopulated_fields:
            scripts = [str(script) for script in model_admin.media._js]
            assert isinstance(model_admin, SlugsKeepDashes), model._meta.label
            assert scripts.index("js/admin-urlify.js") > scripts.index("admin/js/urlify.js"), model._meta.label


def test_a_list_counts_its_records_in_the_plural_form_of_their_number(client_as, coordinator):
    for number in range(5):
        PlanFactory(title=f"Akční plán 20{30 + number}")
    text = page_text(client_as(coordinator).get(reverse("admin:planning_plan_changelist")))
    assert "5 plány" not in text
    with translation.override("cs"):
        assert translation.ngettext("%(counter)s record", "%(counter)s records", 5) % {"counter": 5} in text
