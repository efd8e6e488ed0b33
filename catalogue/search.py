"""Search text blind to case and diacritics: "PAČLAVICE", "Pačlavice" and "paclavice" are one word."""

import re
import unicodedata

# The blocks of combining marks that decomposed letters of the Latin, Greek and Cyrillic alphabets
# carry: one regular expression deletes them (testing each character of every imported service cost
# the import of the national file a few tenths of a second).
COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def normalise(text):
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    return " ".join(COMBINING_MARKS.sub("", decomposed).split())


def words(query):
    """The query's words, normalised; punctuation separates words."""
    return [word for word in re.split(r"[^\w]+", normalise(query)) if word]
