"""Two people edit one results framework: a stale edit is refused with the other's change shown, never lost.

Results, indicators and periods carry a version; breakdown values are versioned through
their period and dimensions through their indicator. Workflow steps are taken on the
version the user saw. Every change lands in the history, credited to who made it, and
the submitting and reviewing sides hear of each step by email.
"""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from core.versioning import BasedOn, EditConflict
from notifications.models import Kind, Notification
from results import services
from results.models import ActualStatus, Breakdown, ReportingPeriod
from tests.people import staff

from .conftest import actual_form

pytestmark = pytest.mark.django_db

EVIDENCE = "https://example.org/list.pdf"


def fresh(period) -> ReportingPeriod:
    return ReportingPeriod.objects.get(pk=period.pk)


def submitted(fw) -> ReportingPeriod:
    services.record_actual(user=fw.iran, period=fw.period, actual_value=Decimal("150"), evidence_url=EVIDENCE)
    return services.submit_actual(user=fw.iran, period=fw.period)


def test_every_write_raises_the_version(framework):
    result, indicator, period = framework.indicator.result, framework.indicator, framework.period
    assert (result.version, indicator.version, period.version) == (1, 1, 1)
    services.update_result(user=framework.iran, result=result, data={"title": "Trust"})
    services.update_indicator(user=framework.iran, indicator=indicator, data={"baseline_value": Decimal("5")})
    services.update_period(user=framework.iran, period=period, data={"target_value": Decimal("210")})
    assert (result.version, indicator.version, period.version) == (2, 2, 2)


