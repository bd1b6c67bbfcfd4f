"""plotly.js's own stylesheets as static files, so pages need no inline style (CSP `style-src 'self'`).

plotly.js injects two <style> elements when it loads, which a strict
Content-Security-Policy blocks: its core rules (skipped when an element with
id `plotly.js-style-global` and class `no-inline-styles` exists) and
MapLibre's rules (skipped when an element with MapLibre's id exists). This
module extracts the core rules from the plotly.js the site serves (the small
bundle built from npm, or the full one it falls back to) and MapLibre's rules
from the full plotly.js of the `plotly` package (the small bundle draws no
MapLibre map, so it injects none); `_plotly.html` links the files under those
ids. After upgrading plotly or rebuilding the bundle, regenerate them:

    python -m dashboards.plotly_css

(tests/dashboards/test_assets.py fails until the files match the bundle).
"""

import os
import re
from pathlib import Path

import django

from dashboards.staticfinders import PLOTLY_JS, built_bundle, package_data_dir

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "css" / "plotly"
CORE_CSS, MAPLIBRE_CSS = "plotly.css", "plotly-maplibre.css"
_ENTRY = re.compile(r"""(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_]\w*)):(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")""")
_PREFIXES = {"X": ".js-plotly-plot .plotly", "Y": ".plotly-notifier"}
_MAPLIBRE = re.compile(
    r"""getElementById\("([0-9a-f]{64})"\)\)\{var (\w+)=document\.createElement\("style"\);"""
    r"""\2\.id="\1",\2\.textContent='([^']*)'"""
)


def bundle() -> str:
    """The plotly.js pages load: the small bundle when built, else the package's full one."""
    served = built_bundle() if built_bundle().exists() else package_data_dir() / PLOTLY_JS
    return served.read_text(encoding="utf-8")


def full_bundle() -> str:
    """The full plotly.js of the `plotly` package (the only one with MapLibre)."""
    return (package_data_dir() / PLOTLY_JS).read_text(encoding="utf-8")


def core_rules(source: str) -> str:
    """plotly's build/plotcss.js rules ({"X .modebar": "...", ...}) as CSS."""
    pos = source.index('{"X,X div":') + 1
    lines = []
    while source[pos] != "}":
        match = _ENTRY.match(source, pos)
        if match is None:
            raise ValueError(f"unexpected plotly.js style rules at {pos}")
        key = match.group(1) if match.group(1) is not None else match.group(2)
        body = match.group(3) if match.group(3) is not None else match.group(4)
        selector = ",".join(_PREFIXES[part[0]] + part[1:] for part in key.split(","))
        lines.append(f"{selector}{{{body}}}")
        pos = match.end() + (source[match.end()] == ",")
    return "\n".join(lines) + "\n"


def maplibre(source: str) -> tuple[str, str]:
    """(the element id plotly checks before injecting MapLibre's CSS, that CSS)."""
    match = _MAPLIBRE.search(source)
    if match is None:
        raise ValueError("MapLibre's style injection not found in plotly.js")
    return match.group(1), match.group(3) + "\n"


def main() -> None:
    (STATIC_DIR / CORE_CSS).write_text(core_rules(bundle()), encoding="utf-8")
    element_id, css = maplibre(full_bundle())
    (STATIC_DIR / MAPLIBRE_CSS).write_text(css, encoding="utf-8")
    print(f"Wrote {CORE_CSS} and {MAPLIBRE_CSS}; MapLibre's element id is {element_id}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackerproj.settings")
    django.setup()
    main()
