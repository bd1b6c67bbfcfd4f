"""States are named in the reader's language; English keeps the stored ISO 3166 names."""

import pytest
from django.utils import translation

from tests.factories import DyadFactory, state


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Iran – Saudi Arabia"), ("fa", "ایران – عربستان سعودی"), ("fr", "Iran – Arabie saoudite")],
)
def test_a_dyad_is_named_in_the_readers_language(language, expected):
    dyad = DyadFactory(state_a=state("IR"), state_b=state("SA"))
    with translation.override(language):
        assert str(dyad) == expected


@pytest.mark.django_db
def test_a_persian_dyad_page_names_the_states_in_persian(client):
    dyad = DyadFactory(state_a=state("IR"), state_b=state("SA"))
    assert "ایران – عربستان سعودی" in client.get(f"/fa{dyad.get_absolute_url()}").content.decode()
