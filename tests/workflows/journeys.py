"""Counting what a person does in the browser: clicks and form submissions, per task.

A *click* is anything the person clicks: a link, a button, a checkbox, a choice in a
list, a "choose file" button. A *submit* is a form sent to the server (a click that
submits also counts as a click). Typing is neither. Each journey measures its tasks
with `journey.task(name)`; `journey.report()` lists them, and the results are
written to `JOURNEY_REPORT` (a JSON file) when that variable is set.
"""

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PASSWORD = "concord-demo"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Count:
    clicks: int = 0
    submits: int = 0


@dataclass
class Journey:
    page: Any
    base: str
    role: str
    tasks: dict[str, Count] = field(default_factory=dict)
    current: Count | None = None

    @contextlib.contextmanager
    def task(self, name: str):
        self.current = self.tasks.setdefault(name, Count())
        try:
            yield self.current
        finally:
            self.current = None

    def _count(self, *, submit: bool = False) -> None:
        if self.current is not None:
            self.current.clicks += 1
            self.current.submits += submit

    def goto(self, path: str) -> None:
        """Open a page by its address (a bookmark or a link in a mail); not counted."""
        self.page.goto(f"{self.base}{path}")

    def click(self, selector: str) -> None:
        self._count()
        self.page.click(selector)

    def select(self, selector: str, value: str) -> None:
        self._count()
        self.page.select_option(selector, value)

    def check(self, selector: str) -> None:
        self._count()
        self.page.check(selector)

    def upload(self, selector: str, name: str = "evidence.pdf", content: bytes = PDF) -> None:
        self._count()
        self.page.set_input_files(selector, files=[{"name": name, "mimeType": "application/pdf", "buffer": content}])

    def fill(self, selector: str, text: str) -> None:
        self.page.fill(selector, text)

    def submit(self, selector: str) -> None:
        """Click a button that sends a form, and wait for the answer."""
        self._count(submit=True)
        with self.page.expect_navigation():
            self.page.click(selector)

    def log_in(self, username: str, landing: str = r"/") -> None:
        self.goto("/accounts/login/")
        self.fill("#id_username", username)
        self.fill("#id_password", PASSWORD)
        self.submit("main form button[type=submit]")
        self.page.wait_for_url(re.compile(landing))

    def log_out(self) -> None:
        with self.page.expect_navigation():
            self.page.click("header form.logout button")

    def report(self) -> dict:
        return {name: {"clicks": c.clicks, "submits": c.submits} for name, c in self.tasks.items()}


def write_report(journeys: list[Journey], label: str) -> None:
    """Print each role's tasks; add them to the JSON file named by JOURNEY_REPORT, under `label`."""
    results = {j.role: j.report() for j in journeys}
    for role, tasks in results.items():
        for name, count in tasks.items():
            print(f"{label} | {role} | {name} | {count['clicks']} clicks | {count['submits']} submits")
    target = os.environ.get("JOURNEY_REPORT")
    if target:
        path = Path(target)
        existing = json.loads(path.read_text()) if path.exists() else {}
        existing[label] = results
        path.write_text(json.dumps(existing, indent=2) + "\n")


def label_of(journey: Journey, selector: str, text: str) -> str:
    """The value of the first option whose label contains `text` (what a person picks by reading)."""
    return journey.page.eval_on_selector(
        selector, "(s, t) => Array.from(s.options).find(o => !o.hidden && o.text.includes(t)).value", text
    )
