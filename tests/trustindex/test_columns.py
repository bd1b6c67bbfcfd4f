"""The columnar loader (records packed into one bytea per input, read by numpy) gives the same
arrays as the dataclass loader, for every kind of record, in one query whatever the number of dyads."""

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from evaluation.scoring import DAC_CRITERIA
from milestones.models import MilestoneStatus
from programs.choices import ProgramStatus
from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, state
from tests.trustindex.index_fixtures import worked_example_dyad
from trustindex import columns
from trustindex.loader import UnknownCurrencyError, load_dyad_inputs
from trustindex.method import DyadArrays

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.usefixtures("on_postgres"),
]  # the columnar path is PostgreSQL's
ARRAYS = ("m_due", "m_achieved", "m_cancelled", "m_joint", "m_open_book", "m_late_score", "a_ord", "a_new_quarter",
          "e_date", "e_score", "p_start", "p_end", "p_a", "p_b", "p_domain")  # fmt: skip


def ratings(values):
    return dict(zip(DAC_CRITERIA, values, strict=True))


def varied_dyad():
    dyad = DyadFactory(state_a=state("CO"), state_b=state("VE"))
    money = {"contribution_a": Decimal("1234.56"), "currency_a": "EUR", "contribution_b": Decimal(0)}
    program = ProgramFactory(dyad=dyad, start_date=date(2021, 3, 1), end_date=date(2026, 1, 31), **money)
    ProgramFactory(dyad=dyad, status=ProgramStatus.CANCELLED, domain="health", start_date=date(2019, 5, 5))
    draft = ProgramFactory(dyad=dyad, is_published=False, start_date=date(2010, 1, 1))
    MilestoneFactory(program=draft, due_date=date(2012, 1, 1))
    statuses = [MilestoneStatus.ACHIEVED, MilestoneStatus.MISSED, MilestoneStatus.CANCELLED, MilestoneStatus.PLANNED]
    for n in range(12):
        MilestoneFactory(
            program=program,
            due_date=date(2022, 1 + n % 12, 15),
            status=statuses[n % 4],
            achieved_date=date(2022, 1 + n % 12, 1 + 2 * n) if statuses[n % 4] == MilestoneStatus.ACHIEVED else None,
            cancelled_jointly=statuses[n % 4] == MilestoneStatus.CANCELLED and n % 8 == 2,
            is_published=n % 5 != 0,
            evidence_url="https://example.org/e" if n % 3 == 0 else "",
            evidence_document="evidence/r.pdf" if n == 4 else "",
        )
    EvaluationFactory(program=program, date=date(2023, 6, 1), relevance=None, impact=None)
    EvaluationFactory(program=program, date=date(2024, 6, 1), **ratings((4, 4, 1, 1, 2, 3)))
    EvaluationFactory(program=program, date=date(2024, 7, 1), is_published=False, independence_declared=False)
    return dyad


def assert_same_arrays(one: DyadArrays, other: DyadArrays) -> None:
    assert one.first_data == other.first_data
    assert one.m_earliest == other.m_earliest
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(one, name), getattr(other, name), err_msg=name)


def test_columns_equal_the_dataclass_loader_for_every_kind_of_record(settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0, "EUR": 1.1}}
    dyads = [worked_example_dyad(), varied_dyad(), DyadFactory(state_a=state("IR"), state_b=state("SA"))]
    loaded = columns.load_arrays([d.pk for d in dyads])
    for dyad in dyads:
        assert_same_arrays(loaded[dyad.pk], DyadArrays.from_inputs(load_dyad_inputs(dyad.pk).inputs))


def test_a_dyad_with_a_currency_without_rate_gets_the_loaders_error(settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0}}
    bad = ProgramFactory(contribution_a=Decimal(100), currency_a="CHF")
    good = worked_example_dyad()
    loaded = columns.load_arrays([bad.dyad_id, good.pk])
    assert isinstance(loaded[bad.dyad_id], UnknownCurrencyError) and "CHF" in str(loaded[bad.dyad_id])
    assert isinstance(loaded[good.pk], DyadArrays)


def test_one_query_whatever_the_number_of_dyads(django_assert_num_queries):
    dyads = [worked_example_dyad(), varied_dyad()]
    with django_assert_num_queries(1):
        loaded = columns.load_arrays([d.pk for d in dyads])
    assert len(loaded) == 2


def test_a_dyad_that_does_not_exist_is_left_out():
    dyad = worked_example_dyad()
    assert list(columns.load_arrays([dyad.pk, dyad.pk + 1000])) == [dyad.pk]
