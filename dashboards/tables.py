"""HTML rows of the dyad page's long tables, built in Python.

A dyad can have hundreds of programs and evaluations and years of monthly
snapshots; rendering those rows with template loops cost more than the rest
of the page together, so they are joined here, escaping every text value.
"""

from collections.abc import Sequence

from django.urls import reverse
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.i18n import localized_html
from trustindex.models import IndexSnapshot

from .queries import EvaluationRow, ProgramRow


def _program_url_prefix() -> str:
    """The program page URL without its id, so long tables need not reverse() per row."""
    return reverse("dashboards:program", kwargs={"pk": 0}).removesuffix("0/")


def program_rows(programs: Sequence[ProgramRow]) -> SafeString:
    prefix = _program_url_prefix()
    rows = [
        f'<tr><td><a href="{prefix}{p.pk}/">{localized_html(p.localized_title)}</a></td>'
        f"<td>{escape(p.domain_label)}</td>"
        f'<td class="date">{p.start_date.year}–{p.end_date.year if p.end_date else ""}</td>'
        f'<td class="num">{p.milestone_count}</td></tr>'
        for p in programs
    ]
    return mark_safe("\n".join(rows))  # every text value is escaped above (localized_html escapes)


def evaluation_rows(evaluations: Sequence[EvaluationRow]) -> SafeString:
    prefix = _program_url_prefix()
    rows = [
        f'<tr><td class="date">{e.date.isoformat()}</td><td><a href="{prefix}{e.program_id}/">'
        f"{localized_html(e.program_title)}</a></td><td>{escape(e.organisation)}</td>"
        + "".join(f'<td class="num">{r if r is not None else "–"}</td>' for r in e.ratings)
        + "</tr>"
        for e in evaluations
    ]
    return mark_safe("\n".join(rows))  # every text value is escaped above (localized_html escapes)


def history_rows(history: Sequence[IndexSnapshot]) -> SafeString:
    return format_html_join(
        "\n",
        '<tr><td class="date">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}%</td></tr>',
        (
            (
                s.as_of.isoformat(),
                f"{s.value:.1f}" if s.value is not None else _("insufficient data"),
                f"{s.band_low:.1f}–{s.band_high:.1f}" if s.band_low is not None and s.band_high is not None else "",
                round(s.coverage * 100),
            )
            for s in history
        ),
    )
