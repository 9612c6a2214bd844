import pytest
from django.core.exceptions import ValidationError

from accounts.phones import normalise_phone


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("+995 555 12 34 56", "+995 555 12 34 56"),
        ("555123456", "+995 555 12 34 56"),
        ("00995-555-123-456", "+995 555 12 34 56"),
        ("(032) 2 12 34 56", "+995 32 212 34 56"),
        ("0322123456", "+995 32 212 34 56"),
        ("0350 27 08 72", "+995 350 27 08 72"),  # Telavi: a three-digit regional code
        ("+49 30 1234567", "+49301234567"),
        ("", ""),
    ],
)
def test_phone_numbers_are_written_one_way(written, stored):
    assert normalise_phone(written) == stored


@pytest.mark.parametrize("written", ["abc", "12345", "+995 555 12 34", "655123456", "+1 23"])
def test_what_cannot_be_a_phone_number_is_refused(written):
    with pytest.raises(ValidationError):
        normalise_phone(written)


def test_every_phone_field_of_the_app_refuses_letters_and_writes_numbers_one_way():
    from hubs.forms import ApplicationForm, HubForm

    for form_class, name in ((HubForm, "phone"), (ApplicationForm, "contact_phone")):
        field = form_class.base_fields[name]
        assert field.clean("0 599 12-34-56") == "+995 599 12 34 56"
        with pytest.raises(ValidationError):
            field.clean("abc")
        assert field.widget.attrs["inputmode"] == "tel"


def test_directory_phone_lines_keep_hotlines_and_name_the_bad_line():
    from accounts.phones import phone_lines

    assert phone_lines("112\n032 2 11 11 11\n\n+49 30 1234567") == [
        "112",
        "+995 32 211 11 11",
        "+4930 1234567".replace(" ", ""),
    ]
    with pytest.raises(ValidationError) as refused:
        phone_lines("+995 599 11 11 11\nზარი")
    assert refused.value.messages[0].startswith("ზარი: ")
