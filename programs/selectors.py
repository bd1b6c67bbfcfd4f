"""Reads shared by pages, the API and tasks; each returns a ready queryset."""

from django.db.models import Prefetch, QuerySet

from milestones.models import Milestone

from .models import Dyad, Program


def dyads_with_states() -> QuerySet[Dyad]:
    return Dyad.objects.select_related("state_a", "state_b")


def published_programs(*, dyad: Dyad | None = None) -> QuerySet[Program]:
    """Published programs, with their published milestones prefetched."""
    qs = (
        Program.objects.filter(is_published=True)
        .select_related("dyad", "dyad__state_a", "dyad__state_b")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.filter(is_published=True), to_attr="published_milestones")
        )
    )
    if dyad is not None:
        qs = qs.filter(dyad=dyad)
    return qs
