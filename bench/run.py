"""Benchmark of the trust index engine at world scale: `make bench` (or `python -m bench.run`).

Creates its own PostgreSQL database (BENCH_DB, default concord_bench, marked
with a COMMENT so it only ever drops a database it created), migrates it,
generates the dataset (bench/generate.py), then times in one run:

1. a raw-SQL aggregate of the same inputs (the bound): one query computing
   per-dyad aggregates for one date over every published program's
   milestones, evaluations and contributions (run twice; the second counts);
2. loading every dyad's inputs into arrays (trustindex/columns.py), no computation;
3. the first build and a full rebuild (`recompute_indices --full`: every
   month end + today, band, remove-one, thin, ranks, revisions, COPY) on
   --workers processes;
4. the nightly run of the next day (`recompute_indices`, incremental), after 1 %
   of the dyads had a record changed behind the outbox's back;
5. one dyad's whole series (`recompute_dyad`: load, compute, replace), median
   and max over --samples dyads, and the rank refresh an edit queues;
6. where a rebuild's time goes (load / compute / write over ten chunks).

It prints the figures and the ratios to the raw-SQL bound, and with --json PATH
writes them as a JSON object (raw_sql_s, nightly_s, full_rebuild_s,
one_dyad_ms_median, one_dyad_ms_max, peak_rss_mb, snapshots, load_average,
nightly_over_raw, full_rebuild_over_raw, and the rest).
The database is dropped at the end unless --keep.
"""

import argparse
import json
import os
import resource
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


def _timed(label: str, func, results: dict, key: str | None = None):
    started = time.perf_counter()
    value = func()
    seconds = time.perf_counter() - started
    results[key or label] = seconds
    print(f"{label:<52} {seconds:8.2f} s", flush=True)
    return value


