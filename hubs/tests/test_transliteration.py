import pytest

from hubs.transliteration import GEORGIAN_TO_LATIN, has_georgian, romanise


def test_every_letter_of_the_modern_alphabet_follows_the_2002_national_system():
    expected = [
        "ა",
        "a",
        "ბ",
        "b",
        "გ",
        "g",
        "დ",
        "d",
        "ე",
        "e",
        "ვ",
        "v",
        "ზ",
        "z",
        "თ",
        "t",
        "ი",
        "i",
        "კ",
        "k'",
        "ლ",
        "l",
        "მ",
        "m",
        "ნ",
        "n",
        "ო",
        "o",
        "პ",
        "p'",
        "ჟ",
        "zh",
        "რ",
        "r",
        "ს",
        "s",
        "ტ",
        "t'",
        "უ",
        "u",
        "ფ",
        "p",
        "ქ",
        "k",
        "ღ",
        "gh",
        "ყ",
        "q'",
        "შ",
        "sh",
        "ჩ",
        "ch",
        "ც",
        "ts",
        "ძ",
        "dz",
        "წ",
        "ts'",
        "ჭ",
        "ch'",
        "ხ",
        "kh",
        "ჯ",
        "j",
        "ჰ",
        "h",
    ]
    table = dict(zip(expected[::2], expected[1::2], strict=True))
    assert table == GEORGIAN_TO_LATIN
    assert len(table) == 33


@pytest.mark.parametrize(
    ("georgian", "latin"),
    [
        ("ნინო ბერიძე", "Nino Beridze"),
        ("ქეთევან წიკლაური", "Ketevan Tsiklauri"),
        ("ზურაბ ჟვანია", "Zurab Zhvania"),
        ("ღვთისო ყიფიანი", "Ghvtiso Qipiani"),
        ("ჭაბუკა ხოშტარია", "Chabuka Khoshtaria"),
        ("ლაშა ჯაფარიძე", "Lasha Japaridze"),
    ],
)
def test_names_are_romanised_without_apostrophes_as_on_id_documents(georgian, latin):
    assert romanise(georgian) == latin


def test_the_strict_form_keeps_the_apostrophes_of_ejective_consonants():
    assert romanise("ქეთევან წიკლაური", apostrophes=True) == "Ketevan Ts'ik'lauri"
    assert romanise("პეტრე ტყეშელაშვილი", apostrophes=True) == "P'et're T'q'eshelashvili"


def test_latin_text_and_punctuation_pass_through_unchanged():
    assert romanise("Anna-მარია 2") == "Anna-Maria 2"
    assert has_georgian("ანა") and not has_georgian("Ana")
