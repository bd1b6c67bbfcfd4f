"""Turn the database into the trust index method's inputs (`DyadInputs`).

Two loaders share the same row conversions, so they give identical inputs:

- `load_dyad_inputs(dyad_id)`: one dyad in four queries (dyad, programs,
  milestones, evaluations), whatever the number of records.
- `iter_dyad_inputs(chunk_size)`: every dyad, ordered by id, a chunk of dyads
  at a time with the same three per-chunk queries streamed through
  `.iterator()`, so a full run never holds more than one chunk in memory.

Rules (docs/trust-index.md): only published programs count
(`Program.objects.published()`); all their milestones (public = milestone
published, evidence = a link or a document) and their published evaluations
(`Evaluation.objects.published()`; independent = declaration signed).

Contributions are converted to settings.TRUST_INDEX["BASE_CURRENCY"] with
settings.TRUST_INDEX["FX_RATES"]. A non-zero contribution in a currency with
no rate raises `UnknownCurrencyError`: guessing would silently bias the
reciprocity component, so the dyad is not indexed until a rate is configured
(a full run logs it, counts the dyad as failed and goes on). A zero
contribution needs no rate.
"""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.conf import settings

from evaluation.models import Evaluation
from evaluation.scoring import DAC_CRITERIA
from milestones.models import Milestone
from programs.choices import ProgramStatus
from programs.models import Dyad, Program

from .method import DyadInputs, EvaluationInput, MilestoneInput, ProgramInput

PROGRAM_FIELDS = (
    "domain",
    "status",
    "start_date",
    "end_date",
    "contribution_a",
    "currency_a",
    "contribution_b",
    "currency_b",
)
MILESTONE_FIELDS = (
    "due_date",
    "status",
    "achieved_date",
    "cancelled_jointly",
    "is_published",
    "evidence_url",
    "evidence_document",
)
EVALUATION_FIELDS = ("date", *DAC_CRITERIA, "independence_declared")
STREAM_BATCH = 20_000


class UnknownCurrencyError(ValueError):
    """A contribution is recorded in a currency that has no configured exchange rate."""


@dataclass(frozen=True, slots=True)
class LoadedDyad:
    dyad_id: int
    inputs: DyadInputs


def fx_rates() -> Mapping[str, float]:
    return settings.TRUST_INDEX["FX_RATES"]


def _in_base_currency(amount, currency: str, rates: Mapping[str, float]) -> float:
    if not amount:
        return 0.0
    try:
        rate = rates[currency]
    except KeyError:
        raise UnknownCurrencyError(
            f"No exchange rate for {currency!r} in settings.TRUST_INDEX['FX_RATES'] "
            f"(TRUST_INDEX_FX_RATES); add one to index contributions in {currency}."
        ) from None
    return float(amount) * float(rate)


def program_input(row: tuple, rates: Mapping[str, float]) -> ProgramInput:
    domain, status, start, end, amount_a, currency_a, amount_b, currency_b = row
    return ProgramInput(
        domain=domain,
        start_date=start,
        end_date=end,
        is_cancelled=status == ProgramStatus.CANCELLED,
        contribution_a=_in_base_currency(amount_a, currency_a, rates),
        contribution_b=_in_base_currency(amount_b, currency_b, rates),
    )


def milestone_input(row: tuple) -> MilestoneInput:
    due, status, achieved, jointly, published, url, document = row
    return MilestoneInput(
        due_date=due,
        status=status,
        achieved_date=achieved,
        cancelled_jointly=jointly,
        is_public=published,
        has_evidence=bool(url or document),
    )


def evaluation_input(row: tuple) -> EvaluationInput:
    # Only published evaluations are loaded, hence is_published=True.
    return EvaluationInput(date=row[0], ratings=row[1:7], is_published=True, is_independent=row[7])


def _programs(**filters):
    return Program.objects.published().filter(**filters).order_by()


def _milestones(**filters):
    return Milestone.objects.of_published_programs().filter(**filters).order_by()


def _evaluations(**filters):
    return Evaluation.objects.published().filter(**filters).order_by()


def load_dyad_inputs(dyad_id: int) -> LoadedDyad:
    """One dyad's inputs in four queries; raises Dyad.DoesNotExist for an unknown id."""
    if not Dyad.objects.filter(pk=dyad_id).exists():
        raise Dyad.DoesNotExist(f"no dyad {dyad_id}")
    rates = fx_rates()
    programs = _programs(dyad_id=dyad_id).values_list(*PROGRAM_FIELDS)
    milestones = _milestones(program__dyad_id=dyad_id).values_list(*MILESTONE_FIELDS)
    evaluations = _evaluations(program__dyad_id=dyad_id).values_list(*EVALUATION_FIELDS)
    inputs = DyadInputs(
        programs=tuple(program_input(row, rates) for row in programs),
        milestones=tuple(milestone_input(row) for row in milestones),
        evaluations=tuple(evaluation_input(row) for row in evaluations),
    )
    return LoadedDyad(dyad_id, inputs)


def _grouped(queryset, convert) -> dict[int, list]:
    """Rows of (dyad_id, *fields) converted and grouped by dyad, streamed from the cursor."""
    groups: dict[int, list] = defaultdict(list)
    for row in queryset.iterator(chunk_size=STREAM_BATCH):
        groups[row[0]].append(convert(row[1:]))
    return groups


def load_chunk(dyads: list[tuple[int, str]]) -> list[LoadedDyad | UnknownCurrencyError]:
    """Inputs of the given (id, slug) dyads in three queries; a dyad whose programs use
    a currency with no rate gets the error in its place."""
    ids = [dyad_id for dyad_id, _ in dyads]
    rates = fx_rates()
    program_rows = _grouped(_programs(dyad_id__in=ids).values_list("dyad_id", *PROGRAM_FIELDS), tuple)
    milestones = _grouped(
        _milestones(program__dyad_id__in=ids).values_list("program__dyad_id", *MILESTONE_FIELDS), milestone_input
    )
    evaluations = _grouped(
        _evaluations(program__dyad_id__in=ids).values_list("program__dyad_id", *EVALUATION_FIELDS), evaluation_input
    )
    loaded: list[LoadedDyad | UnknownCurrencyError] = []
    for dyad_id, _slug in dyads:
        try:
            programs = tuple(program_input(row, rates) for row in program_rows.get(dyad_id, ()))
        except UnknownCurrencyError as error:
            loaded.append(error)
            continue
        inputs = DyadInputs(programs, tuple(milestones.get(dyad_id, ())), tuple(evaluations.get(dyad_id, ())))
        loaded.append(LoadedDyad(dyad_id, inputs))
    return loaded


def dyad_id_chunks(chunk_size: int) -> Iterator[list[tuple[int, str]]]:
    """All dyads as (id, slug), in id order, chunk_size at a time (keyset pagination)."""
    last_id = 0
    while True:
        chunk = list(Dyad.objects.filter(pk__gt=last_id).order_by("pk").values_list("pk", "slug")[:chunk_size])
        if not chunk:
            return
        yield chunk
        last_id = chunk[-1][0]


def iter_dyad_inputs(chunk_size: int = 100) -> Iterator[LoadedDyad | UnknownCurrencyError]:
    """Every dyad's inputs in id order, loading chunk_size dyads at a time."""
    for chunk in dyad_id_chunks(chunk_size):
        yield from load_chunk(chunk)
