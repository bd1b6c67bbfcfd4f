"""Serve plotly.js from the installed `plotly` package instead of a committed copy.

The `plotly` Python package ships the matching minified plotly.js (about
4.6 MB). This finder exposes it as the static file `vendor/plotly/plotly.min.js`,
so runserver, the test live server and `collectstatic` (then whitenoise in
production) all find it, and the JS always matches the Python figure API.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "plotly.min.js"
PREFIX = "vendor/plotly"
STATIC_PATH = f"{PREFIX}/{PLOTLY_JS}"


def package_data_dir() -> Path:
    return Path(plotly.__file__).resolve().parent / "package_data"


class PlotlyFinder(BaseFinder):
    """A staticfiles finder for the one file `vendor/plotly/plotly.min.js`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(package_data_dir()))
        self.storage.prefix = PREFIX  # type: ignore[attr-defined]  # collectstatic reads it

    def check(self, **kwargs) -> list:
        return []

    def find(self, path: str, find_all: bool = False):
        if path != STATIC_PATH:
            return [] if find_all else None
        match = str(package_data_dir() / PLOTLY_JS)
        return [match] if find_all else match

    def list(self, ignore_patterns):
        if not utils.matches_patterns(PLOTLY_JS, ignore_patterns or []):
            yield PLOTLY_JS, self.storage
