"""Czech typography: where a line must not break (ČSN 01 6910).

A one-letter preposition or conjunction must not end a line, a number stays with the unit or
word it counts, and a date stays whole. We glue them with a non-breaking space (U+00A0).
"""

import re

NBSP = "\u00a0"

# Each rule starts with what it looks for (a letter, a digit): the regular expression engine then
# skips straight to the candidates instead of trying every position of the page.
# A one-letter word not preceded by a letter, a hyphen or a dot, followed by a word or by the end of
# a text run (a tag such as <em> comes next).
ONE_LETTER_WORD = re.compile(r"([ksvzouaiKSVZOUAI])(?<![\w\-.].)\s+(?=\S|\Z)")
# "10 %", "1 500 Kč", "5 členů": the number keeps the unit or the noun it counts.
NUMBER_AND_UNIT = re.compile(r"(\d)\s+(?=[^\W\d_]|[%‰€])")
# A number of at most three digits (no fourth digit before it) followed by three.
THOUSANDS = re.compile(r"(\d{1,3})(?<!\d\d\d\d)\s(?=\d{3}(?!\d))")
# "6. 12. 2021", the day not glued to a word before it.
DATE = re.compile(r"(\d)(?<!\w\d)(\d?\.)\s+(\d{1,2}\.)\s+(?=\d{4}\b)")
SECTION = re.compile(r"§\s+(?=\d)")
# Tags, and elements whose text must stay exactly as it is: what a user typed into a
# <textarea> would otherwise come back changed, and code would break. A <select>'s options never
# wrap into lines, and a long list of them (the catalogue's municipalities) would cost a page
# milliseconds for nothing.
UNTOUCHABLE = re.compile(r"(<(textarea|pre|code|script|style|select)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)
# Joins the text runs between tags so that each rule runs once over a page instead of once per run
# (a page has hundreds): no rule matches across it, as none would across the end of a run.
RUN_SEPARATOR = "\x00"


DIGIT = re.compile(r"\d")


def _glue_text(text):
    text = ONE_LETTER_WORD.sub(rf"\1{NBSP}", text)
    if DIGIT.search(text):
        text = DATE.sub(rf"\1\2{NBSP}\3{NBSP}", text)
        text = THOUSANDS.sub(rf"\1{NBSP}", text)
        text = NUMBER_AND_UNIT.sub(rf"\1{NBSP}", text)
    if "§" in text:
        text = SECTION.sub(f"§{NBSP}", text)
    return text


def czech_typography(text):
    """Insert non-breaking spaces where Czech typography requires them.

    Works on plain text and on HTML alike: tags and the content of textarea, pre, code, script,
    style and select are left untouched, so attribute values such as class="a b" keep their spaces.
    """
    # [run, untouchable, its element's name, run, untouchable, …, run]
    parts = UNTOUCHABLE.split(text)
    runs = parts[0::3]
    if RUN_SEPARATOR in text:  # the text holds a NUL itself: glue run by run
        parts[0::3] = [_glue_text(run) for run in runs]
    else:
        parts[0::3] = _glue_text(RUN_SEPARATOR.join(runs)).split(RUN_SEPARATOR)
    del parts[2::3]
    return "".join(parts)


def split_paragraphs(text):
    """Plain text split at empty lines, for text the coordinator types into a textarea."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
