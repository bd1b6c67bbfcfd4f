"""Sharing a chart: its permalink, its embed view, and the title, source, licence and date it carries.

Every chart on a public page has an anchor (``#chart-<id>``) and an embed view, a page
with just that chart that other sites may frame. The same title, source line and date
go on the chart's downloaded image (static/js/dashboards.js), so a chart seen away from
the site still says what it is, where it comes from and when.
"""

from dataclasses import dataclass
from datetime import date
from functools import wraps

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from core.i18n import localized

OVERVIEW, DYAD, PROGRAM, METHOD = "overview", "dyad", "program", "method"

# Each chart id the pages use, with the page it belongs to and its title.
CHARTS = {
    "map": (OVERVIEW, gettext_lazy("Where the pairs of states are")),
    "history": (DYAD, gettext_lazy("Trust index over time")),
    "components": (DYAD, gettext_lazy("What the index is made of")),
    "remove-one": (DYAD, gettext_lazy("What the index leans on")),
    "delivery": (DYAD, gettext_lazy("Milestone delivery")),
    "domains": (DYAD, gettext_lazy("Programs by domain")),
    "dac": (DYAD, gettext_lazy("Independent evaluations: mean ratings")),
    "timeline": (PROGRAM, gettext_lazy("Milestones")),
    "weights": (METHOD, gettext_lazy("Weights of the six components")),
    "scenarios": (METHOD, gettext_lazy("The weight scenarios")),
}
INDICATOR_PREFIX = "indicator-"


def chart_scope(chart_id: str) -> str | None:
    """The page a chart belongs to (OVERVIEW, DYAD, PROGRAM or METHOD), None for an unknown id."""
    if chart_id.startswith(INDICATOR_PREFIX):
        return PROGRAM
    entry = CHARTS.get(chart_id)
    return entry[0] if entry else None


@dataclass(frozen=True)
class ChartShare:
    """What a chart carries wherever it goes."""

    chart_id: str
    title: str
    page_url: str
    embed_url: str
    as_of: date

    @property
    def permalink(self) -> str:
        return f"{self.page_url}#chart-{self.chart_id}"

    @property
    def source(self) -> str:
        return _("Source: Concord, %(url)s") % {"url": settings.SITE_URL + self.permalink}

    @property
    def licence(self) -> str:
        return _("Licence: %(licence)s") % {"licence": settings.DATA_LICENCE}

    @property
    def licence_url(self) -> str:
        return settings.DATA_LICENCE_URL

    @property
    def date_label(self) -> str:
        return _("Data as of %(date)s") % {"date": formats.date_format(self.as_of, "j M Y")}

    @property
    def filename(self) -> str:
        page = self.page_url.strip("/").replace("/", "-") or "overview"
        return f"concord-{page}-{self.chart_id}"


def chart_share(chart_id: str, *, dyad=None, program=None, title: str = "", as_of: date | None = None):
    """The sharing details of a chart on its page; None when the chart has no embed view.

    `dyad` or `program` is the record the page shows (needed for their charts);
    `title` names an indicator chart, whose title is the indicator's own.
    """
    scope = chart_scope(chart_id)
    as_of = as_of or timezone.localdate()
    if scope == OVERVIEW:
        page, embed = reverse("dashboards:overview"), reverse("dashboards:overview_chart", args=[chart_id])
        subject = ""
    elif scope == METHOD:
        page, embed = reverse("dashboards:method"), reverse("dashboards:method_chart", args=[chart_id])
        subject = ""
    elif scope == DYAD and dyad is not None:
        page, embed = dyad.get_absolute_url(), reverse("dashboards:dyad_chart", args=[dyad.slug, chart_id])
        subject = str(dyad)
    elif scope == PROGRAM and program is not None:
        page, embed = program.get_absolute_url(), reverse("dashboards:program_chart", args=[program.pk, chart_id])
        subject = localized(program, "title").text
    else:
        return None
    name = title or str(CHARTS.get(chart_id, ("", ""))[1])
    full_title = _("%(chart)s: %(subject)s") % {"chart": name, "subject": subject} if subject else name
    return ChartShare(chart_id=chart_id, title=full_title, page_url=page, embed_url=embed, as_of=as_of)


def framable(view):
    """Let other sites frame this view (an embed view), and only this one: the site's
    Content-Security-Policy with `frame-ancestors` from settings.EMBED_FRAME_ANCESTORS,
    and no X-Frame-Options header."""
    policy = {**settings.SECURE_CSP, "frame-ancestors": list(settings.EMBED_FRAME_ANCESTORS)}
    return wraps(view)(xframe_options_exempt(csp_override(policy)(view)))


def figure_in(context: dict, chart_id: str) -> tuple[str, str, str] | None:
    """(figure JSON, text alternative, own title) of a chart in a page's context, None if the page has no such chart."""
    if chart_id.startswith(INDICATOR_PREFIX):
        for entry in context.get("indicators", []):
            if entry["chart_id"] == chart_id and entry["chart_json"]:
                return entry["chart_json"], entry["alt"], entry["indicator"].title
        return None
    key = chart_id.replace("-", "_")
    figure = context.get(f"{key}_json")
    return (figure, context.get(f"{key}_alt", ""), "") if figure else None
