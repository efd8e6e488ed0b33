"""Every UI string has a Czech and a Slovak translation, and the catalogues are current with the code.

makemessages runs on a copy of the project, so a string added to the code without being
translated fails here instead of showing up in English on a Czech page.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(".venv", ".git", "staticfiles", "media", "node_modules", "*.pyc", "__pycache__",
                                 "db.sqlite3", "bench")


def untranslated(po_file):
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", "--no-wrap", str(po_file)],
        capture_output=True, text=True, check=True,
    )
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", "--no-wrap", str(po_file)],
        capture_output=True, text=True, check=True,
    )
    return result.stdout + fuzzy.stdout


LANGUAGES = pytest.mark.parametrize("language", ["cs", "sk"])


@LANGUAGES
def test_the_catalogue_covers_every_string_in_the_code(tmp_path, language):
    project = tmp_path / "project"
    shutil.copytree(BASE_DIR, project, ignore=IGNORED)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", language, "--no-obsolete", "--verbosity", "0"],
        cwd=project, check=True, capture_output=True,
    )
    missing = untranslated(project / f"locale/{language}/LC_MESSAGES/django.po")
    assert missing == "", f"Untranslated or fuzzy strings in {language} (run `make messages` and translate):\n{missing}"


@LANGUAGES
def test_the_catalogue_compiles_cleanly(language):
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file", "/dev/null", str(BASE_DIR / f"locale/{language}/LC_MESSAGES/django.po")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
