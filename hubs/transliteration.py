"""Georgian to Latin script: Georgia's national romanisation system (2002).

The 2002 system marks the ejective consonants with an apostrophe (კ k', პ p', ტ t', ყ q', წ ts',
ჭ ch'). Passports, ID cards and most registers drop the apostrophe, and people type their names
without it, so the stored Latin name drops it too: "ქეთევან წიკლაური" is "Ketevan Tsiklauri", as
on the person's documents. ``romanise(text, apostrophes=True)`` gives the strict form when a
document needs it. Search compares without apostrophes either way.
"""

GEORGIAN_TO_LATIN: dict[str, str] = {
    "ა": "a",
    "ბ": "b",
    "გ": "g",
    "დ": "d",
    "ე": "e",
    "ვ": "v",
    "ზ": "z",
    "თ": "t",
    "ი": "i",
    "კ": "k'",
    "ლ": "l",
    "მ": "m",
    "ნ": "n",
    "ო": "o",
    "პ": "p'",
    "ჟ": "zh",
    "რ": "r",
    "ს": "s",
    "ტ": "t'",
    "უ": "u",
    "ფ": "p",
    "ქ": "k",
    "ღ": "gh",
    "ყ": "q'",
    "შ": "sh",
    "ჩ": "ch",
    "ც": "ts",
    "ძ": "dz",
    "წ": "ts'",
    "ჭ": "ch'",
    "ხ": "kh",
    "ჯ": "j",
    "ჰ": "h",
}


def romanise(text: str, *, apostrophes: bool = False) -> str:
    """The Latin spelling of Georgian ``text``; other characters pass through unchanged.

    Georgian has no capital letters; a Georgian letter that starts a word (or a part of a
    hyphenated name) is written with a capital, as names are.
    """
    out = []
    previous = ""
    for char in text:
        latin = GEORGIAN_TO_LATIN.get(char)
        if latin is None:
            out.append(char)
        else:
            if not apostrophes:
                latin = latin.replace("'", "")
            if not (previous.isalpha() or previous == "'"):
                latin = latin[:1].upper() + latin[1:]
            out.append(latin)
        previous = char
    return "".join(out)


def has_georgian(text: str) -> bool:
    return any(char in GEORGIAN_TO_LATIN for char in text)
