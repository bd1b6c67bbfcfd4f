"""The dates Concord accepts, one rule for every date a person types in.

Programs, milestones and evaluations belong to the post-war order: nothing
before 1 January 1945, and nothing planned more than 30 years ahead. The
bound keeps every input meaningful and every index series short (a series
runs from its first data to today: at most a few hundred month ends), so no
single edit can make a request or a recomputation unbounded.

Forms, the API and services check `validate_domain_date` (a model field
validator, so `full_clean` runs it everywhere); the database keeps a fixed
outer bound (`stored_date_bounds`) that no code path can pass.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1945, 1, 1)
YEARS_AHEAD = 30
# The database's own bound: fixed (a CHECK constraint cannot read the clock), and
# beyond any date `validate_domain_date` lets through for the rest of this century.
STORED_LATEST = date(2199, 12, 31)


def latest_allowed(today: date | None = None) -> date:
    """Thirty years from today (29 February becomes the 28th)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def validate_domain_date(value: date) -> None:
    """Refuse a date before 1945 or more than 30 years ahead."""
    latest = latest_allowed()
    if value is not None and not (EARLIEST <= value <= latest):
        raise ValidationError(
            _("Give a date from %(earliest)s to %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST.isoformat(), "latest": latest.isoformat()},
        )


def stored_date_bounds(field: str, *, nullable: bool = False) -> Q:
    """The database constraint's condition for `field`."""
    bounded = Q(**{f"{field}__gte": EARLIEST, f"{field}__lte": STORED_LATEST})
    return Q(**{f"{field}__isnull": True}) | bounded if nullable else bounded
