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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
HEADING = re.compile(r"<(/?)h([1-6])>")
# Markdown tables have header cells only in their first row.
HEADER_CELL = re.compile(r"<th(?=[ >])")
# A table wider than a phone scrolls in its own box instead of pushing the whole page sideways; the
# box takes the keyboard's focus so it can be scrolled without a mouse. Added after cleaning: nh3
# lets no <div> or tabindex through from what the coordinator writes.
TABLE_START = '<div class="table-responsive" tabindex="0"><table>'
TABLE_END = "</table></div>"


def render_markdown(text):
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    # A chapter is an <h2> on the page (and in the PDF), so its highest heading, whether written
    # as # or ##, becomes <h3>: headings go down one level at a time, as screen readers expect.
    levels = [int(level) for _slash, level in HEADING.findall(html)]
    shift = 3 - min(levels) if levels else 0
    html = HEADING.sub(lambda match: f"<{match[1]}h{min(int(match[2]) + shift, 6)}>", html)
    html = HEADER_CELL.sub('<th scope="col"', html)
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
    return html.replace("<table>", TABLE_START).replace("</table>", TABLE_END)
