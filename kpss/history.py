"""The history pages: what each logged action is called, and the entries about an object.

Actions are logged with codes such as "measure.change" or "plan.approve_by_council"
(kpss.models.log_action). Apps register labels for their own codes (planning registers its
lifecycle steps); any other code is named by its last part, the verb.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from kpss.actionlog import ActionLog

VERB_LABELS = {
    "create": _("created"),
    "change": _("changed"),
    "delete": _("deleted"),
    "move": _("moved"),
    "settle": _("settled"),
    "assign": _("assigned to a group"),
    "hide": _("hidden"),
    "redact": _("personal data removed"),
    "submit": _("submitted"),
    "status": _("status changed"),
    "publish_settlement": _("settlement published"),
    "stalled": _("rendering stopped, queued again"),
}
ACTION_LABELS = {}
STATE_LABELS = {}


def register_labels(actions=None, states=None):
    """Name an app's own action codes ({"plan.archive": _("Archive")}) and the states its entries
    record as codes ({"in_force": _("in force")})."""
    ACTION_LABELS.update(actions or {})
    STATE_LABELS.update(states or {})


def action_label(code):
    return ACTION_LABELS.get(code) or VERB_LABELS.get(code.rsplit(".", 1)[-1], code)


def state_label(code):
    return STATE_LABELS.get(code, code)


def entries_about(obj, limit=300):
    """The newest entries about `obj` and everything within it, with their subjects (one query per
    kind of subject, however many entries)."""
    return list(ActionLog.objects.about(obj).prefetch_related("subject")[:limit])


def history_page(request, obj, heading, back_url, back_label):
    """The history page of a plan, a group or anything else with contexts in the log."""
    return render(request, "kpss/history.html", {
        "heading": heading, "entries": entries_about(obj), "back_url": back_url, "back_label": back_label,
    })
