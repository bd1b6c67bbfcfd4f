"""axe-core in the browser tests: WCAG 2.1 A and AA, failing on serious and critical violations.

axe-core comes from the npm registry (package-lock.json; `make assets` runs `npm ci`) and
is evaluated from node_modules with Playwright, so the page under test loads nothing from
outside. Without node_modules the accessibility tests skip, except on CI, where they fail.
"""

import os
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def require_axe() -> Path:
    if not AXE_JS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is missing ({AXE_JS}): `make assets` runs `npm ci`.")
        pytest.skip(f"needs axe-core from npm ({AXE_JS}): run `make assets`")
    return AXE_JS


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical WCAG 2.1 AA violations on the page as it is now."""
    # Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not
    # govern; a <script> tag with the source inline would be blocked, as it should be.
    page.evaluate(require_axe().read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    """One line a violation, with the first few offending elements, for an assertion message."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x: {targets})")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, "axe-core found:\n" + describe(violations)
