"""Reads of results frameworks shared by pages, the API's neighbours, the IATI export and the index.

`public_results` is the one place a results framework is turned into what
the public may see: plain rows in which an actual (value, comment, evidence,
breakdowns) exists only once approved. Pages, charts, CSVs and the IATI
export all read these rows, so no draft can slip into any of them.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from programs.models import Program
from programs.permissions import staff_state

from .attainment import AttainmentInput
from .models import ActualStatus, Breakdown, Dimension, Indicator, IndicatorKind, ReportingPeriod, Result, ResultType


@dataclass(frozen=True)
class PublicBreakdown:
    dimension: str
    category: str
    value: Decimal


@dataclass(frozen=True)
class PublicPeriod:
    """A period as the public sees it: the actual's fields are empty until it is approved."""

    pk: int
    start: date
    end: date
    target: Decimal | None
    target_comment: str
    approved: bool
    actual: Decimal | None
    actual_comment: str
    evidence_url: str
    has_document: bool
    breakdowns: tuple[PublicBreakdown, ...]


@dataclass(frozen=True)
class PublicIndicator:
    pk: int
    title: str
    description: str
    kind: str
    unit: str
    ascending: bool
    cumulative: bool
    baseline_value: Decimal | None
    baseline_date: date | None
    baseline_comment: str
    dimensions: tuple[tuple[str, tuple[str, ...]], ...]
    periods: tuple[PublicPeriod, ...]

    @property
    def is_quantitative(self) -> bool:
        return self.kind == IndicatorKind.QUANTITATIVE

    @property
    def approved_periods(self) -> list[PublicPeriod]:
        return [p for p in self.periods if p.approved]


@dataclass(frozen=True)
class PublicResult:
    pk: int
    program_id: int
    type: str
    title: str
    description: str
    indicators: tuple[PublicIndicator, ...]

    @property
    def type_label(self) -> str:
        return str(ResultType(self.type).label)


def framework(results: QuerySet[Result]) -> QuerySet[Result]:
    """`results` with their indicators, dimensions, periods and breakdowns: five queries in all."""
    breakdowns = Breakdown.objects.select_related("dimension").order_by("dimension_id", "id")
    periods = ReportingPeriod.objects.order_by("start", "id").prefetch_related(
        Prefetch("breakdowns", queryset=breakdowns)
    )
    indicators = Indicator.objects.order_by("id").prefetch_related(
        Prefetch("dimensions", queryset=Dimension.objects.order_by("id")),
        Prefetch("periods", queryset=periods),
    )
    return results.order_by("program_id", "id").prefetch_related(Prefetch("indicators", queryset=indicators))


def _public_period(period: ReportingPeriod) -> PublicPeriod:
    approved = period.status == ActualStatus.APPROVED
    return PublicPeriod(
        pk=period.pk,
        start=period.start,
        end=period.end,
        target=period.target_value,
        target_comment=period.target_comment,
        approved=approved,
        actual=period.actual_value if approved else None,
        actual_comment=period.actual_comment if approved else "",
        evidence_url=period.evidence_url if approved else "",
        has_document=approved and bool(period.evidence_document),
        breakdowns=tuple(
            PublicBreakdown(b.dimension.name, b.category, b.value) for b in period.breakdowns.all() if approved
        ),
    )


def _public_indicator(indicator: Indicator) -> PublicIndicator:
    return PublicIndicator(
        pk=indicator.pk,
        title=indicator.title,
        description=indicator.description,
        kind=indicator.kind,
        unit=indicator.unit,
        ascending=indicator.ascending,
        cumulative=indicator.cumulative,
        baseline_value=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        baseline_comment=indicator.baseline_comment,
        dimensions=tuple((d.name, tuple(d.categories)) for d in indicator.dimensions.all()),
        periods=tuple(_public_period(p) for p in indicator.periods.all()),
    )


def public_results(program_ids: Iterable[int]) -> dict[int, list[PublicResult]]:
    """Each published program's results framework as the public sees it, in five queries whatever the size."""
    grouped: dict[int, list[PublicResult]] = defaultdict(list)
    for result in framework(Result.objects.published().filter(program_id__in=list(program_ids))):
        grouped[result.program_id].append(
            PublicResult(
                pk=result.pk,
                program_id=result.program_id,
                type=result.type,
                title=result.title,
                description=result.description,
                indicators=tuple(_public_indicator(i) for i in result.indicators.all()),
            )
        )
    return dict(grouped)


QUEUE_LIMIT = 50


def _of_state(state: str) -> Q:
    prefix = "indicator__result__program__dyad__"
    return Q(**{f"{prefix}state_a_id": state}) | Q(**{f"{prefix}state_b_id": state})


@dataclass
class ActualsQueue:
    """What a ministry's staff should act on: the other side's actuals to review, and their own late ones."""

    to_review: list[ReportingPeriod]
    late: list[ReportingPeriod]


def actuals_queue(user: User, today: date | None = None) -> ActualsQueue:
    """The user's state's queue, in one query (at most QUEUE_LIMIT of each).

    To review: submitted by the other state, of its dyads' programs. Late:
    not submitted REPORTING_DAYS after the period ended (see `late`).
    """
    state = staff_state(user)
    if state is None:
        return ActualsQueue([], [])
    today = today or timezone.localdate()
    to_review = Q(status=ActualStatus.SUBMITTED) & ~Q(submitted_state_id=state)
    late = ReportingPeriod.objects.late(today).values("pk")
    periods = (
        ReportingPeriod.objects.filter(_of_state(state))
        .filter(to_review | Q(pk__in=late))
        .select_related("indicator__result__program", "submitted_state")
        .order_by("end", "id")
    )
    queue = ActualsQueue([], [])
    for period in periods:
        target = queue.to_review if period.status == ActualStatus.SUBMITTED else queue.late
        if len(target) < QUEUE_LIMIT:
            target.append(period)
    return queue


def program_public_results(program: Program) -> list[PublicResult]:
    return public_results([program.pk]).get(program.pk, [])


ATTAINMENT_FIELDS = (
    "indicator__result__program__dyad_id",
    "indicator_id",
    "indicator__result__program_id",
    "start",
    "end",
    "target_value",
    "actual_value",
    "indicator__baseline_value",
    "indicator__ascending",
    "indicator__cumulative",
)


def attainment_inputs(dyad_ids: Iterable[int] | None = None) -> dict[int, list[AttainmentInput]]:
    """Per dyad, what indicator attainment (index method 1.2) rests on, in one query.

    Approved periods only, of quantitative indicators of published programs,
    with both a target and an actual; ordered by indicator and period end.
    """
    periods = ReportingPeriod.objects.published().filter(
        indicator__kind=IndicatorKind.QUANTITATIVE, target_value__isnull=False, actual_value__isnull=False
    )
    if dyad_ids is not None:
        periods = periods.filter(indicator__result__program__dyad_id__in=list(dyad_ids))
    grouped: dict[int, list[AttainmentInput]] = defaultdict(list)
    rows = periods.order_by("indicator__result__program__dyad_id", "indicator_id", "end").values_list(
        *ATTAINMENT_FIELDS
    )
    for dyad_id, indicator_id, program_id, start, end, target, actual, baseline, ascending, cumulative in rows:
        grouped[dyad_id].append(
            AttainmentInput(
                indicator_id=indicator_id,
                program_id=program_id,
                period_start=start,
                period_end=end,
                target=float(target),
                actual=float(actual),
                baseline=float(baseline) if baseline is not None else None,
                ascending=ascending,
                cumulative=cumulative,
            )
        )
    return dict(grouped)
