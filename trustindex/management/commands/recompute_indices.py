"""`manage.py recompute_indices`: bring every dyad's trust index series up to date now.

By default it does what the nightly run does (today's snapshot for every dyad, the
history only where the inputs' fingerprint changed); `--full` rebuilds every series.
"""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustindex import engine
from trustindex.models import RecomputeRun, RecomputeStatus
from trustindex.tasks import recompute_all_indices

FINISHED = (RecomputeStatus.SUCCEEDED, RecomputeStatus.FAILED)


class Command(BaseCommand):
    help = (
        "Bring every dyad's trust index up to date as the nightly run does (today's snapshot; the history "
        "where inputs changed), or with --full rebuild every series; shows progress."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="rebuild every series, changed or not")
        parser.add_argument("--workers", type=int, default=1, help="processes to share the dyads among")
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=None,
            help="dyads loaded and written per transaction (default 50, 250 updating)",
        )
        parser.add_argument(
            "--queue", action="store_true", help="hand the run to the Celery workers and follow its progress"
        )
        parser.add_argument("--timeout", type=int, default=3600, help="with --queue: seconds to wait for the run")

    def handle(self, *args, full: bool, workers: int, chunk_size: int, queue: bool, timeout: int, **options) -> None:
        started = time.perf_counter()
        run = engine.start_run(trigger="command", incremental=not full)
        how = "Rebuilding" if full else "Updating"
        self.stdout.write(f"{how} the trust index of {run.total} dyad(s) (run #{run.pk})")

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done}/{total} dyads")

        if queue:
            run = self._follow(run, timeout=timeout, progress=progress)
        else:
            run = engine.recompute_all(run=run, chunk_size=chunk_size, workers=workers, progress=progress)
        seconds = time.perf_counter() - started
        summary = f"{run.done}/{run.total} dyads, {run.snapshots_written} snapshots, {run.failed} failed"
        self.stdout.write(f"Done in {seconds:.1f} s: {summary}")
        if run.status == RecomputeStatus.FAILED:
            raise CommandError(f"Run #{run.pk} failed: {run.message}")
        if run.failed:
            self.stderr.write(f"Some dyads were not indexed: {run.message} (see the log)")

    def _follow(self, run: RecomputeRun, *, timeout: int, progress) -> RecomputeRun:
        """Queue the run on the workers and print its progress until it ends."""
        recompute_all_indices.delay(run.pk)
        deadline, last = time.monotonic() + timeout, -1
        while True:
            run.refresh_from_db()
            if run.done != last and run.status != RecomputeStatus.QUEUED:
                progress(run.done, run.total)
                last = run.done
            if run.status in FINISHED:
                return run
            if time.monotonic() > deadline:
                # Settled here rather than left "running" for ever: the reason is on the run.
                reason = (
                    f"not finished within --timeout {timeout} s ({run.done}/{run.total} dyads); are workers running?"
                )
                engine.mark_run_failed(run_id=run.pk, error=TimeoutError(reason))
                raise CommandError(f"Run #{run.pk} failed: {reason}")
            time.sleep(0.5)
