"""Concord: the Django project package. Loads the Celery app with Django.

The trust index's matrix products are small (1,000 scenarios x at most six
components): BLAS threads only add start-up and contention, and a full run
already uses one process per core. So each process keeps BLAS to one thread,
set before anything imports numpy (an explicit setting in the environment wins).
"""

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from .celery import app as celery_app  # noqa: E402

__all__ = ("celery_app",)
