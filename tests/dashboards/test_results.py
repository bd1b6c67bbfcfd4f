"""The public program page's results: baseline, targets and approved actuals only, in HTML, chart, CSV and files."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Program
from results import services
from results.models import ActualStatus, Breakdown
from tests.factories import DimensionFactory, IndicatorFactory, PeriodFactory, ProgramFactory, ResultFactory, state
from tests.people import staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DRAFT_VALUE = Decimal("4321")  # an unmistakable number that must never appear in public


def approved_period(indicator, start, actual, **extra):
    return PeriodFactory(
        indicator=indicator,
        start=start,
        end=date(start.year, 12, 31),
        actual_value=actual,
        status=ActualStatus.APPROVED,
        submitted_state=state("IR"),
        **extra,
    )


@pytest.fixture
def page(program, settings, tmp_path):
    """An indicator with an approved 2023 (with a breakdown and a document) and three unapproved years."""
    settings.MEDIA_ROOT = tmp_path
    indicator = IndicatorFactory(
        result=ResultFactory(program=program, title="Young people meet"), title="Students exchanged"
    )
    side = DimensionFactory(indicator=indicator, name="Side", categories=["Iran", "Saudi Arabia"])
    approved = approved_period(indicator, date(2023, 1, 1), Decimal("150"), evidence_url="https://example.org/2023")
    approved.evidence_document.save("cohort-2023.pdf", SimpleUploadedFile("cohort-2023.pdf", PDF))
    Breakdown.objects.create(period=approved, dimension=side, category="Iran", value=Decimal("81"))
    hidden = []
    for year, status in ((2024, ActualStatus.SUBMITTED), (2025, ActualStatus.RETURNED), (2026, ActualStatus.DRAFT)):
        period = PeriodFactory(
            indicator=indicator,
            start=date(year, 1, 1),
            end=date(year, 12, 31),
            actual_value=DRAFT_VALUE,
            actual_comment="secret draft words",
            evidence_url=f"https://example.org/draft-{year}",
            status=status,
            submitted_state=None if status == ActualStatus.DRAFT else state("IR"),
        )
        period.evidence_document.save(f"draft-{year}.pdf", SimpleUploadedFile(f"draft-{year}.pdf", PDF))
        Breakdown.objects.create(period=period, dimension=side, category="Saudi Arabia", value=Decimal("4320"))
        hidden.append(period)
    return {"program": program, "indicator": indicator, "approved": approved, "hidden": hidden}


def body(client, program) -> str:
    response = client.get(reverse("dashboards:program", kwargs={"pk": program.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_program_page_shows_baseline_targets_and_the_approved_actual_with_breakdown_and_evidence(client, page):
    html = body(client, page["program"])
    section = html[html.index('id="results"') : html.index("<h2>Milestones</h2>")]
    assert "Young people meet: Students exchanged" in section
    assert "150" in section and "75%" in section  # 150 of a target of 200
    assert "Iran" in section and "81" in section
    assert "https://example.org/2023" in section
    assert reverse("period_evidence", kwargs={"pk": page["approved"].pk}) in section
    assert section.count("not yet approved") == 3
    figure = json.loads(re.search(r'id="figure-indicator-\d+">(.*?)</script>', section, re.S).group(1))
    actual = next(t for t in figure["data"] if "Actual" in t["name"])
    assert actual["y"] == [150.0]
    target = next(t for t in figure["data"] if t["name"] == "Target")
    assert target["y"] == [200.0] * 4
    assert figure["layout"]["shapes"][0]["y0"] == 0.0  # the baseline


def test_unapproved_actuals_never_reach_the_page_the_chart_or_the_csv(client, page):
    csv = client.get(reverse("dashboards:program_results_csv", kwargs={"pk": page["program"].pk})).content.decode()
    for text in (body(client, page["program"]), csv):
        assert "4321" not in text and "4320" not in text
        assert "secret draft words" not in text and "draft-20" not in text
    rows = [line.split(",") for line in csv.strip().splitlines()]
    assert rows[0][:3] == ["result_type", "result", "indicator"]
    assert [r[11] for r in rows[1:] if r[13] == ""] == ["150", "", "", ""]
    assert [(r[13], r[14], r[11]) for r in rows[1:] if r[13]] == [("Side", "Iran", "81")]


def test_evidence_documents_are_served_once_approved_and_never_before(client, page):
    approved = client.get(reverse("period_evidence", kwargs={"pk": page["approved"].pk}))
    assert approved.status_code == 200 and b"".join(approved.streaming_content).startswith(b"%PDF")
    for period in page["hidden"]:
        assert client.get(reverse("period_evidence", kwargs={"pk": period.pk})).status_code == 404


def test_the_submitting_and_approving_sides_see_the_draft_document(client, page):
    client.force_login(staff("SA"))
    assert client.get(reverse("period_evidence", kwargs={"pk": page["hidden"][0].pk})).status_code == 200
    client.force_login(staff("FR"))
    assert client.get(reverse("period_evidence", kwargs={"pk": page["hidden"][0].pk})).status_code == 404


def test_a_draft_program_shows_no_results_anywhere(client, page):
    page["program"].is_published = False
    page["program"].save()
    assert client.get(reverse("dashboards:program", kwargs={"pk": page["program"].pk})).status_code == 404
    assert client.get(reverse("period_evidence", kwargs={"pk": page["approved"].pk})).status_code == 404


def test_approving_an_actual_refreshes_the_cached_page(client, page, django_capture_on_commit_callbacks):
    submitted = page["hidden"][0]  # submitted by Iran
    assert "not yet approved" in body(client, page["program"])  # now cached
    services.approve_actual(user=staff("SA"), period=submitted)
    html = body(client, page["program"])
    assert "4321" in html and html.count("not yet approved") == 2


def test_the_program_page_runs_a_fixed_number_of_queries_whatever_the_results(client, dyad):
    def queries_for(indicators: int) -> int:
        program: Program = ProgramFactory(dyad=dyad)  # type: ignore[assignment]
        for n in range(indicators):
            indicator = IndicatorFactory(result=ResultFactory(program=program))
            DimensionFactory(indicator=indicator)
            for year in (2023, 2024):
                approved_period(indicator, date(year, 1, 1), Decimal(n))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(program.get_absolute_url()).status_code == 200
        return len(captured)

    assert queries_for(1) == queries_for(6)
