"""Default settings: the embedded development mode (see base.py)."""

from .base import *  # noqa: F403
