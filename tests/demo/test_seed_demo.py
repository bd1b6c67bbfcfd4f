from datetime import date

import pytest
from django.core.management import call_command

from evaluation.models import Evaluation
from milestones.models import Milestone
from programs.models import Dyad, Program
from results.models import ActualStatus, Breakdown, Indicator, ReportingPeriod, Result

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Dyad, Program, Milestone, Evaluation, Result, Indicator, ReportingPeriod, Breakdown)
    } | {"history": Program.history.count() + Milestone.history.count() + ReportingPeriod.history.count()}


def test_seed_demo_loads_the_historical_dyads_with_programs_milestones_and_evaluations():
    call_command("seed_demo")
    assert set(Dyad.objects.values_list("slug", flat=True)) >= {"ir-sa", "qa-sa", "co-ve", "er-et", "jp-kr", "am-tr"}
    for dyad in Dyad.objects.all():
        assert dyad.ruptures.exists() and dyad.normalisations.exists()
        assert dyad.programs.values("domain").distinct().count() >= 2
    assert Milestone.objects.filter(status="achieved").count() > 50
    assert Evaluation.objects.filter(is_published=True).count() > 10


def test_seed_demo_keeps_some_drafts_private():
    call_command("seed_demo")
    assert Program.objects.filter(is_published=False).exists()


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    before = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == before


def test_every_demo_program_has_results_with_periods_approved_returned_and_late():
    call_command("seed_demo")
    assert not Program.objects.filter(results__isnull=True).exists()
    assert not Result.objects.filter(indicators__isnull=True).exists()
    periods = ReportingPeriod.objects.all()
    assert periods.filter(status=ActualStatus.APPROVED).count() > 20
    assert periods.filter(status=ActualStatus.RETURNED).exclude(review_comment="").exists()
    assert periods.filter(status=ActualStatus.SUBMITTED).exists()
    assert periods.late(date.today()).exists()
    assert Breakdown.objects.filter(period__status=ActualStatus.APPROVED).exists()
    assert Indicator.objects.filter(kind="qualitative").exists()


def test_seeded_records_pass_model_validation():
    call_command("seed_demo")
    for model in (Program, Milestone, Evaluation, Result, Indicator, ReportingPeriod, Breakdown):
        for record in model.objects.all():
            record.full_clean()
