"""Both states report one actual at the same moment, on real PostgreSQL, through the real pages and API.

Each round, Iran's and Saudi Arabia's staff send their edits of one period's actual from
two threads released together by a barrier, both based on the version they opened:
- different breakdown values (each side its own category): both must land;
- the same breakdown value: exactly one lands, the other is told of the conflict;
then two Saudi reviewers approve one submitted actual at once: exactly one approval
counts, the other is told. The history must credit each breakdown change to its author.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from results import services
from results.models import ActualStatus, Breakdown, ReportingPeriod
from tests.factories import IndicatorFactory, PeriodFactory, ResultFactory, state
from tests.people import staff
from tests.results.conftest import actual_form, build_framework
from tests.threads import at_once

ROUNDS = 30
EVIDENCE = "https://example.org/list.pdf"
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class Side:
    """One ministry user with a browser session and an API token."""

    def __init__(self, user):
        self.user = user
        self.page = Client()
        self.page.force_login(user)
        self.api = APIClient()
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    def report(self, channel: str, opened: ReportingPeriod, values: dict[str, str], *, strict: bool) -> str:
        """Send breakdown `values` (category → value) based on the version `opened`; 'saved' or 'conflict'."""
        dimension = opened.indicator.dimensions.get()
        if channel == "form":
            fields = {f"breakdown_{dimension.pk}_{dimension.categories.index(c)}": v for c, v in values.items()}
            url = reverse("workspace:period_actual", kwargs={"pk": opened.pk})
            status = self.page.post(url, actual_form(opened, **fields)).status_code
            return {302: "saved", 409: "conflict"}[status]
        body = {
            "actual_value": str(opened.actual_value),
            "evidence_url": EVIDENCE,
            "breakdowns": [{"dimension": dimension.pk, "category": c, "value": v} for c, v in values.items()],
        }
        headers = {"If-Match": f'"v{opened.version}"'} if strict else {}
        status = self.api.post(f"/api/v1/periods/{opened.pk}/actual/", body, format="json", headers=headers)
        return {200: "saved", 412: "conflict"}[status.status_code]

    def approve(self, channel: str, period: ReportingPeriod) -> str:
        """Approve `period` as shown at its version; 'saved' or 'conflict'."""
        if channel == "form":
            url = reverse("workspace:period_approve", kwargs={"pk": period.pk})
            page = self.page.post(url, {"version": period.version}, follow=True).content.decode()  # shows the message
            return "conflict" if "changed since version" in page else "saved" if "Actual approved" in page else page
        response = self.api.post(f"/api/v1/periods/{period.pk}/approve/", headers={"If-Match": f'"v{period.version}"'})
        return {200: "saved", 412: "conflict"}[response.status_code]


def stored_breakdowns(period: ReportingPeriod) -> dict[str, Decimal]:
    return dict(Breakdown.objects.filter(period=period).values_list("category", "value"))


def blames(period: ReportingPeriod, since_id: int) -> set[tuple[str, str]]:
    """(user, category) of every breakdown history row of `period` after `since_id`."""
    rows = Breakdown.history.filter(period_id=period.pk, history_id__gt=since_id).select_related("history_user")
    return {(row.history_user.username, row.category) for row in rows}


def last_breakdown_history_id() -> int:
    row = Breakdown.history.order_by("-history_id").first()
    return row.history_id if row else 0


@pytest.mark.parametrize("channel", ["form", "api"])
def test_rounds_of_simultaneous_reports_and_approvals_lose_nothing(channel, on_postgres):
    fw = build_framework()
    ir, sa, sa_too = Side(fw.iran), Side(fw.saudi), Side(staff("SA"))
    period = services.record_actual(user=fw.iran, period=fw.period, actual_value=Decimal("150"), evidence_url=EVIDENCE)
    reviewed = IndicatorFactory(result=ResultFactory(program=fw.program))  # one short period per round
    lost, conflicts_reported, double_approvals, wrong_blame = 0, 0, 0, []
    for n in range(ROUNDS):
        # Different breakdown values: both are saved.
        since, opened = last_breakdown_history_id(), ReportingPeriod.objects.get(pk=period.pk)
        mine, theirs = {"Iran": str(100 + n)}, {"Saudi Arabia": str(200 + n)}
        results = at_once(
            lambda o=opened, v=mine: ir.report(channel, o, v, strict=False),
            lambda o=opened, v=theirs: sa.report(channel, o, v, strict=False),
        )
        assert results == ["saved", "saved"], (n, results)
        stored = stored_breakdowns(period)
        lost += sum(stored.get(c) != Decimal(v) for c, v in {**mine, **theirs}.items())
        if blames(period, since) != {(fw.iran.username, "Iran"), (fw.saudi.username, "Saudi Arabia")}:
            wrong_blame.append((n, blames(period, since)))

        # The same breakdown value: one is saved, the other is told.
        since, opened = last_breakdown_history_id(), ReportingPeriod.objects.get(pk=period.pk)
        results = at_once(
            lambda o=opened, n=n: ir.report(channel, o, {"Iran": str(5000 + n)}, strict=True),
            lambda o=opened, n=n: sa.report(channel, o, {"Iran": str(6000 + n)}, strict=True),
        )
        conflicts_reported += results.count("conflict")
        assert sorted(results) == ["conflict", "saved"], (n, results)
        winner, value = (fw.iran, 5000 + n) if results[0] == "saved" else (fw.saudi, 6000 + n)
        lost += stored_breakdowns(period)["Iran"] != value
        if blames(period, since) != {(winner.username, "Iran")}:
            wrong_blame.append((n, blames(period, since)))

        # Two reviewers approve one submitted actual at once: one approval counts.
        day = date(2024, 1, 1) + timedelta(days=n)
        submitted = PeriodFactory(
            indicator=reviewed,
            start=day,
            end=day,
            actual_value=Decimal("1"),
            evidence_url=EVIDENCE,
            status=ActualStatus.SUBMITTED,
            submitted_state=state("IR"),
        )
        results = at_once(
            lambda p=submitted: sa.approve(channel, p),
            lambda p=submitted: sa_too.approve(channel, p),
        )
        conflicts_reported += results.count("conflict")
        assert sorted(results) == ["conflict", "saved"], (n, results)
        double_approvals += submitted.history.filter(status=ActualStatus.APPROVED).count() - 1

    print(
        f"\n{channel}: {ROUNDS} rounds; lost updates {lost}; conflicts reported {conflicts_reported} "
        f"(same value and approvals); double approvals {double_approvals}"
    )
    assert (lost, conflicts_reported, double_approvals, wrong_blame) == (0, 2 * ROUNDS, 0, [])
