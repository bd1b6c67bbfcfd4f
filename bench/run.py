"""Benchmark of the trust index engine at world scale: `make bench` (or `python -m bench.run`).

Creates its own PostgreSQL database (BENCH_DB, default concord_bench, marked
with a COMMENT so it only ever drops a database it created), migrates it,
generates the dataset (bench/generate.py), then times in one run:

1. a raw-SQL aggregate of the same inputs (the lower bound): one query
   computing per-dyad aggregates over every published program's milestones,
   evaluations and contributions;
2. streaming every dyad's inputs through the loader (no computation);
3. the full recompute (`recompute_all`, all month ends + today, 1,000-draw
   Monte Carlo band per snapshot, written with COPY), on --workers processes;
4. one dyad's recompute (`recompute_dyad`: load, compute, replace), the median
   over several dyads.

The database is dropped at the end unless --keep.
"""

import argparse
import os
import statistics
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

MARKER = "concord-bench: created by bench/run.py, safe to drop"

RAW_SQL = """
WITH p AS (
    SELECT id, dyad_id, contribution_a, contribution_b FROM programs_program WHERE is_published
), m AS (
    SELECT p.dyad_id,
           count(*) AS milestones,
           sum(power(2::float8, (m.due_date - current_date)::float8 / 365)
               * CASE WHEN m.status = 'achieved'
                      THEN greatest(0.5, 1 - greatest(m.achieved_date - m.due_date, 0)::float8 / 365) ELSE 0 END)
             / nullif(sum(power(2::float8, (m.due_date - current_date)::float8 / 365)), 0) AS delivery,
           avg((m.is_published AND m.evidence_url <> '')::int) AS transparency,
           count(DISTINCT (extract(year FROM m.achieved_date) * 4 + extract(quarter FROM m.achieved_date))) AS quarters
    FROM milestones_milestone m JOIN p ON p.id = m.program_id
    WHERE m.due_date <= current_date
    GROUP BY p.dyad_id
), e AS (
    SELECT p.dyad_id, count(*) AS evaluations,
           avg((coalesce(e.relevance, 0) + coalesce(e.coherence, 0) + coalesce(e.effectiveness, 0)
                + coalesce(e.efficiency, 0) + coalesce(e.impact, 0) + coalesce(e.sustainability, 0))
               / 6.0::float8) AS score
    FROM evaluation_evaluation e JOIN p ON p.id = e.program_id
    WHERE e.is_published AND e.independence_declared
    GROUP BY p.dyad_id
), c AS (
    SELECT dyad_id, sum(contribution_a) AS a, sum(contribution_b) AS b FROM p GROUP BY dyad_id
)
SELECT d.id, m.milestones, m.delivery, m.transparency, m.quarters, e.evaluations, e.score,
       1 - abs(c.a - c.b) / nullif(c.a + c.b, 0) AS reciprocity
FROM programs_dyad d
LEFT JOIN m ON m.dyad_id = d.id LEFT JOIN e ON e.dyad_id = d.id LEFT JOIN c ON c.dyad_id = d.id
"""


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _create_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if row is not None:
            if row[0] != MARKER:
                sys.exit(f"Database {name!r} exists and was not created by the benchmark; not touching it.")
            conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(MARKER)))


def _drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if row is not None and row[0] == MARKER:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _timed(label: str, func, results: dict):
    started = time.perf_counter()
    value = func()
    results[label] = time.perf_counter() - started
    print(f"{label:<44} {results[label]:8.2f} s", flush=True)
    return value


def _benchmarks(args, results: dict) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from trustindex import loader as index_loader

    from .generate import Scale, generate

    _timed("migrate", lambda: call_command("migrate", verbosity=0), results)
    scale = Scale(dyads=args.dyads)
    counts = _timed("generate dataset (COPY)", lambda: generate(os.environ["DATABASE_URL"], scale), results)
    print("  rows:", ", ".join(f"{t}={n:,}" for t, n in counts.items()), flush=True)

    def raw_sql():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL)
            return len(cursor.fetchall())

    _timed("raw SQL aggregate (cold)", raw_sql, results)
    _timed("raw SQL aggregate (lower bound)", raw_sql, results)
    _timed("stream all inputs (loader only)", lambda: sum(1 for _ in index_loader.iter_dyad_inputs()), results)
    _recompute_benchmarks(args, scale, results, label="")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)", flush=True)
    connection.close()


def _recompute_benchmarks(args, scale, results: dict, *, label: str) -> None:
    from trustindex import engine as index_services
    from trustindex.models import IndexSnapshot

    full_label = f"full recompute ({args.workers} process(es)){label}"
    run = _timed(full_label, lambda: index_services.recompute_all(workers=args.workers), results)
    print(f"  {run.done:,} dyads, {run.snapshots_written:,} snapshots, {run.failed} failed", flush=True)
    print(f"  snapshots stored: {IndexSnapshot.objects.count():,}", flush=True)
    one_dyad = []
    for dyad_id in range(1, scale.dyads + 1, max(1, scale.dyads // args.samples)):
        started = time.perf_counter()
        written = index_services.recompute_dyad(dyad_id=dyad_id)
        one_dyad.append((time.perf_counter() - started, written))
    median = statistics.median(seconds for seconds, _ in one_dyad)
    results[f"one dyad recompute (median){label}"] = median
    print(f"{'one dyad recompute (median of ' + str(len(one_dyad)) + ')' + label:<44} {median * 1000:8.1f} ms")
    print(f"  max {max(s for s, _ in one_dyad) * 1000:.1f} ms, ~{one_dyad[0][1]} snapshots per dyad", flush=True)
    raw = results["raw SQL aggregate (lower bound)"]
    print(f"ratio full recompute{label} / raw SQL: {results[full_label] / raw:.1f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dyads", type=int, default=2_000, help="scale: 25 programs, 500 milestones a dyad")
    parser.add_argument("--samples", type=int, default=20, help="dyads timed one by one")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()

    admin_url = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = os.environ.get("BENCH_DB", "concord_bench")
    os.environ["DATABASE_URL"] = _with_db(admin_url, name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackerproj.settings")
    os.environ.pop("REDIS_URL", None)  # the benchmark times the work, not a broker
    os.environ["LOG_LEVEL"] = "WARNING"
    print(f"Benchmark database: {name} (created now, dropped at the end unless --keep)", flush=True)
    _create_database(admin_url, name)
    results: dict[str, float] = {}
    try:
        _benchmarks(args, results)
    finally:
        if not args.keep:
            _drop_database(admin_url, name)


if __name__ == "__main__":
    main()
