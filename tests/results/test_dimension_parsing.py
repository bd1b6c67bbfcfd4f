"""Breakdown dimensions typed as `Name: category, category`, on any keyboard."""

import pytest
from django.core.exceptions import ValidationError

from results.forms import parse_dimensions


@pytest.mark.parametrize(
    "typed",
    [
        "Side: Iran, Saudi Arabia",
        "Side: Iran، Saudi Arabia",  # Arabic and Persian comma
        "Side：Iran，Saudi Arabia",  # Chinese full-width colon and comma
        "Side: Iran、Saudi Arabia",  # Chinese enumeration comma
    ],
)
def test_the_local_colon_and_comma_separate_categories(typed):
    assert parse_dimensions(typed) == [("Side", ["Iran", "Saudi Arabia"])]


def test_a_line_without_categories_is_refused_with_its_number():
    with pytest.raises(ValidationError, match="Line 2"):
        parse_dimensions("Side: A, B\nGender")
