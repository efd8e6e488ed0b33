import datetime
import re

from django import template
from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kpss import history
from kpss.models import SiteSettings
from kpss.numbers import display_number
from kpss.richtext import render_markdown
from kpss.typography import czech_typography, split_paragraphs

register = template.Library()
register.filter("number", display_number)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Search engines show about this much of a description, link previews about as much.
DESCRIPTION_LENGTH = 200
OPEN_GRAPH_LOCALES = {"cs": "cs_CZ", "en": "en_GB"}


@register.filter(needs_autoescape=True)
def typo(value, autoescape=True):
    """Czech typography for a piece of text: {{ measure.title|typo }}."""
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(czech_typography(text))


@register.filter
def paragraphs(value):
    """Split plain text at empty lines: {% for p in text|paragraphs %}<p>{{ p|typo }}</p>{% endfor %}."""
    return split_paragraphs(value)


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))


@register.filter
def total_minutes(duration):
    """A timedelta in whole minutes, rounded up: {{ cooloff_timedelta|total_minutes }}."""
    return -(-int(duration.total_seconds()) // 60)


@register.filter
def markdown(value):
    """Chapter text in Markdown as cleaned HTML: {{ chapter.body|markdown }}."""
    return mark_safe(render_markdown(value))


@register.filter
def action_label(code):
    """What a logged action is called: {{ entry.action|action_label }}."""
    return history.action_label(code)


@register.filter
def state_label(code):
    """A state a history entry records as a code: {{ entry.data.to_status|state_label }}."""
    return history.state_label(code)


@register.filter
def history_value(value):
    """A value a history entry recorded as text, dates in the Czech format: "2024-12-09" → "9. 12. 2024"."""
    text = str(value)
    try:
        return date_format(datetime.date.fromisoformat(text)) if ISO_DATE.fullmatch(text) else text
    except ValueError:
        return text


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title="", description="", kind="website"):
    """What a page tells search engines and link previews (Open Graph), so that a plan or a comment
    round shared by e-mail or on social media shows its title and summary:
    {% page_meta title=plan.title description=plan.summary kind="article" %}.

    Without a description, the site's intro from its settings describes the page (list pages).
    """
    site = context.get("site_settings") or SiteSettings.get_solo()
    request = context.get("request")
    text = description or site.intro or _(
        "Community planning of social services: plans, public comments on their drafts, suggestions and the "
        "catalogue of providers."
    )
    return {
        "title": title or site.display_name,
        "description": _shortened(" ".join(strip_tags(str(text)).split()), DESCRIPTION_LENGTH),
        "kind": kind,
        # Absolute, from SITE_URL: a link preview is made by a server that did not see our Host header.
        "url": settings.SITE_URL + (request.path if request else "/"),
        "site_name": site.display_name,
        "locale": OPEN_GRAPH_LOCALES.get(get_language(), OPEN_GRAPH_LOCALES[settings.LANGUAGE_CODE]),
    }


def _shortened(text, length):
    """`text` cut after its last whole word that fits in `length` characters, with an ellipsis."""
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