def test_a_stale_result_form_is_refused_showing_the_other_change(client, framework):
    result = framework.indicator.result
    url = reverse("workspace:result_edit", kwargs={"pk": result.pk})
    opened = {"type": result.type, "title": result.title, "description": "", "version": result.version}
    services.update_result(user=framework.saudi, result=result, data={"title": "Saudi's title"})

    client.force_login(framework.iran)
    response = client.post(url, opened | {"title": "Iran's title"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "changed by someone else" in page and framework.saudi.username in page
    assert "Saudi&#x27;s title" in page and "Iran&#x27;s title" in page  # theirs, saved; yours, kept in the form
    result.refresh_from_db()
    assert result.title == "Saudi's title"

    # Saving the form shown again applies Iran's change knowingly.
    response = client.post(url, opened | {"title": "Iran's title", "version": result.version})
    result.refresh_from_db()
    assert response.status_code == 302 and result.title == "Iran's title"


def test_edits_of_different_fields_are_both_kept(client, framework):
    result = framework.indicator.result
    opened = {"type": result.type, "title": result.title, "description": "", "version": result.version}
    services.update_result(user=framework.saudi, result=result, data={"title": "Saudi's title"})
    client.force_login(framework.iran)
    response = client.post(reverse("workspace:result_edit", kwargs={"pk": result.pk}), opened | {"description": "Why"})
    result.refresh_from_db()
    assert response.status_code == 302 and (result.title, result.description) == ("Saudi's title", "Why")


def test_a_stale_actual_form_is_refused_for_the_same_breakdown_value(client, framework):
    period, side = framework.period, framework.side
    opened = actual_form(period)
    services.record_actual(
        user=framework.saudi, period=period, actual_comment="Saudi's", breakdowns={side.pk: {"Iran": Decimal("80")}}
    )
    assert fresh(period).version == 2  # a breakdown change is a change of the period

    client.force_login(framework.iran)
    response = client.post(
        reverse("workspace:period_actual", kwargs={"pk": period.pk}),
        opened | {f"breakdown_{side.pk}_0": "90"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Breakdown Side: Iran" in page and framework.saudi.username in page
    assert '<td class="theirs">80</td>' in page and '<td class="yours">90</td>' in page
    form = response.context["form"]  # shown again: as saved now, with Iran's own change on top
    assert form[f"breakdown_{side.pk}_0"].value() == Decimal("90") and form["actual_comment"].value() == "Saudi's"
    assert form["version"].value() == 2
    assert Breakdown.objects.get(period=period, category="Iran").value == 80


def test_breakdown_values_changed_apart_are_both_kept(client, framework):
    period, side = framework.period, framework.side
    opened = actual_form(period)
    services.record_actual(user=framework.saudi, period=period, breakdowns={side.pk: {"Saudi Arabia": Decimal("70")}})
    client.force_login(framework.iran)
    response = client.post(
        reverse("workspace:period_actual", kwargs={"pk": period.pk}),
        opened | {f"breakdown_{side.pk}_0": "80", "actual_value": "150"},
    )
    assert response.status_code == 302
    assert {(b.category, b.value) for b in period.breakdowns.all()} == {("Iran", 80), ("Saudi Arabia", 70)}
    assert fresh(period).actual_value == 150


def test_a_dimension_recategorised_meanwhile_is_not_undone_by_a_stale_indicator_form(client, framework):
    indicator = framework.indicator
    url = reverse("workspace:indicator_edit", kwargs={"pk": indicator.pk})
    client.force_login(framework.iran)
    opened = client.get(url).context["form"].initial | {"version": indicator.version}
    opened = {k: ("" if v is None else v) for k, v in opened.items() if k not in ("id", "result", "ascending")}
    opened["dimensions"] = "Side: Iran, Saudi Arabia"
    services.update_indicator(
        user=framework.saudi, indicator=indicator, data={}, dimensions=[("Side", ["Iran", "Saudi Arabia", "Both"])]
    )
    assert indicator.version == 2
    response = client.post(url, opened | {"dimensions": "Side: Iran, KSA"})
    assert response.status_code == 409 and "Breakdown dimension Side" in response.content.decode()
    assert indicator.dimensions.get().categories == ["Iran", "Saudi Arabia", "Both"]
    history = client.get(reverse("workspace:indicator", kwargs={"pk": indicator.pk})).content.decode()
    history = history[history.index('id="history"') :]
    assert "Breakdown dimension Side" in history and "Iran, Saudi Arabia, Both" in history
    assert framework.saudi.username in history


def test_a_workflow_step_on_a_stale_page_is_refused(client, framework):
    period = framework.period
    services.record_actual(user=framework.iran, period=period, actual_value=Decimal("150"), evidence_url=EVIDENCE)
    seen = fresh(period).version
    services.record_actual(user=framework.saudi, period=period, actual_value=Decimal("151"), evidence_url=EVIDENCE)
    client.force_login(framework.iran)
    response = client.post(reverse("workspace:period_submit", kwargs={"pk": period.pk}), {"version": seen}, follow=True)
    assert fresh(period).status == ActualStatus.DRAFT  # Iran never saw 151: not submitted
    assert (
        "changed since version" in response.content.decode() and framework.saudi.username in response.content.decode()
    )


def test_two_reviewers_approving_at_once_one_wins_the_other_is_told(framework):
    period = submitted(framework)
    seen = BasedOn(period.version, strict=True)
    first, second = framework.saudi, staff("SA")
    services.approve_actual(user=first, period=fresh(period), based_on=seen)
    with pytest.raises(EditConflict) as conflict:
        services.approve_actual(user=second, period=fresh(period), based_on=seen)
    assert first.username in conflict.value.summary
    with pytest.raises(EditConflict):
        services.return_actual(user=second, period=fresh(period), comment="Too late.", based_on=seen)
    stored = fresh(period)
    assert (stored.status, stored.reviewed_by) == (ActualStatus.APPROVED, first)
    assert stored.history.filter(status=ActualStatus.APPROVED).count() == 1


def test_the_history_credits_every_change_to_who_made_it(client, framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    period, side = framework.period, framework.side
    services.record_actual(
        user=framework.iran, period=period, actual_value=Decimal("150"), breakdowns={side.pk: {"Iran": Decimal("80")}}
    )
    services.record_actual(
        user=framework.saudi,
        period=period,
        actual_value=Decimal("150"),
        evidence_url=EVIDENCE,
        breakdowns={side.pk: {"Iran": Decimal("85")}},
    )
    rows = list(period.history.order_by("history_id"))[1:]  # after the factory's creation
    assert [(row.history_user, row.version) for row in rows] == [(framework.iran, 2), (framework.saudi, 3)]
    assert [row.history_user for row in Breakdown.history.order_by("history_id")] == [framework.iran, framework.saudi]

    client.force_login(framework.iran)
    page = client.get(reverse("workspace:period", kwargs={"pk": period.pk})).content.decode()
    history = page[page.index('id="history"') :]
    assert "Breakdown Side: Iran" in history and "<del>80</del> → <ins>85</ins>" in history
    assert "Evidence link" in history and EVIDENCE in history


def test_submit_return_and_approve_are_emailed_to_the_right_side(framework, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        period = submitted(framework)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_actual(user=framework.saudi, period=period, comment="Attach the list.")
    services.record_actual(user=framework.iran, period=period, actual_value=Decimal("148"), evidence_url=EVIDENCE)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_actual(user=framework.iran, period=period)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_actual(user=framework.saudi, period=period)
    sent = [(m.to, m.subject) for m in mail.outbox]
    assert [to for to, _subject in sent] == [[framework.saudi.email], [framework.iran.email]] * 2
    assert "awaits your approval" in sent[0][1] and "returned" in sent[1][1] and "approved" in sent[3][1]
    assert "Attach the list." in mail.outbox[1].body and f"/workspace/periods/{period.pk}/" in mail.outbox[3].body
    kinds = list(Notification.objects.order_by("id").values_list("user__username", "kind"))
    assert kinds == [
        (framework.saudi.username, Kind.SUBMISSION),
        (framework.iran.username, Kind.RETURN),
        (framework.saudi.username, Kind.SUBMISSION),
        (framework.iran.username, Kind.APPROVAL),
    ]
