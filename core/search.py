"""Text search over a queryset: PostgreSQL full-text search where the database has it, a substring match elsewhere.

Every word of the query must match (as a word prefix on PostgreSQL, so
"pilgr" finds "pilgrimage"); results carry a `search_rank` to sort by, best
first. The models define which fields are searched (their `search()`
queryset methods), so pages and the API search the same way.
"""

import re
from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, FloatField, Q, QuerySet, Value

WORD = re.compile(r"\w+")
MAX_TERMS = 8
CONFIG = "english"


def search_terms(text: str) -> list[str]:
    """The words of `text` (punctuation dropped, so nothing reaches the query parser unescaped)."""
    return WORD.findall(text or "")[:MAX_TERMS]


def full_text_search[QS: QuerySet](qs: QS, fields: Sequence[str], terms: list[str]) -> QS:
    """PostgreSQL: every term as a prefix, ranked by SearchRank."""
    query = SearchQuery(" & ".join(f"{term}:*" for term in terms), search_type="raw", config=CONFIG)
    return (
        qs.annotate(search_vector=SearchVector(*fields, config=CONFIG))
        .filter(search_vector=query)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
    )


def substring_search[QS: QuerySet](qs: QS, fields: Sequence[str], terms: list[str]) -> QS:
    """Any database: every term appears in one of the fields, case-insensitively."""
    condition = Q()
    for term in terms:
        in_any_field = Q()
        for name in fields:
            in_any_field |= Q(**{f"{name}__icontains": term})
        condition &= in_any_field
    return qs.filter(condition).annotate(search_rank=Value(1.0, output_field=FloatField()))


def text_search[QS: QuerySet](qs: QS, fields: Sequence[str], text: str) -> QS:
    """`qs` narrowed to records matching every word of `text`; none for a query without words."""
    terms = search_terms(text)
    if not terms:
        return qs.annotate(search_rank=Value(0.0, output_field=FloatField())).none()
    if connections[qs.db].vendor == "postgresql":
        return full_text_search(qs, fields, terms)
    return substring_search(qs, fields, terms)
