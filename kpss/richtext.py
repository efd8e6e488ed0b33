"""Chapter text: Markdown written by the coordinator, rendered to safe HTML.

Markdown (python-markdown) keeps the text plain and diffable, needs no JavaScript editor, and its
output is cleaned by nh3 (the Rust ammonia sanitizer), so a pasted <script> never reaches a page.
"""

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
HEADING = re.compile(r"<(/?)h([1-6])>")


def _demote(match):
    # A chapter is an <h2> on the page, so the chapter's own # and ## become <h3> and <h4>.
    return f"<{match[1]}h{min(int(match[2]) + 2, 6)}>"


def render_markdown(text):
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(HEADING.sub(_demote, html), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