def _peak_rss_mb() -> float:
    """The largest resident set of this process or of any child it waited for (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # kilobytes on Linux


def _benchmarks(args, results: dict) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

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
    _timed("raw SQL aggregate (the bound)", raw_sql, results, key="raw_sql_s")
    _index_benchmarks(args, scale, results)
    results["load_average"] = list(os.getloadavg())
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in results['load_average'])} "
          f"({os.cpu_count()} cores)", flush=True)  # fmt: skip
    connection.close()


def _index_benchmarks(args, scale, results: dict) -> None:
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from trustindex import columns, engine
    from trustindex.loader import dyad_id_chunks
    from trustindex.models import IndexSnapshot

    today = timezone.localdate()
    workers = args.workers

    def all_inputs():
        return sum(len(columns.load_arrays([d for d, _ in chunk])) for chunk in dyad_id_chunks(engine.FULL_RUN_CHUNK))

    _timed("load all inputs into arrays (no computation)", all_inputs, results, key="load_inputs_s")

    def run(incremental: bool, day):
        run = engine.start_run(trigger="bench", incremental=incremental)
        return engine.recompute_all(run=run, today=day, workers=workers)

    first = _timed(f"first build, {workers} processes (no series stored)", lambda: run(False, today), results,
                   key="first_build_s")  # fmt: skip
    rebuilt = _timed(f"full rebuild, {workers} processes (replaces every series)", lambda: run(False, today),
                     results, key="full_rebuild_s")  # fmt: skip
    print(f"  {rebuilt.done:,} dyads, {rebuilt.snapshots_written:,} snapshots, {rebuilt.failed} failed", flush=True)
    results["snapshots"] = IndexSnapshot.objects.count()
    assert first.snapshots_written == rebuilt.snapshots_written == results["snapshots"]

    # The next night: 1 % of the dyads had a milestone changed without the outbox (so only
    # their fingerprint tells), and a day has passed for everyone.
    changed = max(1, scale.dyads // 100)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE milestones_milestone SET status = 'missed', achieved_date = NULL WHERE id IN ("
            " SELECT min(m.id) FROM milestones_milestone m JOIN programs_program p ON p.id = m.program_id"
            " WHERE p.is_published AND p.dyad_id <= %s AND m.status = 'achieved' GROUP BY p.dyad_id)",
            [changed],
        )
    tomorrow = today + timedelta(days=1)
    nightly = _timed(f"nightly run, {workers} processes (next day, {changed} dyads changed)",
                     lambda: run(True, tomorrow), results, key="nightly_s")  # fmt: skip
    print(f"  {nightly.done:,} dyads, {nightly.snapshots_written:,} snapshots written", flush=True)
    results["nightly_snapshots_written"] = nightly.snapshots_written

    samples = []
    step = max(1, scale.dyads // args.samples)
    for dyad_id in range(1, scale.dyads + 1, step):
        started = time.perf_counter()
        engine.recompute_dyad(dyad_id=dyad_id, today=tomorrow, cause="bench")
        samples.append(time.perf_counter() - started)
    results["one_dyad_ms_median"] = 1000 * statistics.median(samples)
    results["one_dyad_ms_max"] = 1000 * max(samples)
    print(f"{'one dyad, whole series (median of ' + str(len(samples)) + ')':<52} "
          f"{results['one_dyad_ms_median']:8.1f} ms (max {results['one_dyad_ms_max']:.1f} ms)", flush=True)  # fmt: skip
    _timed("rank refresh, every dyad (after an edit, debounced)", engine.refresh_ranks, results,
           key="rank_refresh_s")  # fmt: skip
    _breakdown(results, tomorrow)
    results["peak_rss_mb"] = _peak_rss_mb()
    raw = results["raw_sql_s"]
    results["nightly_over_raw"] = results["nightly_s"] / raw
    results["full_rebuild_over_raw"] = results["full_rebuild_s"] / raw
    print(f"peak memory (largest process): {results['peak_rss_mb']:.0f} MB", flush=True)
    print(f"ratio nightly / raw SQL:      {results['nightly_over_raw']:6.1f}x (aim <= 3x)", flush=True)
    print(f"ratio full rebuild / raw SQL: {results['full_rebuild_over_raw']:6.1f}x (aim <= 10x)", flush=True)


def _breakdown(results: dict, today) -> None:
    """Where a full rebuild's time goes: its three steps timed apart over ten chunks, one process."""
    from django.db import transaction
    from django.utils import timezone

    from trustindex import columns, engine, series
    from trustindex.loader import dyad_id_chunks
    from trustindex.method import DyadArrays

    config = engine.index_config()
    spent = {"load": 0.0, "compute": 0.0, "write": 0.0}
    snapshots = 0
    for n, chunk in enumerate(dyad_id_chunks(engine.FULL_RUN_CHUNK)):
        if n == 10:
            break
        ids = [dyad_id for dyad_id, _ in chunk]
        started = time.perf_counter()
        loaded = columns.load_arrays(ids)
        loaded_at = time.perf_counter()
        computable = [(dyad_id, arrays) for dyad_id, arrays in loaded.items() if isinstance(arrays, DyadArrays)]
        batch = series.compute_batch(computable, today=today, config=config, computed_at=timezone.now())
        computed_at = time.perf_counter()
        with transaction.atomic():
            engine.replace_series(ids, batch, cause="bench")
        done = time.perf_counter()
        spent["load"] += loaded_at - started
        spent["compute"] += computed_at - loaded_at
        spent["write"] += done - computed_at
        snapshots += len(batch)
    total = sum(spent.values())
    results["breakdown"] = {step: seconds / total for step, seconds in spent.items()}
    shares = ", ".join(f"{step} {100 * share:.0f} %" for step, share in results["breakdown"].items())
    print(f"where a rebuild's time goes (10 chunks, {snapshots:,} snapshots, one process): {shares}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dyads", type=int, default=2_000, help="scale: 25 programs, 500 milestones a dyad")
    parser.add_argument("--samples", type=int, default=20, help="dyads timed one by one")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH as a JSON object")
    args = parser.parse_args()

    admin_url = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = os.environ.get("BENCH_DB", "concord_bench")
    os.environ["DATABASE_URL"] = _with_db(admin_url, name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackerproj.settings")
    os.environ.pop("REDIS_URL", None)  # the benchmark times the work, not a broker
    os.environ["LOG_LEVEL"] = "WARNING"
    print(f"Benchmark database: {name} (created now, dropped at the end unless --keep)", flush=True)
    _create_database(admin_url, name)
    results: dict = {"dyads": args.dyads, "workers": args.workers, "load_average_start": list(os.getloadavg())}
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in results['load_average_start'])}", flush=True)
    try:
        _benchmarks(args, results)
    finally:
        if not args.keep:
            _drop_database(admin_url, name)
    if args.json:
        keys = ("raw_sql_s", "nightly_s", "full_rebuild_s", "one_dyad_ms_median", "one_dyad_ms_max", "peak_rss_mb",
                "snapshots", "load_average", "nightly_over_raw", "full_rebuild_over_raw")  # fmt: skip
        figures = {key: results[key] for key in keys} | {k: v for k, v in results.items() if k not in keys}
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=2)
        print(f"figures written to {args.json}", flush=True)


if __name__ == "__main__":
    main()
