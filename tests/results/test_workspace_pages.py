"""The workspace pages of the results framework: build, record, submit, review, and what each side sees."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from results import services
from results.models import ActualStatus, Indicator, ReportingPeriod, Result
from tests.people import staff

from .conftest import PDF

pytestmark = pytest.mark.django_db


def test_a_ministry_builds_the_framework_from_the_program_page(client, framework):
    client.force_login(framework.iran)
    page = client.get(reverse("workspace:program", kwargs={"pk": framework.program.pk})).content.decode()
    assert "Add a result" in page and "Students exchanged" in page
    client.post(
        reverse("workspace:result_new", kwargs={"pk": framework.program.pk}), {"type": "outcome", "title": "Trust"}
    )
    result = Result.objects.get(title="Trust")
    response = client.post(
        reverse("workspace:indicator_new", kwargs={"pk": result.pk}),
        {"title": "Visits", "kind": "quantitative", "unit": "visits", "ascending": "on", "dimensions": "Gender: f, m"},
    )
    indicator = Indicator.objects.get(title="Visits")
    assert response["Location"] == reverse("workspace:indicator", kwargs={"pk": indicator.pk})
    assert indicator.dimensions.get().categories == ["f", "m"]
    client.post(
        reverse("workspace:period_new", kwargs={"pk": indicator.pk}),
        {"start": "2024-01-01", "end": "2024-12-31", "target_value": "12"},
    )
    assert indicator.periods.get().target_value == 12


def test_form_errors_show_next_to_the_field(client, framework):
    client.force_login(framework.iran)
    response = client.post(
        reverse("workspace:period_new", kwargs={"pk": framework.indicator.pk}),
        {"start": "2024-06-01", "end": "2025-05-31"},
    )
    assert response.status_code == 200 and "overlaps another period" in response.content.decode()
    response = client.post(
        reverse("workspace:indicator_new", kwargs={"pk": framework.indicator.result_id}),
        {"title": "X", "kind": "quantitative", "dimensions": "no colon here"},
    )
    page = response.content.decode()
    assert "needs a unit" in page and "Line 1" in page


def test_a_third_state_may_not_build_nor_see_drafts(client, framework):
    record = {"actual_value": Decimal("4321"), "evidence_url": "https://example.org/x"}
    services.record_actual(user=framework.iran, period=framework.period, **record)
    client.force_login(staff("FR"))
    assert client.get(reverse("workspace:result_new", kwargs={"pk": framework.program.pk})).status_code == 403
    page = client.get(reverse("workspace:program", kwargs={"pk": framework.program.pk})).content.decode()
    assert "4321" not in page
    period_page = client.get(reverse("workspace:period", kwargs={"pk": framework.period.pk})).content.decode()
    assert "4321" not in period_page and "Not yet approved" in period_page


def test_record_with_evidence_then_submit_then_the_other_side_returns_it(client, framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(framework.iran)
    url = reverse("workspace:period_actual", kwargs={"pk": framework.period.pk})
    response = client.post(
        url,
        {
            "actual_value": "150",
            f"breakdown_{framework.side.pk}_0": "80",
            "version": framework.period.version,
            "evidence_document": SimpleUploadedFile("list.pdf", PDF),
        },
    )
    assert response.status_code == 302
    client.post(reverse("workspace:period_submit", kwargs={"pk": framework.period.pk}))
    period_url = reverse("workspace:period", kwargs={"pk": framework.period.pk})
    assert "Your side's review" not in client.get(period_url).content.decode()  # not for the submitting side

    client.force_login(framework.saudi)
    queue = client.get(reverse("workspace:programs")).content.decode()
    assert "Actuals awaiting your side's approval" in queue and period_url in queue
    assert "Your side's review" in client.get(period_url).content.decode()
    client.post(reverse("workspace:period_return", kwargs={"pk": framework.period.pk}), {"review_comment": ""})
    assert ReportingPeriod.objects.get().status == ActualStatus.SUBMITTED  # a return needs a comment
    client.post(reverse("workspace:period_return", kwargs={"pk": framework.period.pk}), {"review_comment": "Why 80?"})
    client.force_login(framework.iran)
    page = client.get(period_url).content.decode()
    assert "Returned for revision" in page and "Why 80?" in page and "History" in page


def test_late_actuals_are_listed_for_the_ministries(client, framework):
    client.force_login(framework.iran)
    page = client.get(reverse("workspace:programs")).content.decode()
    assert "Late actuals" in page and framework.indicator.title in page  # 2024 ended long ago
    assert framework.period.end < date.today()
