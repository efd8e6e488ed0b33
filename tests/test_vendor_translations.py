"""The libraries' strings the portal shows are Czech too (locale_vendor/ and the libraries' own catalogues).

Django's Czech catalogues lag behind its code (the admin's territory picker, the user add page),
django-axes ships no Czech at all: each string of these libraries must have Czech from their own
catalogue or from ours, and the admin's JavaScript must get it through /admin/jsi18n/. These tests
fail when a library upgrade brings a string without Czech, and when an entry of ours is no longer
used by any library.
"""

import gettext
import json
import re
import subprocess
from functools import cache
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.utils import translation

BASE_DIR = Path(__file__).resolve().parent.parent
VENDOR = BASE_DIR / "locale_vendor/cs/LC_MESSAGES"
DJANGO_DIR = Path(django.__file__).parent
# Django's own catalogues list every string of its code and templates in their English files.
DJANGO_CATALOGUES = [
    DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po",
    *(DJANGO_DIR / f"contrib/{app}/locale/en/LC_MESSAGES/django.po" for app in ("admin", "auth", "contenttypes")),
]
# Libraries without an English catalogue: their strings are read from their code.
PYTHON_LIBRARIES = ["axes", "solo", "django_tasks", "django_tasks_db", "django_filters"]
ADMIN_SCRIPTS = DJANGO_DIR / "contrib/admin/static/admin/js"
# axes wraps an f-string in gettext: its text differs with every count, so no catalogue can have it;
# kpss.admin.AccessAttemptAdmin says it in Czech instead.
UNTRANSLATABLE = {(None, "Cleaned up {count} expired access attempts.", None)}
# Strings that Czech writes as English does.
SAME_IN_CZECH = {"%(truncated_text)s…", "%s GB", "%s KB", "%s MB", "%s PB", "%s TB", ", ", ":", "…", "IPv4", "IPv6",
                 "Text", "URL", "hash"}


def read_po(path):
    """(context, msgid, msgid_plural) of each entry of a .po file."""
    return parse_po(subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, text=True,
                                   check=True).stdout)


def parse_po(text):
    """The entries of a catalogue written without line wrapping (msgcat or xgettext --no-wrap)."""
    entries = set()
    for block in text.split("\n\n"):
        fields = dict(re.findall(r'^(msgctxt|msgid|msgid_plural) (".*")$', block, re.M))
        if fields.get("msgid", '""') != '""' and "#~" not in block:
            entries.add(tuple(json.loads(fields[name]) if name in fields else None
                              for name in ("msgctxt", "msgid", "msgid_plural")))
    return entries


def xgettext(language, files, keywords):
    result = subprocess.run(
        ["xgettext", f"--language={language}", "--from-code=UTF-8", "--no-location", "--no-wrap", "--output=-",
         *(f"--keyword={keyword}" for keyword in keywords), *map(str, files)],
        capture_output=True, text=True, check=True,
    )
    return parse_po(result.stdout)


@cache
def library_strings():
    strings = set()
    for catalogue in DJANGO_CATALOGUES:
        strings |= read_po(catalogue)
    for library in PYTHON_LIBRARIES:
        package = Path(__import__(library).__file__).parent
        files = [path for path in package.rglob("*.py") if not {"migrations", "tests"} & set(path.parts)]
        strings |= xgettext("Python", files, ["_", "gettext", "gettext_lazy", "gettext_noop", "ngettext:1,2",
                                              "ngettext_lazy:1,2", "pgettext:1c,2", "pgettext_lazy:1c,2"])
    return strings - UNTRANSLATABLE


@cache
def admin_script_strings():
    scripts = [path for path in ADMIN_SCRIPTS.rglob("*.js") if "vendor" not in path.parts]
    return xgettext("JavaScript", scripts, ["gettext", "gettext_noop", "ngettext:1,2", "pgettext:1c,2",
                                            "npgettext:1c,2,3"])


def test_every_string_of_the_libraries_has_czech():
    missing = []
    with translation.override("cs"):
        for context, msgid, plural in sorted(library_strings(), key=str):
            if plural:
                czech = translation.npgettext(context, msgid, plural, 5) if context else translation.ngettext(
                    msgid, plural, 5)
                english = plural
            else:
                czech = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                english = msgid
            if czech == english and msgid not in SAME_IN_CZECH:
                missing.append(msgid)
    assert not missing, "No Czech for these strings of the libraries (add them to locale_vendor/):\n" + "\n".join(
        missing)


def test_the_admins_javascript_gets_czech_for_every_string_of_its_scripts(client, coordinator):
    client.force_login(coordinator)
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    missing = [msgid for context, msgid, _plural in admin_script_strings()
               if (f"{context}\x04{msgid}" if context else msgid) not in catalogue]
    assert not missing, "No Czech for these strings of the admin's scripts (add them to locale_vendor/):\n" + (
        "\n".join(missing))
    assert catalogue["Choose all %s"] == "Vybrat všechny položky %s"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_entry_of_ours_is_still_used_by_a_library(domain):
    ours = read_po(VENDOR / f"{domain}.po")
    used = library_strings() if domain == "django" else admin_script_strings()
    assert ours <= used, f"No library uses these any more (remove them): {sorted(ours - used, key=str)}"


@pytest.mark.parametrize("language", ["cs", "sk"])
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogues_are_current(domain, language, tmp_path):
    """The .mo files are committed (the portal runs without gettext installed), so they must match."""
    folder = BASE_DIR / f"locale_vendor/{language}/LC_MESSAGES"
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "--check", "--output-file", str(compiled), str(folder / f"{domain}.po")], check=True)
    with compiled.open("rb") as fresh, (folder / f"{domain}.mo").open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog, (
            f"Run: msgfmt --check -o {folder}/{domain}.mo {folder}/{domain}.po"
        )


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_czech_entry_of_ours_has_slovak(domain):
    """Slovak falls back to Czech (the portal's default language) where it has no text of its own: an
    entry we give the libraries in Czech must have its Slovak too, or Slovak pages show Czech."""
    slovak = BASE_DIR / f"locale_vendor/sk/LC_MESSAGES/{domain}.po"
    assert read_po(VENDOR / f"{domain}.po") <= read_po(slovak)
    untranslated = subprocess.run(["msgattrib", "--untranslated", "--no-wrap", str(slovak)], capture_output=True,
                                  text=True, check=True).stdout
    fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-wrap", str(slovak)], capture_output=True, text=True,
                           check=True).stdout
    assert untranslated + fuzzy == ""


def test_the_admins_javascript_gets_slovak(client, coordinator):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sk"
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue["Choose all %s"] == "Vybrať všetky položky %s"
