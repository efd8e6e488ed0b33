"""Every UI string has a Czech translation, and the catalogue is current with the code.

makemessages runs on a copy of the project, so a string added to the code without being
translated fails here instead of showing up in English on a Czech page.
"""

import shutil
import subprocess
import sys
from pathlib import Path

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


def test_czech_catalogue_covers_every_string_in_the_code(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(BASE_DIR, project, ignore=IGNORED)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "cs", "--no-obsolete", "--verbosity", "0"],
        cwd=project, check=True, capture_output=True,
    )
    missing = untranslated(project / "locale/cs/LC_MESSAGES/django.po")
    assert missing == "", f"Untranslated or fuzzy Czech strings (run `make messages` and translate):\n{missing}"


def test_czech_catalogue_compiles_cleanly():
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file", "/dev/null", str(BASE_DIR / "locale/cs/LC_MESSAGES/django.po")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
