"""The IATI export: valid 2.03 activity XML of published programs, with only approved actuals."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from iati.schema import safe_parser, schema_errors
from results.models import ActualStatus, Breakdown
from tests.factories import (
    DimensionFactory,
    EvaluationFactory,
    IndicatorFactory,
    MinistryFactory,
    PeriodFactory,
    ProgramFactory,
    ResultFactory,
    state,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def published(dyad, settings, tmp_path):
    """A published program with both ministries, an evaluation report, and an indicator with three periods."""
    settings.MEDIA_ROOT = tmp_path
    program = ProgramFactory(
        dyad=dyad,
        title="Student exchange",
        summary="Students from both sides study a semester across the gulf.",
        ministry_a=MinistryFactory(state=state("IR"), name="Ministry of Science"),
        ministry_b=MinistryFactory(state=state("SA"), name="Ministry of Education"),
        currency_a="IRR",
        currency_b="SAR",
        end_date=date(2026, 12, 31),
        status="active",
    )
    evaluation = EvaluationFactory(program=program)
    evaluation.report_document.save("report.pdf", SimpleUploadedFile("report.pdf", PDF))
    indicator = IndicatorFactory(
        result=ResultFactory(program=program, title="Young people meet", type="outcome"),
        title="Students exchanged",
        description="Counted at the end of the semester.",
        baseline_comment="None before the rupture.",
        cumulative=True,
    )
    side = DimensionFactory(indicator=indicator)
    approved = PeriodFactory(
        indicator=indicator,
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        actual_value=Decimal("150"),
        actual_comment="Two cohorts.",
        evidence_url="https://example.org/cohorts.pdf",
        status=ActualStatus.APPROVED,
        submitted_state=state("IR"),
        target_comment="Two cohorts of 100.",
    )
    approved.evidence_document.save("list.pdf", SimpleUploadedFile("list.pdf", PDF))
    Breakdown.objects.create(period=approved, dimension=side, category="Iran", value=Decimal("80"))
    Breakdown.objects.create(period=approved, dimension=side, category="Saudi Arabia", value=Decimal("70"))
    PeriodFactory(
        indicator=indicator,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        actual_value=Decimal("4321"),
        status=ActualStatus.SUBMITTED,
        submitted_state=state("IR"),
    )
    ProgramFactory(dyad=dyad, title="A draft program", is_published=False)
    return program


def fetch(client, url: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/xml")
    assert schema_errors(response.content) == []
    return etree.fromstring(response.content, safe_parser())


def test_every_published_program_is_exported_as_valid_iati_2_03(client, published):
    root = fetch(client, reverse("iati:activities"))
    assert root.get("version") == "2.03"
    assert [a.findtext("title/narrative") for a in root.iter("iati-activity")] == ["Student exchange"]


def test_the_activity_carries_identifier_organisations_status_dates_sector_and_budgets(client, published):
    activity = fetch(client, reverse("iati:program", kwargs={"pk": published.pk})).find("iati-activity")
    assert activity.findtext("iati-identifier") == f"XX-CONCORD-{published.pk}"
    assert activity.findtext("description/narrative").startswith("Students from both sides")
    orgs = [(o.get("role"), o.findtext("narrative")) for o in activity.iter("participating-org")]
    assert orgs == [
        ("1", "Ministry of Science, Iran"),
        ("1", "Ministry of Education, Saudi Arabia"),
        ("4", "Body A"),
        ("4", "Body B"),
    ]
    assert activity.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in activity.iter("activity-date")] == [
        ("2", "2023-01-01"),
        ("3", "2026-12-31"),
    ]
    assert [c.get("code") for c in activity.iter("recipient-country")] == ["IR", "SA"]
    assert activity.find("sector").get("code") == "16061"  # cultural: culture and recreation
    budgets = [(b.find("value").get("currency"), b.findtext("value")) for b in activity.iter("budget")]
    assert budgets == [("IRR", "600000.00"), ("SAR", "400000.00")]
    report = activity.find("document-link")
    assert report.find("category").get("code") == "A07"
    assert report.get("url").endswith(f"/files/evaluations/{published.evaluations.get().pk}/report/")


def test_results_carry_baseline_targets_and_approved_actuals_only(client, published):
    activity = fetch(client, reverse("iati:program", kwargs={"pk": published.pk})).find("iati-activity")
    result = activity.find("result")
    assert result.get("type") == "2" and result.findtext("title/narrative") == "Young people meet"
    indicator = result.find("indicator")
    assert (indicator.get("measure"), indicator.get("ascending"), indicator.get("aggregation-status")) == (
        "1",
        "1",
        "0",
    )
    assert indicator.findtext("description/narrative").endswith("Unit: students.")
    baseline = indicator.find("baseline")
    assert (baseline.get("year"), baseline.get("value"), baseline.findtext("comment/narrative")) == (
        "2023",
        "0",
        "None before the rupture.",
    )
    first, second = indicator.findall("period")
    assert first.find("target").get("value") == "200"
    actuals = first.findall("actual")
    assert [a.get("value") for a in actuals] == ["150", "80", "70"]
    assert [(d.get("name"), d.get("value")) for d in actuals[1].iter("dimension")] == [("Side", "Iran")]
    links = [(link.get("url"), link.find("category").get("code")) for link in actuals[0].iter("document-link")]
    assert links[0] == ("https://example.org/cohorts.pdf", "A08")
    assert links[1][0].endswith(reverse("period_evidence", kwargs={"pk": first_period_pk(published)}))
    assert second.find("target").get("value") == "200" and second.find("actual") is None
    assert b"4321" not in etree.tostring(activity)


def first_period_pk(program) -> int:
    return program.results.get().indicators.get().periods.order_by("start").first().pk


def test_a_draft_program_is_not_exported(client, published):
    draft = ProgramFactory(dyad=published.dyad, is_published=False)
    assert client.get(reverse("iati:program", kwargs={"pk": draft.pk})).status_code == 404


def test_the_dyad_filter_and_its_errors(client, published):
    other = ProgramFactory(dyad__state_a=state("JP"), dyad__state_b=state("KR"), title="Youth exchange")
    root = fetch(client, reverse("iati:activities") + "?dyad=jp-kr")
    assert [a.findtext("title/narrative") for a in root.iter("iati-activity")] == [other.title]
    unknown = client.get(reverse("iati:activities") + "?dyad=xx-yy")
    assert unknown.status_code == 400 and unknown.json()["error"]["fields"]["dyad"]
    typo = client.get(reverse("iati:activities") + "?dyd=ir-sa")
    assert typo.status_code == 400


def test_the_export_runs_a_fixed_number_of_queries(client, published, django_assert_max_num_queries):
    for _ in range(5):
        program = ProgramFactory(dyad=published.dyad)
        indicator = IndicatorFactory(result=ResultFactory(program=program))
        PeriodFactory(indicator=indicator)
        EvaluationFactory(program=program)
    with django_assert_max_num_queries(10):
        fetch(client, reverse("iati:activities"))


def test_the_schema_check_reports_what_breaks_it():
    broken = b'<iati-activities version="2.03"><iati-activity><iati-identifier>X-1</iati-identifier></iati-activity>'
    broken += b"</iati-activities>"
    errors = schema_errors(broken)
    assert errors and "reporting-org" in errors[0]


def test_each_language_of_the_title_and_description_is_a_narrative_with_its_xml_lang(client, published):
    published.language = "fa"
    published.i18n = {"title_fa": "تبادل دانشجو", "title_ar": "تبادل الطلاب", "summary_fa": "دانشجویان دو کشور"}
    published.save()
    activity = fetch(client, reverse("iati:program", kwargs={"pk": published.pk})).find("iati-activity")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    titles = [(n.get(lang), n.text) for n in activity.find("title").iter("narrative")]
    assert titles == [("fa", "تبادل دانشجو"), (None, "Student exchange"), ("ar", "تبادل الطلاب")]
    descriptions = [(n.get(lang), n.text) for n in activity.find("description").iter("narrative")]
    assert descriptions[0] == ("fa", "دانشجویان دو کشور") and descriptions[1][0] is None
