import datetime
import re

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from kpss import history
from kpss.richtext import render_markdown
from kpss.typography import czech_typography, split_paragraphs

register = template.Library()
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
