"""Method 1.2 in the engine: attainment loaded from approved periods of published programs,
stored, shown and recomputed on approval, only when 1.2 is in force."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from results.models import ActualStatus, IndicatorKind
from tests.factories import DyadFactory, IndicatorFactory, PeriodFactory, ProgramFactory, ResultFactory, state
from trustindex import columns, engine
from trustindex.models import IndexRevision, IndexSnapshot
from trustindex.selectors import current_snapshot

from .index_fixtures import WORKED_EXAMPLE_DAY, worked_example_dyad

pytestmark = pytest.mark.django_db


@pytest.fixture
def v12(settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "METHOD_VERSION": "1.2"}
    return settings


def period(indicator, **kwargs):
    """A period of `indicator`, submitted (if not a draft) by the program's first side."""
    return PeriodFactory(indicator=indicator, submitted_state=indicator.result.program.dyad.state_a, **kwargs)


def approved(indicator, end, target, actual, **kwargs):
    return period(
        indicator,
        start=date(end.year, 1, 1),
        end=end,
        target_value=Decimal(target),
        actual_value=Decimal(actual),
        status=ActualStatus.APPROVED,
        **kwargs,
    )


def indicator_of(dyad, *, published=True, **kwargs):
    program = ProgramFactory(dyad=dyad, is_published=published, start_date=date(2023, 1, 1))
    return IndicatorFactory(result=ResultFactory(program=program), **kwargs)


def worked_example_1_2():
    """The docs' pair X–Y with the three indicators of the 1.2 worked example, and periods that must not count."""
    dyad = worked_example_dyad()
    students = indicator_of(dyad)
    approved(students, date(2024, 12, 31), 200, 150)
    approved(students, date(2025, 12, 31), 250, 260)
    clearance = indicator_of(dyad, ascending=False, unit="hours")
    approved(clearance, date(2025, 6, 30), 24, 30)
    papers = indicator_of(dyad, cumulative=True, unit="papers")
    approved(papers, date(2024, 12, 31), 8, 5)
    approved(papers, date(2025, 12, 31), 16, 12)
    period(papers, start=date(2026, 1, 1), end=date(2026, 12, 31), target_value=Decimal(24),
                  actual_value=Decimal(1), status=ActualStatus.SUBMITTED)  # fmt: skip
    hidden = indicator_of(dyad, published=False)  # a draft program's approved period
    approved(hidden, date(2025, 12, 31), 100, 1)
    words = indicator_of(dyad, kind=IndicatorKind.QUALITATIVE, baseline_value=None)
    period(words, start=date(2025, 1, 1), end=date(2025, 12, 31), status=ActualStatus.APPROVED, target_value=None)
    return dyad


def test_under_1_2_the_dyad_gets_the_docs_attainment_and_value(v12):
    dyad = worked_example_1_2()
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    snapshot = current_snapshot(dyad)
    assert snapshot.method_version == "1.2"
    assert snapshot.value == 45.4
    assert round(snapshot.components["attainment"]["value"], 4) == 0.8222
    assert snapshot.components["attainment"]["count"] == 3
    assert set(snapshot.weights) == {*engine.index_config().weights} and len(snapshot.weights) == 7


def test_under_1_1_nothing_of_attainment_is_computed_or_read():
    dyad = worked_example_1_2()
    with CaptureQueriesContext(connection) as queries:
        loaded = columns.load_arrays([dyad.pk])
    assert not any("results_reportingperiod" in q["sql"] for q in queries.captured_queries)
    assert loaded[dyad.pk].attainment.end.size == 0
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    snapshot = current_snapshot(dyad)
    assert (snapshot.method_version, snapshot.value) == ("1.1", 41.7)
    assert "attainment" not in snapshot.components


def dyad_with_two_approved_periods(a, b):
    dyad = DyadFactory(state_a=state(a), state_b=state(b))
    indicator = indicator_of(dyad)
    approved(indicator, date(2024, 12, 31), 200, 150)
    approved(indicator, date(2025, 12, 31), 250, 260)
    return dyad.pk


def test_a_chunk_is_loaded_in_a_fixed_number_of_queries(v12, on_postgres):
    dyads = [dyad_with_two_approved_periods("IR", "SA")]
    with CaptureQueriesContext(connection) as one:
        columns.load_arrays(dyads)
    dyads += [dyad_with_two_approved_periods(*pair) for pair in (("JP", "KR"), ("CO", "VE"), ("QA", "SA"))]
    with CaptureQueriesContext(connection) as four:
        loaded = columns.load_arrays(dyads)
    assert len(four) == len(one) == 2  # the packed records, then the approved periods
    assert [loaded[d].attainment.end.size for d in dyads] == [2, 2, 2, 2]


def test_a_dyad_without_approved_periods_is_indexed_without_attainment(v12):
    dyad = worked_example_dyad()
    period(indicator_of(dyad), status=ActualStatus.SUBMITTED, actual_value=Decimal(150))
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    snapshot = current_snapshot(dyad)
    assert snapshot.components["attainment"] == {"value": None, "count": 0}
    assert snapshot.coverage == pytest.approx(0.65)  # 1 − evaluation 0.25 − attainment 0.10
    assert snapshot.value is not None


def test_switching_to_1_2_records_revisions_with_the_upgrade_as_cause(settings):
    dyad = worked_example_1_2()
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "METHOD_VERSION": "1.2"}
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    revision = IndexRevision.objects.get(dyad=dyad, as_of=WORKED_EXAMPLE_DAY)
    assert (revision.old_value, revision.new_value, revision.cause) == (41.7, 45.4, "method 1.1 → 1.2")
    assert set(IndexSnapshot.objects.filter(dyad=dyad).values_list("method_version", flat=True)) == {"1.1", "1.2"}


@pytest.mark.django_db(transaction=True)
def test_approving_a_period_recomputes_the_dyad_only_under_1_2(recomputes, settings):
    dyad = DyadFactory()
    first = period(indicator_of(dyad), actual_value=Decimal(150), status=ActualStatus.SUBMITTED)
    recomputes.dyads.clear()
    first.status = ActualStatus.APPROVED
    first.save()
    assert recomputes.dyads == []
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "METHOD_VERSION": "1.2"}
    other = period(first.indicator, start=date(2025, 1, 1), end=date(2025, 12, 31),
                   actual_value=Decimal(90), status=ActualStatus.SUBMITTED)  # fmt: skip
    assert recomputes.dyads == []  # a submission cannot change the index
    other.status = ActualStatus.APPROVED
    other.save()
    assert recomputes.dyads == [dyad.pk]
    assert current_snapshot(dyad).components["attainment"]["count"] == 1


def test_the_dyad_page_names_results_attained_only_under_1_2(client, settings):
    dyad = worked_example_1_2()
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    assert "Results attained" not in client.get(dyad.get_absolute_url()).content.decode()
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "METHOD_VERSION": "1.2"}
    cache.clear()  # an operator restarts the site after switching
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    page = client.get(dyad.get_absolute_url()).content.decode()
    assert "Results attained" in page and "3 indicators" in page and "45.4" in page


def test_the_method_page_shows_1_2_and_its_weights_when_in_force(client, settings):
    page = client.get("/method/").content.decode()
    assert "Method 1.2" in page and "in force: 1.1" in page
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "METHOD_VERSION": "1.2"}
    cache.clear()  # an operator restarts the site after switching
    page = client.get("/method/").content.decode()
    assert "Results attained" in page
