"""plotly.js: the small bundle built from npm, or the full one from the `plotly` package as a fallback.

`make assets` (Node.js and npm) builds `static/vendor/plotly/plotly.min.js`
with only the trace types the charts use (assets/build-plotly.mjs), and the
ordinary FileSystemFinder serves it. Where it has not been built (no Node.js),
this finder serves the same path from the installed `plotly` Python package:
every chart still draws, but each page then loads the full 4.6 MB plotly.js,
and `manage.py check` says so (dashboards.W001).
"""

from pathlib import Path

import plotly
from django.conf import settings
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core import checks
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "plotly.min.js"
PREFIX = "vendor/plotly"
STATIC_PATH = f"{PREFIX}/{PLOTLY_JS}"


def built_bundle() -> Path:
    return Path(settings.BASE_DIR) / "static" / STATIC_PATH


def package_data_dir() -> Path:
    return Path(plotly.__file__).resolve().parent / "package_data"


class PlotlyFallbackFinder(BaseFinder):
    """Finds `vendor/plotly/plotly.min.js` in the plotly package, only while the small bundle is not built."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(package_data_dir()))
        self.storage.prefix = PREFIX  # type: ignore[attr-defined]  # collectstatic reads it

    def check(self, **kwargs) -> list:
        if built_bundle().exists():
            return []
        return [
            checks.Warning(
                "The small plotly.js bundle is not built: pages load the full plotly.js (4.6 MB).",
                hint="Install Node.js and npm, then run `make assets`.",
                id="dashboards.W001",
            )
        ]

    def find(self, path: str, find_all: bool = False):
        if path != STATIC_PATH or built_bundle().exists():
            return [] if find_all else None
        match = str(package_data_dir() / PLOTLY_JS)
        return [match] if find_all else match

    def list(self, ignore_patterns):
        if not built_bundle().exists() and not utils.matches_patterns(PLOTLY_JS, ignore_patterns or []):
            yield PLOTLY_JS, self.storage
