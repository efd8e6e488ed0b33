"""Czech typography: where a line must not break (ČSN 01 6910).

A one-letter preposition or conjunction must not end a line, a number stays with its unit,
and a date stays whole. We glue them with a non-breaking space (U+00A0).
"""

import re

NBSP = "\u00a0"

# Followed by a word, or by the end of a text run (a tag such as <em> comes next).
ONE_LETTER_WORD = re.compile(r"(?<![\w\-.])([ksvzouaiKSVZOUAI])\s+(?=\S|\Z)")
UNITS = r"(?:%|‰|Kč|EUR|€|tis\.|mil\.|mld\.|km|m²|m2|m|cm|kg|g|l|h|min|let|ks|osob|klientů|lůžek|hod\.)"
NUMBER_AND_UNIT = re.compile(rf"(\d)\s+(?={UNITS}(?!\w))")
THOUSANDS = re.compile(r"(?<!\d)(\d{1,3})\s(?=\d{3}(?!\d))")
DATE = re.compile(r"\b(\d{1,2}\.)\s+(\d{1,2}\.)\s+(?=\d{4}\b)")
SECTION = re.compile(r"§\s+(?=\d)")
HTML_TAG = re.compile(r"(<[^>]*>)")


def _glue_text(text):
    text = ONE_LETTER_WORD.sub(rf"\1{NBSP}", text)
    text = DATE.sub(rf"\1{NBSP}\2{NBSP}", text)
    text = THOUSANDS.sub(rf"\1{NBSP}", text)
    text = NUMBER_AND_UNIT.sub(rf"\1{NBSP}", text)
    return SECTION.sub(f"§{NBSP}", text)


def czech_typography(text):
    """Insert non-breaking spaces where Czech typography requires them.

    Works on plain text and on HTML alike: tags are left untouched, only text between them is
    changed, so attribute values such as class="a b" keep their spaces.
    """
    parts = HTML_TAG.split(text)
    return "".join(part if HTML_TAG.fullmatch(part) else _glue_text(part) for part in parts)


def split_paragraphs(text):
    """Plain text split at empty lines, for text the coordinator types into a textarea."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
