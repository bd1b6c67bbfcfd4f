"""Reference data every database needs: the ISO 3166-1 states, from pycountry."""

import pycountry


def load_states(state_model) -> int:
    """Insert any missing state; returns how many were missing. Safe to run again."""
    existing = set(state_model.objects.values_list("code", flat=True))
    missing = [
        state_model(code=c.alpha_2, alpha3=c.alpha_3, name=getattr(c, "common_name", c.name))
        for c in pycountry.countries
        if c.alpha_2 not in existing
    ]
    state_model.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def ensure_states(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: a flushed database (e.g. after a transactional test) gets its states back."""
    from .models import State  # noqa: PLC0415  (the migration that loads states imports this module)

    if not State.objects.using(using).exists():
        load_states(State.objects.db_manager(using).model)
