#!/usr/bin/env python
"""Fail when the translation catalogues are stale, incomplete, fuzzy or not compiled.

1. Runs makemessages exactly as `make messages` does and compares the result with the committed
   catalogues (ignoring the creation date); the committed files are restored afterwards.
2. Every Georgian and English entry is translated and none is fuzzy.
3. Each committed .mo equals what msgfmt makes of its .po.
"""

import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
PY = sys.executable
LANGS = ["ka", "en"]


def _strip_header(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith('"POT-Creation-Date')]


def stale_catalogues() -> list[str]:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "locale"
        shutil.copytree(LOCALE, backup)
        try:
            subprocess.run(
                [
                    PY,
                    "manage.py",
                    "makemessages",
                    *sum((["--locale", lang] for lang in LANGS), []),
                    "--no-location",
                    "--no-obsolete",
                    "--no-wrap",
                    "--ignore",
                    ".venv/*",
                    "--ignore",
                    "node_modules/*",
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            en = LOCALE / "en/LC_MESSAGES/django.po"
            subprocess.run(["msgen", "--no-wrap", str(en), "-o", str(en)], check=True, capture_output=True)
            for lang in LANGS:
                fresh = (LOCALE / lang / "LC_MESSAGES/django.po").read_text()
                committed = (backup / lang / "LC_MESSAGES/django.po").read_text()
                if lang == "ka":  # new msgids appear with empty msgstr: compare msgid lines only
                    fresh_ids = [line for line in fresh.splitlines() if line.startswith(("msgid", "msgid_plural"))]
                    committed_ids = [
                        line for line in committed.splitlines() if line.startswith(("msgid", "msgid_plural"))
                    ]
                    if fresh_ids != committed_ids:
                        missing = sorted(set(fresh_ids) - set(committed_ids))[:15]
                        problems.append(f"locale/{lang}: makemessages would change the catalogue; new: {missing}")
                elif _strip_header(fresh) != _strip_header(committed):
                    problems.append(f"locale/{lang}: makemessages would change the catalogue (run `make messages`)")
        finally:
            shutil.rmtree(LOCALE)
            shutil.copytree(backup, LOCALE)
    return problems


def incomplete_catalogues() -> list[str]:
    problems = []
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES/django.po"
        stats = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        if stats.returncode or "untranslated" in stats.stderr or "fuzzy" in stats.stderr:
            problems.append(f"{po.relative_to(ROOT)}: {stats.stderr.strip()}")
        with tempfile.NamedTemporaryFile(suffix=".mo") as mo:
            subprocess.run(["msgfmt", "--check-format", "-o", mo.name, str(po)], check=True)
            if not filecmp.cmp(mo.name, po.with_suffix(".mo"), shallow=False):
                problems.append(f"{po.with_suffix('.mo').relative_to(ROOT)} is not compiled from its .po")
    return problems


if __name__ == "__main__":
    found = stale_catalogues() + incomplete_catalogues()
    for problem in found:
        print("translations:", problem)
    print("translations: ok" if not found else f"translations: {len(found)} problem(s)")
    sys.exit(1 if found else 0)
