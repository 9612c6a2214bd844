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
