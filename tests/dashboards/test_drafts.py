"""Drafts never reach the public pages, their tables, their CSVs or their embedded chart data."""

import json
import re
from datetime import date

import pytest
from django.urls import reverse

from milestones.models import MilestoneStatus
from tests.factories import EvaluationFactory, EvaluationOrganisationFactory, MilestoneFactory, ProgramFactory

from .conftest import make_history

pytestmark = pytest.mark.django_db

SECRET = "Zq7-unpublished-draft"


def embedded_figures(body: str) -> list[str]:
    return re.findall(r'<script type="application/json" id="figure-[a-z]+">(.*?)</script>', body, re.S)


@pytest.fixture
def drafts(program):
    """A draft program, a draft milestone and a draft evaluation of a published program, and their traces."""
    dyad = program.dyad
    make_history(dyad, months=3)
    draft_program = ProgramFactory(dyad=dyad, title=f"{SECRET} program", is_published=False)
    # A published milestone and evaluation of a draft program are not public either.
    MilestoneFactory(program=draft_program, title=f"{SECRET} milestone of draft program", due_date=date(2024, 5, 1))
    EvaluationFactory(program=draft_program, organisation=EvaluationOrganisationFactory(name=f"{SECRET} org 1"))
    MilestoneFactory(program=program, title=f"{SECRET} milestone", is_published=False, due_date=date(2024, 2, 1))
    EvaluationFactory(
        program=program,
        is_published=False,
        summary=f"{SECRET} evaluation",
        organisation=EvaluationOrganisationFactory(name=f"{SECRET} org 2"),
    )
    MilestoneFactory(
        program=program,
        title="Public milestone",
        due_date=date(2024, 3, 1),
        status=MilestoneStatus.ACHIEVED,
        achieved_date=date(2024, 2, 20),
    )
    return draft_program


def assert_no_draft(body: str) -> None:
    assert SECRET not in body
    for figure in embedded_figures(body):
        assert SECRET not in json.dumps(json.loads(figure))


@pytest.mark.parametrize("page", ["overview", "dyad", "program", "method"])
def test_drafts_are_absent_from_page_html_and_chart_json(client, drafts, program, page):
    url = {
        "overview": reverse("dashboards:overview"),
        "dyad": program.dyad.get_absolute_url(),
        "program": program.get_absolute_url(),
        "method": reverse("dashboards:method"),
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert_no_draft(response.content.decode())


def test_draft_program_page_is_404(client, drafts):
    assert client.get(drafts.get_absolute_url()).status_code == 404


def test_draft_program_csv_is_404(client, drafts):
    assert client.get(reverse("dashboards:program_csv", kwargs={"pk": drafts.pk})).status_code == 404


@pytest.mark.parametrize("table", ["index", "components", "delivery", "programs", "evaluations"])
def test_drafts_are_absent_from_dyad_csvs(client, drafts, program, table):
    url = reverse("dashboards:dyad_csv", kwargs={"slug": program.dyad.slug, "table": table})
    assert SECRET not in client.get(url).content.decode()


def test_drafts_do_not_count_in_milestone_delivery(client, drafts, program):
    url = reverse("dashboards:dyad_csv", kwargs={"slug": program.dyad.slug, "table": "delivery"})
    rows = client.get(url).content.decode().strip().splitlines()[1:]
    assert rows == ["2024-01-01,1,0,0"]


def test_dyad_page_embeds_no_evaluation_chart_when_only_drafts_were_evaluated(client, drafts, program):
    body = client.get(program.dyad.get_absolute_url()).content.decode()
    assert re.findall(r'id="figure-([a-z]+)"', body) == ["history", "components", "delivery", "domains"]
