"""Public pages. Only published records are ever shown."""

from django.shortcuts import get_object_or_404, render

from programs import selectors
from programs.models import Dyad


def overview(request):
    return render(request, "dashboards/overview.html", {"dyads": selectors.dyads_with_states()})


def dyad_detail(request, slug):
    dyad = get_object_or_404(selectors.dyads_with_states(), slug=slug)
    programs = selectors.published_programs(dyad=dyad)
    return render(request, "dashboards/dyad.html", {"dyad": dyad, "programs": programs})


def program_detail(request, pk):
    program = get_object_or_404(selectors.published_programs(), pk=pk)
    return render(request, "dashboards/program.html", {"program": program, "dyad": program.dyad})


__all__ = ["Dyad", "dyad_detail", "overview", "program_detail"]
