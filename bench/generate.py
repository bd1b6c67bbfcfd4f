"""Generate a world-scale Concord dataset into an (empty, migrated) PostgreSQL database.

Default scale: 200 states, 2,000 dyads, 50,000 programs (25 a dyad),
1,000,000 milestones (20 a program), 100,000 evaluations (2 a program).
Rows are drawn with numpy from a fixed seed and written with COPY
(psycopg's `cursor.copy`), so a run takes well under a minute.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
import psycopg

DOMAINS = ["cultural", "scientific", "economic", "health", "digital"]
CURRENCIES = ["USD", "EUR", "GBP", "JPY", "KRW", "SAR", "QAR", "TRY"]
FIRST_START = date(2012, 1, 1).toordinal()
LAST_START = date(2025, 6, 30).toordinal()
ORGANISATIONS = 20


@dataclass(frozen=True)
class Scale:
    states: int = 200
    dyads: int = 2_000
    programs_per_dyad: int = 25
    milestones_per_program: int = 20
    evaluations_per_program: int = 2

    @property
    def programs(self) -> int:
        return self.dyads * self.programs_per_dyad


def _dates(ordinals: np.ndarray) -> list[date]:
    return [date.fromordinal(o) for o in ordinals.tolist()]


def _copy(conn: psycopg.Connection, table: str, columns: list[str], rows) -> int:
    count = 0
    with conn.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _dyads(conn, rng, scale: Scale) -> None:
    codes = [c for (c,) in conn.execute("SELECT code FROM programs_state ORDER BY code LIMIT %s", [scale.states])]
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    chosen = sorted(rng.choice(len(pairs), size=scale.dyads, replace=False).tolist())
    rows = ((n + 1, f"{pairs[i][0]}-{pairs[i][1]}".lower(), "thawing", "", *pairs[i]) for n, i in enumerate(chosen))
    _copy(conn, "programs_dyad", ["id", "slug", "status", "notes", "state_a_id", "state_b_id"], rows)
    orgs = ((n, f"Bench Evaluation Institute {n}", None) for n in range(1, ORGANISATIONS + 1))
    _copy(conn, "programs_evaluationorganisation", ["id", "name", "country_id"], orgs)


def _programs(conn, rng, scale: Scale, today: int, now: datetime):
    n = scale.programs
    dyad = np.repeat(np.arange(1, scale.dyads + 1), scale.programs_per_dyad)
    start = rng.integers(FIRST_START, LAST_START, n)
    open_ended = rng.random(n) < 0.4
    end = np.where(open_ended, 0, start + rng.integers(365, 2920, n))
    cancelled = rng.random(n) < 0.03
    published = rng.random(n) < 0.92
    amount = np.round(rng.lognormal(12, 1.5, (2, n)), 2) * (rng.random((2, n)) < 0.9)
    currency = rng.choice(CURRENCIES, (2, n), p=[0.6, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05])
    starts, ends = _dates(start), [None if e == 0 else date.fromordinal(e) for e in end.tolist()]
    rows = (
        (
            i + 1,
            f"Program {i + 1}",
            "",
            DOMAINS[i % 5],
            "cancelled" if cancelled[i] else "active",
            "A",
            "B",
            starts[i],
            ends[i],
            amount[0, i],
            currency[0, i],
            amount[1, i],
            currency[1, i],
            bool(published[i]),
            now,
            now,
            int(dyad[i]),
            1,
            "en",
        )
        for i in range(n)
    )
    columns = [
        "id",
        "title",
        "summary",
        "domain",
        "status",
        "body_a",
        "body_b",
        "start_date",
        "end_date",
        "contribution_a",
        "currency_a",
        "contribution_b",
        "currency_b",
        "is_published",
        "created_at",
        "updated_at",
        "dyad_id",
        "version",
        "language",
    ]
    _copy(conn, "programs_program", columns, rows)
    horizon = np.where(open_ended, today + 730, end)
    return start, horizon


def _milestones(conn, rng, scale: Scale, start, horizon, today: int, now: datetime) -> None:
    per = scale.milestones_per_program
    program = np.repeat(np.arange(1, scale.programs + 1), per)
    span = np.maximum(np.repeat(horizon - start, per), 1)
    due = np.repeat(start, per) + (rng.random(program.size) * span).astype(np.int64)
    roll = rng.random(program.size)
    past = due <= today
    status = np.where(
        past,
        np.select([roll < 0.72, roll < 0.82, roll < 0.87], ["achieved", "missed", "cancelled"], "in_progress"),
        "planned",
    )
    achieved = np.minimum(due + rng.integers(-60, 150, program.size), today)
    jointly = (status == "cancelled") & (rng.random(program.size) < 0.5)
    published = rng.random(program.size) < 0.85
    evidence = rng.random(program.size) < 0.55
    dues, achieved_dates = _dates(due), _dates(achieved)
    statuses = status.tolist()
    rows = (
        (
            i + 1,
            f"Milestone {i + 1}",
            "",
            dues[i],
            statuses[i],
            achieved_dates[i] if statuses[i] == "achieved" else None,
            bool(jointly[i]),
            f"https://example.org/evidence/{i + 1}" if evidence[i] else "",
            "",
            bool(published[i]),
            now,
            now,
            int(program[i]),
            1,
        )
        for i in range(program.size)
    )
    columns = [
        "id",
        "title",
        "description",
        "due_date",
        "status",
        "achieved_date",
        "cancelled_jointly",
        "evidence_url",
        "evidence_document",
        "is_published",
        "created_at",
        "updated_at",
        "program_id",
        "version",
    ]
    _copy(conn, "milestones_milestone", columns, rows)


def _evaluations(conn, rng, scale: Scale, start, horizon, today: int, now: datetime) -> None:
    per = scale.evaluations_per_program
    program = np.repeat(np.arange(1, scale.programs + 1), per)
    first = np.repeat(start, per)
    last = np.minimum(np.repeat(horizon, per), today)
    day = np.minimum(first + (rng.random(program.size) * np.maximum(last - first, 1)).astype(np.int64), today)
    ratings = rng.integers(1, 5, (program.size, 6))
    unrated = rng.random((program.size, 6)) < 0.1
    declared = rng.random(program.size) < 0.95
    published = declared & (rng.random(program.size) < 0.9)
    org = rng.integers(1, ORGANISATIONS + 1, program.size)
    days = _dates(day)
    rows = (
        (
            i + 1,
            days[i],
            *(None if unrated[i, c] else int(ratings[i, c]) for c in range(6)),
            "",
            "",
            bool(declared[i]),
            True,
            bool(published[i]),
            now,
            now,
            int(org[i]),
            int(program[i]),
            1,
            "",
        )
        for i in range(program.size)
    )
    columns = [
        "id",
        "date",
        "relevance",
        "coherence",
        "effectiveness",
        "efficiency",
        "impact",
        "sustainability",
        "summary",
        "report_document",
        "independence_declared",
        "is_submitted",
        "is_published",
        "created_at",
        "updated_at",
        "organisation_id",
        "program_id",
        "version",
        "return_reason",
    ]
    _copy(conn, "evaluation_evaluation", columns, rows)


def generate(dsn: str, scale: Scale, *, seed: int = 2026, today: date | None = None) -> dict[str, int]:
    """Fill the database at dsn; returns the row counts written."""
    rng = np.random.default_rng(seed)
    today_ord = (today or date.today()).toordinal()
    now = datetime.now(UTC)
    with psycopg.connect(dsn) as conn:
        _dyads(conn, rng, scale)
        start, horizon = _programs(conn, rng, scale, today_ord, now)
        _milestones(conn, rng, scale, start, horizon, today_ord, now)
        _evaluations(conn, rng, scale, start, horizon, today_ord, now)
        for table in (
            "programs_dyad",
            "programs_evaluationorganisation",
            "programs_program",
            "milestones_milestone",
            "evaluation_evaluation",
        ):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            conn.execute(f"ANALYZE {table}")
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
            for table in ("programs_dyad", "programs_program", "milestones_milestone", "evaluation_evaluation")
        }
