"""locale/id/LC_MESSAGES/django.po is the only source of the Indonesian texts: every string is translated."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = Path("locale/id/LC_MESSAGES/django.po")
SKIP = shutil.ignore_patterns(".git", ".venv", "var", "artifacts", "__pycache__", "*.mo", ".pytest_cache")


def _problems(po: polib.POFile) -> list[str]:
    untranslated = [f"untranslated: {entry.msgid!r}" for entry in po.untranslated_entries()]
    fuzzy = [f"fuzzy: {entry.msgid!r}" for entry in po.fuzzy_entries()]
    return untranslated + fuzzy


def test_committed_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(ROOT / PO))
    assert len(po) > 500
    assert _problems(po) == []


def test_every_string_in_the_source_has_a_translation(tmp_path):
    """Extract afresh from a copy of the tree: a new string that nobody translated fails here."""
    assert shutil.which("xgettext"), "makemessages needs GNU gettext: apt-get install gettext"
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, ignore=SKIP)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-location", "--no-obsolete",
         "--ignore=tests", "--ignore=bench", "--ignore=scripts"],
        cwd=tree,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "sikhi.settings.test"},  # no DATABASE_URL
    )
    po = polib.pofile(str(tree / PO))
    assert len(po) > 500
    assert _problems(po) == []
