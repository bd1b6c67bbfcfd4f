"""Public pages. Only published records are ever shown; no login needed.

Views parse the request, fetch the dyad or program (one query) and render a
page body that is cached until the data behind it changes (see cache.py).
"""

from functools import partial

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from programs.choices import Domain, DyadStatus
from programs.models import Dyad, Program

from . import calculator, exports, pages, queries, sharing
from .cache import OVERVIEW, cached_body

SORTS = tuple(pages.SORT_KEYS)


def _overview_params(request: HttpRequest) -> dict:
    status = request.GET.get("status", "")
    domain = request.GET.get("domain", "")
    sort = request.GET.get("sort", "index")
    sort = sort if sort in SORTS else "index"
    direction = request.GET.get("dir")
    return {
        "status": status if status in DyadStatus.values else "",
        "domain": domain if domain in Domain.values else "",
        "sort": sort,
        "descending": direction == "desc" if direction in ("asc", "desc") else sort in pages.DESCENDING_BY_DEFAULT,
    }


def overview(request: HttpRequest) -> HttpResponse:
    params = _overview_params(request)
    name = "overview:{status}:{domain}:{sort}:{descending}".format(**params)

    def build() -> str:
        context = {**pages.overview(**params), **params, "statuses": DyadStatus.choices, "domains": Domain.choices}
        return render_to_string("dashboards/_overview_body.html", context)

    body = cached_body(name, [OVERVIEW], build)
    return render(request, "dashboards/overview.html", {"body": body, "query": request.GET.urlencode()})


def overview_csv(request: HttpRequest) -> HttpResponse:
    header, rows = exports.overview_rows(pages.overview(**_overview_params(request)))
    return exports.csv_response("concord-dyads.csv", header, rows)


def _dyad(slug: str) -> Dyad:
    return get_object_or_404(Dyad.objects.select_related("state_a", "state_b"), slug=slug)


def dyad_detail(request: HttpRequest, slug: str) -> HttpResponse:
    dyad = _dyad(slug)
    body = cached_body(
        f"dyad:{dyad.pk}",
        [dyad.pk],
        lambda: render_to_string("dashboards/_dyad_body.html", pages.dyad(dyad)),
    )
    return render(request, "dashboards/dyad.html", {"dyad": dyad, "body": body})


def dyad_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    if table not in exports.DYAD_TABLES:
        raise Http404(_("No such table."))
    dyad = _dyad(slug)
    header, rows = exports.DYAD_TABLES[table](dyad)
    return exports.csv_response(f"concord-{dyad.slug}-{table}.csv", header, rows)


def _program(pk: int) -> Program:
    published = Program.objects.published().select_related("dyad__state_a", "dyad__state_b", "ministry_a", "ministry_b")
    return get_object_or_404(published, pk=pk)


def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(pk)
    body = cached_body(
        f"program:{program.pk}",
        [program.dyad_id],
        lambda: render_to_string("dashboards/_program_body.html", pages.program(program)),
    )
    return render(request, "dashboards/program.html", {"program": program, "dyad": program.dyad, "body": body})


def program_csv(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(pk)
    header, rows = exports.program_milestone_rows(pages.program(program), request.build_absolute_uri)
    return exports.csv_response(f"concord-program-{program.pk}-milestones.csv", header, rows)


def search(request: HttpRequest) -> HttpResponse:
    """Public search of dyads, published programs and published milestones."""
    text = request.GET.get("q", "").strip()[:200]
    results = queries.public_search(text) if text else None
    return render(request, "dashboards/search.html", {"q": text, "results": results})


def program_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(pk)
    header, rows = exports.program_result_rows(pages.program(program))
    return exports.csv_response(f"concord-program-{program.pk}-results.csv", header, rows)


def method(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboards/method.html", {**pages.method(), **calculator.calculator()})


def method_csv(request: HttpRequest) -> HttpResponse:
    header, rows = exports.method_weight_rows(pages.method())
    return exports.csv_response("concord-index-weights.csv", header, rows)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboards/accessibility.html")


def _embed(request: HttpRequest, chart: str, scope: str, build, *, cache_as: tuple[str, list] | None = None, **subject):
    """A page with just one chart, its title, source line, licence and date, for other sites to frame."""
    if sharing.chart_scope(chart) != scope:
        raise Http404("No such chart.")

    def body() -> str:
        found = sharing.figure_in(build(), chart)
        if found is None:
            return ""
        figure, alt, title = found
        share = sharing.chart_share(chart, title=title, **subject)
        context = {"chart": chart, "json": figure, "alt": alt, "chart_title": title, "share": share, **subject}
        return render_to_string("dashboards/embed.html", context)

    # The whole page is cached: it holds nothing of the request (no form, no user).
    html = cached_body(*cache_as, body) if cache_as else body()
    if not html:
        raise Http404("No such chart.")
    return HttpResponse(html)


@sharing.framable
def overview_chart(request: HttpRequest, chart: str) -> HttpResponse:
    return _embed(request, chart, sharing.OVERVIEW, pages.overview, cache_as=(f"embed:overview:{chart}", [OVERVIEW]))


@sharing.framable
def dyad_chart(request: HttpRequest, slug: str, chart: str) -> HttpResponse:
    dyad = _dyad(slug)
    cache_as = (f"embed:dyad:{dyad.pk}:{chart}", [dyad.pk])
    return _embed(request, chart, sharing.DYAD, partial(pages.dyad, dyad), cache_as=cache_as, dyad=dyad)


@sharing.framable
def program_chart(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    program = _program(pk)
    cache_as = (f"embed:program:{program.pk}:{chart}", [program.dyad_id])
    build = partial(pages.program, program)
    return _embed(request, chart, sharing.PROGRAM, build, cache_as=cache_as, program=program, dyad=program.dyad)


@sharing.framable
def method_chart(request: HttpRequest, chart: str) -> HttpResponse:
    return _embed(request, chart, sharing.METHOD, pages.method)
