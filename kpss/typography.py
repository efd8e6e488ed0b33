"""Czech typography: where a line must not break (ČSN 01 6910).

A one-letter preposition or conjunction must not end a line, a number stays with the unit or
word it counts, and a date stays whole. We glue them with a non-breaking space (U+00A0).
"""

import re

NBSP = "\u00a0"

# Followed by a word, or by the end of a text run (a tag such as <em> comes next).
ONE_LETTER_WORD = re.compile(r"(?<![\w\-.])([ksvzouaiKSVZOUAI])\s+(?=\S|\Z)")
# "10 %", "1 500 Kč", "5 členů": the number keeps the unit or the noun it counts.
NUMBER_AND_UNIT = re.compile(r"(\d)\s+(?=[^\W\d_]|[%‰€])")
THOUSANDS = re.compile(r"(?<!\d)(\d{1,3})\s(?=\d{3}(?!\d))")
DATE = re.compile(r"\b(\d{1,2}\.)\s+(\d{1,2}\.)\s+(?=\d{4}\b)")
SECTION = re.compile(r"§\s+(?=\d)")
# Tags, and elements whose text must stay exactly as it is: what a user typed into a
# <textarea> would otherwise come back changed, and code would break. A <select>'s options never
# wrap into lines, and a long list of them (the catalogue's municipalities) would cost a page
# milliseconds for nothing.
UNTOUCHABLE = re.compile(r"(<(textarea|pre|code|script|style|select)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)


DIGIT = re.compile(r"\d")


def _glue_text(text):
    # Most runs between tags are indentation; a whole page has thousands of them.
    if text.isspace() or not text:
        return text
    text = ONE_LETTER_WORD.sub(rf"\1{NBSP}", text)
    if DIGIT.search(text):
        text = DATE.sub(rf"\1{NBSP}\2{NBSP}", text)
        text = THOUSANDS.sub(rf"\1{NBSP}", text)
        text = NUMBER_AND_UNIT.sub(rf"\1{NBSP}", text)
    if "§" in text:
        text = SECTION.sub(f"§{NBSP}", text)
    return text


def czech_typography(text):
    """Insert non-breaking spaces where Czech typography requires them.

    Works on plain text and on HTML alike: tags and the content of textarea, pre, code, script
    and style are left untouched, so attribute values such as class="a b" keep their spaces.
    """
    result = []
    position = 0
    for match in UNTOUCHABLE.finditer(text):
        result.append(_glue_text(text[position:match.start()]))
        result.append(match.group(0))
        position = match.end()
    result.append(_glue_text(text[position:]))
    return "".join(result)


def split_paragraphs(text):
    """Plain text split at empty lines, for text the coordinator types into a textarea."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
