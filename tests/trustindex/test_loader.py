"""The loaders turn published records into the method's inputs, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest

from milestones.models import MilestoneStatus
from programs.choices import ProgramStatus
from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, state
from tests.trustindex.index_fixtures import worked_example_dyad
from trustindex.loader import UnknownCurrencyError, iter_dyad_inputs, load_dyad_inputs

pytestmark = pytest.mark.django_db


def _dyad_with(programs: int, milestones_each: int):
    dyad = DyadFactory()
    for _ in range(programs):
        program = ProgramFactory(dyad=dyad)
        MilestoneFactory.create_batch(milestones_each, program=program)
        EvaluationFactory(program=program)
    return dyad


@pytest.mark.parametrize(("programs", "milestones_each"), [(1, 1), (6, 15)])
def test_loading_one_dyad_takes_four_queries_whatever_its_size(django_assert_num_queries, programs, milestones_each):
    dyad = _dyad_with(programs, milestones_each)
    with django_assert_num_queries(4):
        loaded = load_dyad_inputs(dyad.pk)
    assert len(loaded.inputs.milestones) == programs * milestones_each


def test_drafts_and_their_milestones_are_left_out():
    dyad = worked_example_dyad()
    inputs = load_dyad_inputs(dyad.pk).inputs
    assert len(inputs.programs) == 2
    assert len(inputs.milestones) == 3


def test_milestone_public_and_evidence_flags_come_from_publication_and_link_or_document():
    program = ProgramFactory()
    MilestoneFactory(program=program, is_published=False, evidence_url="https://example.org/e")
    MilestoneFactory(program=program, evidence_document="evidence/report.pdf")
    MilestoneFactory(program=program)
    flags = sorted((m.is_public, m.has_evidence) for m in load_dyad_inputs(program.dyad_id).inputs.milestones)
    assert flags == [(False, True), (True, False), (True, True)]


def test_only_published_evaluations_count_and_independence_is_the_declaration():
    program = ProgramFactory()
    EvaluationFactory(program=program, is_published=False, independence_declared=False)
    EvaluationFactory(program=program, relevance=None)
    evaluations = load_dyad_inputs(program.dyad_id).inputs.evaluations
    assert [(e.is_independent, e.ratings) for e in evaluations] == [(True, (None, 3, 2, 3, 2, 4))]


def test_cancelled_program_is_marked_cancelled():
    program = ProgramFactory(status=ProgramStatus.CANCELLED)
    assert load_dyad_inputs(program.dyad_id).inputs.programs[0].is_cancelled


def test_contributions_are_converted_to_the_base_currency(settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0, "EUR": 1.5}}
    program = ProgramFactory(contribution_a=Decimal(100), currency_a="EUR", contribution_b=Decimal(100))
    loaded = load_dyad_inputs(program.dyad_id).inputs.programs[0]
    assert (loaded.contribution_a, loaded.contribution_b) == (150.0, 100.0)


def test_a_currency_without_a_rate_is_a_clear_error(settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0}}
    program = ProgramFactory(contribution_a=Decimal(100), currency_a="CHF")
    with pytest.raises(UnknownCurrencyError, match="CHF"):
        load_dyad_inputs(program.dyad_id)


def test_a_zero_contribution_needs_no_rate(settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0}}
    program = ProgramFactory(contribution_a=Decimal(0), currency_a="CHF")
    assert load_dyad_inputs(program.dyad_id).inputs.programs[0].contribution_a == 0.0


def test_streaming_loader_gives_every_dyad_the_same_inputs_as_the_single_loader():
    dyads = [worked_example_dyad(), _dyad_with(2, 3), DyadFactory(state_a=state("CO"), state_b=state("VE"))]
    ProgramFactory(dyad=dyads[2], start_date=date(2024, 1, 1))
    MilestoneFactory(program__dyad=dyads[2], due_date=date(2024, 2, 1), status=MilestoneStatus.MISSED)
    streamed = list(iter_dyad_inputs(chunk_size=2))
    assert [s.dyad_id for s in streamed] == sorted(d.pk for d in dyads)
    for loaded in streamed:
        single = load_dyad_inputs(loaded.dyad_id)
        for kind in ("programs", "milestones", "evaluations"):
            assert sorted(map(repr, getattr(loaded.inputs, kind))) == sorted(map(repr, getattr(single.inputs, kind)))


def test_streaming_loader_queries_do_not_grow_with_records(django_assert_max_num_queries):
    _dyad_with(5, 10)
    with django_assert_max_num_queries(5):  # one page of dyad ids, three loads, the empty last page
        assert len(list(iter_dyad_inputs(chunk_size=10))) == 1
