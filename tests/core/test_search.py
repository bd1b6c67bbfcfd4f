"""Text search: full-text on PostgreSQL, a substring match on any database, the same words either way."""

import pytest

from core.search import search_terms, substring_search
from programs.models import PROGRAM_SEARCH_FIELDS, Program
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_query_syntax_is_never_passed_through():
    assert search_terms("health & (pilgr:* | !x)") == ["health", "pilgr", "x"]


def test_full_text_search_matches_word_prefixes_and_stems(on_postgres, dyad):
    ProgramFactory(dyad=dyad, title="Pilgrimage health corridors")
    ProgramFactory(dyad=dyad, title="Archive exchange")
    assert [p.title for p in Program.objects.search("pilgr")] == ["Pilgrimage health corridors"]
    assert [p.title for p in Program.objects.search("corridor health")] == ["Pilgrimage health corridors"]
    assert [p.title for p in Program.objects.search("saudi archive")] == ["Archive exchange"]  # a state's name


def test_the_substring_fallback_needs_every_word_in_some_field(dyad):
    ProgramFactory(dyad=dyad, title="Pilgrimage health corridor", body_a="Red Crescent")
    ProgramFactory(dyad=dyad, title="Archive exchange")
    found = substring_search(Program.objects.all(), PROGRAM_SEARCH_FIELDS, ["CRESCENT", "pilgr"])
    assert [p.title for p in found] == ["Pilgrimage health corridor"]
    assert not substring_search(Program.objects.all(), PROGRAM_SEARCH_FIELDS, ["crescent", "archive"]).exists()


def test_no_words_find_nothing(dyad):
    ProgramFactory(dyad=dyad)
    assert not Program.objects.search("  -- ").exists()
