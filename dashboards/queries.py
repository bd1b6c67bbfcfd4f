"""Read queries behind the public dashboards: published data only, fixed query counts.

Every function here runs a fixed number of queries whatever the number of
programs, milestones, evaluations or snapshots, and filters drafts in the
database (a draft program hides its milestones and evaluations too).
"""

from dataclasses import dataclass, fields
from datetime import date

from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils import timezone

from core.i18n import LocalizedText, pick, texts_of
from evaluation.models import Evaluation
from evaluation.scoring import DAC_CRITERIA
from milestones.models import OPEN_STATUSES, Milestone, MilestoneStatus
from programs.choices import Domain
from programs.models import Dyad, Normalisation, Program, Rupture, published_program


@dataclass(frozen=True)
class QuarterDelivery:
    """Milestones due in one quarter, by how they were delivered."""

    quarter: date
    on_time: int
    late: int
    missed: int


def dyads_for_overview(*, status: str = "", domain: str = "") -> QuerySet[Dyad]:
    """Dyads with their states, optionally only those of a status or with a published program in a domain."""
    qs = Dyad.objects.select_related("state_a", "state_b")
    if status:
        qs = qs.filter(status=status)
    if domain:
        qs = qs.filter(published_program("programs__"), programs__domain=domain).distinct()
    return qs


@dataclass(frozen=True)
class ProgramRow:
    """A published program as the dyad page lists it."""

    pk: int
    title: str
    domain: str
    status: str
    start_date: date
    end_date: date | None
    milestone_count: int
    evaluation_count: int
    language: str
    i18n: dict | None

    @property
    def domain_label(self) -> str:
        return str(Domain(self.domain).label)

    @property
    def localized_title(self) -> LocalizedText:
        return pick(texts_of("title", self.title, self.i18n), self.language)


@dataclass(frozen=True)
class EvaluationRow:
    """A published evaluation as the dyad page lists it; `ratings` in DAC_CRITERIA order."""

    date: date
    program_id: int
    program_title: LocalizedText
    organisation: str
    ratings: tuple[int | None, ...]


def _published_count(model, **filters) -> Coalesce:
    counted = model.objects.published().filter(program=OuterRef("pk"), **filters)
    return Coalesce(Subquery(counted.order_by().values("program").annotate(n=Count("id")).values("n")), 0)


def published_program_rows(dyad: Dyad) -> list[ProgramRow]:
    """The dyad's published programs with their published milestone and evaluation counts, in one query."""
    rows = (
        Program.objects.published()
        .filter(dyad=dyad)
        .annotate(milestone_count=_published_count(Milestone), evaluation_count=_published_count(Evaluation))
        .order_by("start_date", "title")
        .values_list(*(f.name for f in fields(ProgramRow)))
    )
    return [ProgramRow(*row) for row in rows]


def published_evaluation_rows(dyad: Dyad, *, limit: int | None = None) -> list[EvaluationRow]:
    """The dyad's published evaluations (of published programs), newest first, in one query."""
    rows = published_evaluations(program__dyad=dyad).values_list(
        "date",
        "program_id",
        "program__title",
        "program__i18n",
        "program__language",
        "organisation__name",
        *DAC_CRITERIA,
    )
    if limit is not None:
        rows = rows[:limit]
    return [EvaluationRow(r[0], r[1], pick(texts_of("title", r[2], r[3]), r[4]), r[5], tuple(r[6:])) for r in rows]


@dataclass(frozen=True)
class DacSummary:
    """How many published evaluations a dyad has and their mean rating per DAC criterion."""

    count: int
    means: tuple[float | None, ...]


def dac_summary(dyad: Dyad) -> DacSummary:
    """Count and mean DAC ratings of the dyad's published evaluations, in one aggregate query."""
    totals = published_evaluations(program__dyad=dyad).aggregate(count=Count("id"), **{c: Avg(c) for c in DAC_CRITERIA})
    means = tuple(round(totals[c], 2) if totals[c] is not None else None for c in DAC_CRITERIA)
    return DacSummary(totals["count"], means)


def published_milestones(**filters) -> QuerySet[Milestone]:
    """Published milestones of published programs."""
    return Milestone.objects.published().filter(**filters)


def published_evaluations(**filters) -> QuerySet[Evaluation]:
    """Published evaluations of published programs, newest first, with program and organisation."""
    return (
        Evaluation.objects.published()
        .filter(**filters)
        .select_related("program", "organisation")
        .order_by("-date", "id")
    )


def delivery_by_quarter(dyad: Dyad, *, today: date | None = None) -> list[QuarterDelivery]:
    """Published milestones already due, counted per quarter of their due date, in one query.

    On time: achieved by the due date. Late: achieved after it. Missed: marked
    missed, cancelled by one side, or still open after the due date. Jointly
    cancelled milestones are left out, as the index leaves them out.
    """
    today = today or timezone.localdate()
    achieved = Q(status=MilestoneStatus.ACHIEVED, achieved_date__isnull=False)
    open_ = Q(status__in=OPEN_STATUSES)
    rows = (
        published_milestones(program__dyad=dyad, due_date__lt=today, cancelled_jointly=False)
        .annotate(quarter=TruncQuarter("due_date"))
        .values("quarter")
        .annotate(
            on_time=Count("id", filter=achieved & Q(achieved_date__lte=F("due_date"))),
            late=Count("id", filter=achieved & Q(achieved_date__gt=F("due_date"))),
            missed=Count("id", filter=Q(status__in=[MilestoneStatus.MISSED, MilestoneStatus.CANCELLED])),
            open=Count("id", filter=open_),
        )
        .order_by("quarter")
    )
    return [QuarterDelivery(r["quarter"], r["on_time"], r["late"], r["missed"] + r["open"]) for r in rows]


def dyad_events(dyad: Dyad) -> tuple[list[Rupture], list[Normalisation]]:
    """The dyad's ruptures and normalisations, by date (two queries)."""
    return list(dyad.ruptures.all()), list(dyad.normalisations.all())


SEARCH_LIMIT = 20


@dataclass(frozen=True)
class SearchResults:
    """Public records matching a search: every dyad may match, programs and milestones only when published."""

    dyads: list[Dyad]
    programs: list[Program]
    milestones: list[Milestone]

    @property
    def count(self) -> int:
        return len(self.dyads) + len(self.programs) + len(self.milestones)


def public_search(text: str) -> SearchResults:
    """The best SEARCH_LIMIT matches of each kind, in three queries."""
    dyads = Dyad.objects.search(text).select_related("state_a", "state_b").order_by("-search_rank", "slug")
    programs = (
        Program.objects.published()
        .search(text)
        .select_related("dyad__state_a", "dyad__state_b")
        .order_by("-search_rank", "title")
    )
    milestones = (
        Milestone.objects.published()
        .search(text)
        .select_related("program__dyad__state_a", "program__dyad__state_b")
        .order_by("-search_rank", "due_date")
    )
    return SearchResults(
        dyads=list(dyads[:SEARCH_LIMIT]),
        programs=list(programs[:SEARCH_LIMIT]),
        milestones=list(milestones[:SEARCH_LIMIT]),
    )
