"""WCAG 2.1 AA on every public and workspace page: axe-core finds no serious or critical issue,
at desktop and phone width, and no page makes a phone scroll sideways.

Other browser tests check their pages too (tests/a11y.py); this one walks them all, per role.
"""

import pytest
from django.urls import reverse

from evaluation.models import Evaluation, EvaluatorAssignment
from milestones.models import Milestone
from programs.models import Program
from results.models import Indicator, ReportingPeriod
from tests.a11y import axe_violations, describe
from tests.browser import BROWSER_MARKS, DESKTOP, PHONE, log_in, seed_demo_site, sideways_overflow

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]


def pages_by_role(program: Program) -> dict[str | None, list[str]]:
    """Every page, by who may open it (None: anyone), on the demo data."""
    milestone = Milestone.objects.filter(program=program).order_by("pk").first()
    assignment = EvaluatorAssignment.objects.filter(evaluator__username="evaluator").order_by("pk").first()
    indicator = Indicator.objects.filter(result__program=program).order_by("pk").first()
    period = ReportingPeriod.objects.filter(indicator=indicator).order_by("pk").first()
    assert milestone and assignment and indicator and period, "the demo data changed"
    evaluation = Evaluation.objects.filter(program=assignment.program).order_by("pk").first()
    return {
        None: [
            reverse("dashboards:overview"),
            reverse("dashboards:dyad", args=["ir-sa"]),
            program.get_absolute_url(),
            reverse("dashboards:method"),
            reverse("dashboards:accessibility"),
            reverse("login"),
            reverse("password_reset"),
        ],
        "ir-affairs": [
            reverse("workspace:programs"),
            reverse("workspace:program_new"),
            reverse("workspace:program", args=[program.pk]),
            reverse("workspace:program_edit", args=[program.pk]),
            reverse("workspace:milestone_new", args=[program.pk]),
            reverse("workspace:milestone", args=[milestone.pk]),
            reverse("workspace:milestone_update", args=[milestone.pk]),
            reverse("workspace:cancellation_propose", args=[milestone.pk]),
            reverse("workspace:result_new", args=[program.pk]),
            reverse("workspace:result_edit", args=[indicator.result_id]),
            reverse("workspace:indicator_new", args=[indicator.result_id]),
            reverse("workspace:indicator", args=[indicator.pk]),
            reverse("workspace:indicator_edit", args=[indicator.pk]),
            reverse("workspace:period_new", args=[indicator.pk]),
            reverse("workspace:period", args=[period.pk]),
            reverse("workspace:period_edit", args=[period.pk]),
            reverse("workspace:period_actual", args=[period.pk]),
            reverse("iati_workspace:import"),
        ],
        "evaluator": [
            reverse("workspace:inbox"),
            reverse("workspace:evaluation_new", args=[assignment.program_id]),
            *([reverse("workspace:evaluation", args=[evaluation.pk])] if evaluation else []),
        ],
        "coordinator": [
            reverse("workspace:coordinator"),
            reverse("workspace:assignments", args=[program.pk]),
        ],
    }


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_public_and_workspace_page_passes_axe_core(live_server, chromium, viewport):
    program = seed_demo_site()
    problems: list[str] = []
    for role, paths in pages_by_role(program).items():
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        if role:
            log_in(page, live_server.url, role)
        for path in paths:
            response = page.goto(live_server.url + path, wait_until="networkidle")
            assert response.status == 200, f"{path} as {role}: HTTP {response.status}"
            if violations := axe_violations(page):
                problems.append(f"{path} as {role or 'anyone'}:\n{describe(violations)}")
            if (overflow := sideways_overflow(page)) > 1:
                problems.append(f"{path} as {role or 'anyone'}: {overflow} px wider than the window")
        context.close()
    assert problems == [], "\n".join(problems)
