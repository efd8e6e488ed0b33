"""Every string meant for translation reaches the catalogue.

xgettext reads an f-string as one literal: a `_("removed:")` inside `f"...{_('removed:')}..."` is never
extracted, so it stays English on a Czech page, and `_(f"...")` looks up a text that differs with
every value. Both are refused here for every Python file of ours.
"""

import ast
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".venv", ".git", "node_modules", "staticfiles", "media", "__pycache__", "migrations"}
GETTEXT_NAMES = {
    "_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
    "npgettext", "npgettext_lazy",
}


def our_python_files():
    for path in sorted(BASE_DIR.rglob("*.py")):
        if not SKIPPED_DIRS.intersection(path.relative_to(BASE_DIR).parts):
            yield path


def is_gettext_call(node):
    if not isinstance(node, ast.Call):
        return False
    function = node.func
    name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
    return name in GETTEXT_NAMES


def misuses(source):
    """(line, what) of each gettext call inside an f-string and each f-string given to gettext."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            found += [(call.lineno, "gettext inside an f-string") for call in ast.walk(node) if is_gettext_call(call)]
        elif is_gettext_call(node) and any(isinstance(argument, ast.JoinedStr) for argument in node.args):
            found.append((node.lineno, "an f-string given to gettext"))
    return found


def test_the_check_finds_both_patterns():
    assert misuses('x = f"<span>{_(\'removed:\')}</span>"') == [(1, "gettext inside an f-string")]
    assert misuses('x = _(f"Cleaned up {count} attempts.")') == [(1, "an f-string given to gettext")]
    assert misuses('x = f"{name}: " + _("removed:")') == []
    assert misuses('x = _("%(count)s removed") % {"count": count}') == []


def test_no_python_file_of_ours_hides_a_string_from_the_catalogue():
    found = [
        f"{path.relative_to(BASE_DIR)}:{line}: {what}"
        for path in our_python_files() for line, what in misuses(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)
