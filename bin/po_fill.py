#!/usr/bin/env python
"""Fill empty Georgian msgstr entries from a JSON file of {msgid: translation}.

Usage: bin/po_fill.py translations.json [locale/ka/LC_MESSAGES/django.po]
A plural entry takes a list [singular, plural]. Under the key "__replace__" a table may
give corrected translations for entries that already have one (a terminology fix).
Catalogues are written with --no-wrap, so every
msgid is on one line. Prints the msgids still untranslated.
"""

import json
import re
import sys
from pathlib import Path


def unquote(line: str) -> str:
    return json.loads(line[line.index('"') :])


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def fill(po: Path, table: dict) -> list[str]:
    replace = table.pop("__replace__", {})
    blocks = po.read_text().split("\n\n")
    missing = []
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        msgid_line = next((line for line in lines if line.startswith("msgid ")), None)
        if msgid_line is None or unquote(msgid_line) == "":
            continue
        msgid = unquote(msgid_line)
        value = table.get(msgid)
        if msgid in replace and "msgctxt" not in block:
            value = replace[msgid]
            lines = [re.sub(r'^(msgstr(\[\d\])?) ".*"$', r'\1 ""', line) for line in lines]
        out = []
        for line in lines:
            if value is not None and re.match(r'^msgstr(\[\d\])? ""$', line):
                if line.startswith("msgstr["):
                    index = int(line[7])
                    text = value[index] if isinstance(value, list) else value
                    line = f"msgstr[{index}] {quote(text)}"
                else:
                    line = f"msgstr {quote(value if isinstance(value, str) else value[0])}"
            out.append(line)
        out = [line for line in out if line != "#, fuzzy" or value is None]
        if any(re.match(r'^msgstr(\[\d\])? ""$', line) for line in out):
            missing.append(msgid)
        blocks[i] = "\n".join(out)
    po.write_text("\n\n".join(blocks))
    return missing


if __name__ == "__main__":
    table = json.loads(Path(sys.argv[1]).read_text())
    target = Path(sys.argv[2] if len(sys.argv) > 2 else "locale/ka/LC_MESSAGES/django.po")
    left = fill(target, table)
    for msgid in left:
        print("untranslated:", msgid)
    print(f"{len(left)} untranslated")
