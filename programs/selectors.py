"""Reads of states, dyads and programs used by more than one caller."""

from django.db.models import QuerySet

from .models import Dyad


def dyads_with_states() -> QuerySet[Dyad]:
    return Dyad.objects.select_related("state_a", "state_b")
