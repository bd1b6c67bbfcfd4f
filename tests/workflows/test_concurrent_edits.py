"""Both states edit one program at the same moment, on real PostgreSQL, through the real pages and API.

Each round, Iran's and Saudi Arabia's staff send their edits from two threads released
together by a barrier, both based on the version they opened:
- different fields (each its own title/summary and its own side's body): both must land;
- the same field (the title): exactly one lands, the other is told of the conflict.
Afterwards the history must credit every changed field to the user who changed it.
"""

import itertools
from datetime import date

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from programs.models import Program
from tests.factories import DyadFactory, ProgramFactory
from tests.people import staff
from tests.threads import at_once

ROUNDS = 50
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Who owns which field in the different-fields phase: side A is Iran, side B Saudi Arabia.
IR_FIELDS = ("title", "body_a")
SA_FIELDS = ("summary", "body_b")


def form_values(program: Program) -> dict:
    """What the edit form posts when nothing is touched: every field as stored, and the version."""
    return {
        "title": program.title,
        "summary": program.summary,
        "domain": program.domain,
        "status": program.status,
        "start_date": program.start_date.isoformat(),
        "end_date": program.end_date.isoformat() if program.end_date else "",
        "body_a": program.body_a,
        "body_b": program.body_b,
        "ministry_a": program.ministry_a_id or "",
        "ministry_b": program.ministry_b_id or "",
        "contribution_a": str(program.contribution_a),
        "currency_a": program.currency_a,
        "contribution_b": str(program.contribution_b),
        "currency_b": program.currency_b,
        "version": program.version,
    }


class Side:
    """One state's ministry user with a browser session and an API token."""

    def __init__(self, user, program: Program):
        self.user = user
        self.page = Client()
        self.page.force_login(user)
        self.api = APIClient()
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        self.edit_url = f"/workspace/programs/{program.pk}/edit/"
        self.api_url = f"/api/v1/programs/{program.pk}/"

    def send(self, channel: str, opened: Program, changes: dict, *, strict: bool) -> str:
        """Send `changes` based on the version `opened`; 'saved' or 'conflict'."""
        if channel == "form":
            status = self.page.post(self.edit_url, {**form_values(opened), **changes}).status_code
            return {302: "saved", 409: "conflict"}[status]
        headers = {"If-Match": f'"v{opened.version}"'} if strict else {}
        status = self.api.patch(self.api_url, changes, format="json", headers=headers).status_code
        return {200: "saved", 412: "conflict"}[status]


def history_blames(program: Program, since_id: int) -> list[tuple[str, set[str]]]:
    """(user, fields changed) for every history row of `program` after `since_id`."""
    rows = list(program.history.filter(history_id__gte=since_id).select_related("history_user").order_by("history_id"))
    blames = []
    for older, newer in itertools.pairwise(rows):
        changed = {c.field for c in newer.diff_against(older, excluded_fields={"version", "updated_by"}).changes}
        blames.append((newer.history_user.username, changed))
    return blames


def latest_history_id(program: Program) -> int:
    return program.history.latest("history_id").history_id


@pytest.mark.parametrize("channel", ["form", "api"])
def test_fifty_rounds_of_simultaneous_edits_lose_nothing_and_blame_no_one_wrongly(channel, on_postgres):
    program = ProgramFactory(dyad=DyadFactory(), is_published=False, start_date=date(2024, 1, 1))
    ir, sa = Side(staff("IR"), program), Side(staff("SA"), program)
    each_side = {(ir.user.username, frozenset(IR_FIELDS)), (sa.user.username, frozenset(SA_FIELDS))}
    lost, conflicts_reported, wrong_blame = 0, 0, []
    for n in range(ROUNDS):
        # Different fields: both are saved.
        since, opened = latest_history_id(program), Program.objects.get(pk=program.pk)
        mine = {"title": f"IR title {n}", "body_a": f"IR body {n}"}
        theirs = {"summary": f"SA summary {n}", "body_b": f"SA body {n}"}
        results = at_once(
            lambda o=opened, c=mine: ir.send(channel, o, c, strict=False),
            lambda o=opened, c=theirs: sa.send(channel, o, c, strict=False),
        )
        assert results == ["saved", "saved"], (n, results)
        stored = Program.objects.get(pk=program.pk)
        lost += sum(getattr(stored, name) != value for name, value in {**mine, **theirs}.items())
        blames = {(who, frozenset(fields)) for who, fields in history_blames(program, since)}
        if blames != each_side:
            wrong_blame.append((n, blames))

        # The same field: one is saved, the other is told.
        since = latest_history_id(program)
        results = at_once(
            lambda o=stored, n=n: ir.send(channel, o, {"title": f"IR again {n}"}, strict=True),
            lambda o=stored, n=n: sa.send(channel, o, {"title": f"SA again {n}"}, strict=True),
        )
        conflicts_reported += results.count("conflict")
        assert sorted(results) == ["conflict", "saved"], (n, results)
        winner, title = (ir, f"IR again {n}") if results[0] == "saved" else (sa, f"SA again {n}")
        lost += Program.objects.get(pk=program.pk).title != title
        if history_blames(program, since) != [(winner.user.username, {"title"})]:
            wrong_blame.append((n, history_blames(program, since)))

    print(f"\n{channel}: {ROUNDS} rounds; lost updates {lost}; same-field conflicts reported {conflicts_reported}")
    assert (lost, conflicts_reported, wrong_blame) == (0, ROUNDS, [])
