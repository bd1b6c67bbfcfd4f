"""Every date a person types is one the domain knows: 1945 to 30 years ahead, in forms, API and database."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.dates import EARLIEST, latest_allowed
from evaluation.models import Evaluation
from milestones.models import Milestone
from programs.models import Program, Rupture
from tests.factories import EvaluationFactory, MilestoneFactory, ProgramFactory
from tests.people import staff
from tests.programs.test_workspace_pages import form_data
from trustindex import engine
from trustindex.loader import LoadedDyad
from trustindex.method import DyadInputs, ProgramInput

pytestmark = pytest.mark.django_db


def test_thirty_years_ahead_is_the_latest_allowed_and_29_february_falls_back():
    assert latest_allowed(date(2026, 5, 1)) == date(2056, 5, 1)
    assert latest_allowed(date(2028, 2, 29)) == date(2058, 2, 28)


def test_the_workspace_form_refuses_a_program_starting_in_year_one(client, dyad):
    client.force_login(staff("SA"))
    response = client.post(reverse("workspace:program_new"), {"dyad": dyad.pk, **form_data(start_date="0001-01-01")})
    assert response.status_code == 200
    assert "Give a date from 1945-01-01" in str(response.context["form"].errors["start_date"])
    assert not Program.objects.exists()


def test_the_form_refuses_an_end_more_than_thirty_years_ahead(client, dyad):
    client.force_login(staff("SA"))
    too_late = (latest_allowed() + timedelta(days=1)).isoformat()
    response = client.post(reverse("workspace:program_new"), {"dyad": dyad.pk, **form_data(end_date=too_late)})
    assert "end_date" in response.context["form"].errors


@pytest.mark.parametrize(
    ("model", "field", "factory"),
    [
        (Program, "start_date", ProgramFactory),
        (Program, "end_date", ProgramFactory),
        (Milestone, "due_date", MilestoneFactory),
        (Evaluation, "date", EvaluationFactory),
    ],
)
def test_the_database_refuses_a_date_before_1945_whatever_the_code_path(model, field, factory):
    record = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**{field: date(1, 1, 1)})


def test_the_database_refuses_a_rupture_before_1945(dyad):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rupture.objects.create(dyad=dyad, date=date(1900, 1, 1), kind="other")


def test_an_evaluation_cannot_be_dated_before_its_program_starts(program):
    evaluation = EvaluationFactory.build(program=program, organisation=EvaluationFactory().organisation)
    evaluation.date = program.start_date - timedelta(days=1)
    with pytest.raises(Exception, match="before its program starts"):
        evaluation.full_clean()


def test_a_series_never_starts_before_1945_whatever_it_is_given():
    # Data from before the bounds (or written around them) still makes a bounded series.
    ancient = ProgramInput(
        domain="cultural",
        start_date=date(1, 1, 1),
        end_date=None,
        is_cancelled=False,
        contribution_a=1,
        contribution_b=1,
    )
    loaded = LoadedDyad(1, DyadInputs(programs=(ancient,), milestones=(), evaluations=()))
    today = timezone.localdate()
    batch = engine.build_series(loaded, today=today, config=engine.index_config())
    assert batch.as_of_dates()[0] >= EARLIEST
    assert len(batch) <= (today.year - EARLIEST.year + 1) * 12 + 1
