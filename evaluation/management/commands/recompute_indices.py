"""`manage.py recompute_indices`: recompute every dyad's trust index series now."""

import time

from django.core.management.base import BaseCommand, CommandParser

from evaluation import index_services
from evaluation.models import RecomputeStatus


class Command(BaseCommand):
    help = "Recompute every dyad's trust index series (month ends + today), showing progress."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=1, help="processes to share the dyads among")
        parser.add_argument("--chunk-size", type=int, default=50, help="dyads loaded and written per transaction")

    def handle(self, *args, workers: int, chunk_size: int, **options) -> None:
        started = time.perf_counter()
        run = index_services.start_run(trigger="command")
        self.stdout.write(f"Recomputing the trust index of {run.total} dyad(s) (run #{run.pk})")

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done}/{total} dyads")

        run = index_services.recompute_all(run=run, chunk_size=chunk_size, workers=workers, progress=progress)
        seconds = time.perf_counter() - started
        summary = f"{run.done}/{run.total} dyads, {run.snapshots_written} snapshots, {run.failed} failed"
        self.stdout.write(f"Done in {seconds:.1f} s: {summary}")
        if run.status != RecomputeStatus.SUCCEEDED or run.failed:
            self.stderr.write(f"Some dyads were not indexed: {run.message} (see the log)")
