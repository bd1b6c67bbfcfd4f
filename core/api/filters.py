"""Query filters several apps' API lists share."""

import django_filters as df


class TextSearchFilter(df.CharFilter):
    """`?search=words`: records matching every word, through the queryset's `search()` (see core.search).

    It narrows the list the client may see anyway, so anonymous clients search published records only.
    """

    def __init__(self, *, searched: str, **kwargs) -> None:
        kwargs.setdefault(
            "help_text",
            f"Words to find in {searched}: each must match (as a word prefix on PostgreSQL, e.g. `pilgr` finds "
            "`pilgrimage`), case-insensitively; punctuation is ignored. Anonymous clients search published "
            "records only.",
        )
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return qs.search(value) if value else qs
