"""Search text blind to case and diacritics: "PAČLAVICE", "Pačlavice" and "paclavice" are one word."""

import re
import unicodedata


def normalise(text):
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


def words(query):
    """The query's words, normalised; punctuation separates words."""
    return [word for word in re.split(r"[^\w]+", normalise(query)) if word]
