"""Read an IATI activity file (2.0x) from another system into plain records, safely.

Hostile files are refused before anything is read from them: the parser
never expands entities, loads a DTD or touches the network, any DOCTYPE is
refused outright (no entity tricks), and the file's size is capped
(settings.IATI["IMPORT_MAX_BYTES"]). A 2.03 file must be valid against the
official schema; older 2.0x files are read as far as they go.

How an activity maps to Concord (the inverse of iati/export.py):
- title, description (type 1, else the first) → title, summary;
- activity-status → status; activity-date actual start (2) or planned start
  (1) → start date, actual end (4) or planned end (3) → end date;
- the first DAC sector of one of the five domains → domain (iati/codes.py);
- implementing organisations (role 4) in document order → side A's and
  side B's implementing body; recipient countries → the dyad, when the
  importer does not name it;
- budgets → contributions: exactly two budgets are side A's and side B's
  (Concord's own layout); otherwise budgets are summed per currency, the
  first currency for side A and a second for side B;
- results, indicators, baselines, periods, targets, and actuals (without a
  dimension: the actual; with one: a breakdown) → the results framework.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from programs.choices import ProgramStatus
from results.models import IndicatorKind, ResultType

from . import codes
from .schema import safe_parser, schema_errors

UNIT_LINE = re.compile(r"(?:^|\n\n)Unit: (?P<unit>.+)\.\s*$")
MAX_ERRORS_SHOWN = 5


@dataclass
class ParsedPeriod:
    start: date
    end: date
    target_value: Decimal | None = None
    target_comment: str = ""
    actual_value: Decimal | None = None
    actual_comment: str = ""
    evidence_url: str = ""
    has_actual: bool = False
    breakdowns: list[tuple[str, str, Decimal]] = field(default_factory=list)  # dimension, category, value


@dataclass
class ParsedIndicator:
    title: str
    description: str
    kind: str
    unit: str
    ascending: bool
    cumulative: bool
    baseline_value: Decimal | None
    baseline_date: date | None
    baseline_comment: str
    periods: list[ParsedPeriod]

    def dimensions(self) -> list[tuple[str, list[str]]]:
        """The breakdown dimensions the periods use, with their categories in order of appearance."""
        found: dict[str, list[str]] = {}
        for period in self.periods:
            for name, category, _value in period.breakdowns:
                categories = found.setdefault(name, [])
                if category not in categories:
                    categories.append(category)
        return list(found.items())


@dataclass
class ParsedResult:
    type: str
    title: str
    description: str
    indicators: list[ParsedIndicator]


@dataclass
class ParsedActivity:
    identifier: str
    title: str
    summary: str
    domain: str | None
    status: str
    start_date: date | None
    end_date: date | None
    body_a: str
    body_b: str
    contributions: list[tuple[Decimal, str]]
    countries: list[str]
    results: list[ParsedResult]


def _text(element: etree._Element | None, limit: int | None = None) -> str:
    """The English (or unmarked, else first) narrative of an IATI text element."""
    if element is None:
        return ""
    narratives = element.findall("narrative")
    chosen = next((n for n in narratives if n.get(codes.XML_LANG) in (None, "en")), None)
    if chosen is None and narratives:
        chosen = narratives[0]
    text = (chosen.text or "").strip() if chosen is not None else ""
    return text[:limit] if limit else text


def _date(element: etree._Element | None, where: str) -> date | None:
    if element is None or not element.get("iso-date"):
        return None
    try:
        return date.fromisoformat(element.get("iso-date"))
    except ValueError as exc:
        raise ValidationError(
            _("%(where)s: “%(v)s” is not a date.") % {"where": where, "v": element.get("iso-date")}
        ) from exc


def _number(raw: str | None, where: str) -> Decimal | None:
    if raw is None or not raw.strip():
        return None
    try:
        value = Decimal(raw.strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ValidationError(_("%(where)s: “%(v)s” is not a number.") % {"where": where, "v": raw}) from exc
    if not value.is_finite() or abs(value) >= Decimal(10) ** 14:
        raise ValidationError(_("%(where)s: “%(v)s” is out of range.") % {"where": where, "v": raw})
    return value


def _flag(raw: str | None, default: bool) -> bool:
    return default if raw is None else raw.strip().lower() in ("1", "true")


def read_document(data: bytes) -> etree._Element:
    """The root `iati-activities` element of `data`, refused if unsafe, malformed or (2.03) invalid."""
    if len(data) > settings.IATI["IMPORT_MAX_BYTES"]:
        limit = settings.IATI["IMPORT_MAX_BYTES"] // (1024 * 1024) or 1
        raise ValidationError(_("The file is too large: the limit is %(n)d MB.") % {"n": limit})
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser()))
    except etree.XMLSyntaxError as exc:
        raise ValidationError(_("This is not a well-formed XML file: %(e)s") % {"e": exc}) from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ValidationError(_("XML files with a DOCTYPE are refused (entities could hide anything)."))
    root = tree.getroot()
    if root.tag != "iati-activities" or not (root.get("version") or "").startswith("2.0"):
        raise ValidationError(_("This is not an IATI activity file of version 2.0x (<iati-activities version=…>)."))
    if root.get("version") == codes.IATI_VERSION:
        errors = schema_errors(tree)
        if errors:
            shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
            raise ValidationError(_("The file is not valid IATI 2.03: %(e)s") % {"e": shown})
    if root.find("iati-activity") is None:
        raise ValidationError(_("The file holds no activity."))
    return root


def _indicator_unit(description: str, measure: str) -> tuple[str, str]:
    """(description without Concord's "Unit: …" line, unit)."""
    match = UNIT_LINE.search(description)
    if match:
        return description[: match.start()].strip(), match.group("unit").strip()[:40]
    return description, "%" if measure == codes.MEASURE_PERCENTAGE else "units"


def _period(element: etree._Element, where: str) -> ParsedPeriod:
    start, end = _date(element.find("period-start"), where), _date(element.find("period-end"), where)
    if start is None or end is None:
        raise ValidationError(_("%(where)s: a period needs a start and an end.") % {"where": where})
    period = ParsedPeriod(start=start, end=end)
    target = next((t for t in element.findall("target") if t.find("dimension") is None), None)
    if target is not None:
        period.target_value = _number(target.get("value"), where)
        period.target_comment = _text(target.find("comment"))
    for actual in element.findall("actual"):
        dimension = actual.find("dimension")
        if dimension is None and not period.has_actual:
            period.has_actual = True
            period.actual_value = _number(actual.get("value"), where)
            period.actual_comment = _text(actual.find("comment"))
            link = actual.find("document-link")
            period.evidence_url = (link.get("url") or "")[:500] if link is not None else ""
        elif dimension is not None and dimension.get("name") and dimension.get("value"):
            value = _number(actual.get("value"), where)
            if value is not None:
                period.breakdowns.append((dimension.get("name")[:60], dimension.get("value")[:60], value))
    return period


def _indicator(element: etree._Element) -> ParsedIndicator:
    title = _text(element.find("title"), 200) or _("Untitled indicator")
    measure = element.get("measure", codes.MEASURE_UNIT)
    qualitative = measure == codes.MEASURE_QUALITATIVE
    description, unit = _indicator_unit(_text(element.find("description")), measure)
    baseline = element.find("baseline")
    baseline_value = baseline_date = None
    baseline_comment = ""
    if baseline is not None:
        baseline_date = _date(baseline, title)
        if baseline_date is None and (baseline.get("year") or "").isdigit():
            baseline_date = date(int(baseline.get("year")), 1, 1)
        baseline_value = None if qualitative else _number(baseline.get("value"), title)
        baseline_comment = _text(baseline.find("comment"))
    return ParsedIndicator(
        title=title,
        description=description,
        kind=IndicatorKind.QUALITATIVE if qualitative else IndicatorKind.QUANTITATIVE,
        unit="" if qualitative else unit,
        ascending=_flag(element.get("ascending"), True),
        cumulative=not qualitative and not _flag(element.get("aggregation-status"), True),
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        baseline_comment=baseline_comment,
        periods=[_period(p, title) for p in element.findall("period")],
    )


def _result(element: etree._Element) -> ParsedResult:
    return ParsedResult(
        type=codes.IATI_RESULT_TYPES.get(element.get("type", ""), ResultType.OUTPUT),
        title=_text(element.find("title"), 200) or _("Untitled result"),
        description=_text(element.find("description")),
        indicators=[_indicator(i) for i in element.findall("indicator")],
    )


def _activity_dates(activity: etree._Element, where: str) -> tuple[date | None, date | None]:
    found = {d.get("type"): _date(d, where) for d in activity.findall("activity-date")}
    start = found.get(codes.ACTUAL_START) or found.get(codes.PLANNED_START)
    end = found.get(codes.ACTUAL_END) or found.get(codes.PLANNED_END)
    return start, end


def _domain(activity: etree._Element) -> str | None:
    for sector in activity.findall("sector"):
        if sector.get("vocabulary", codes.DAC_SECTOR_VOCABULARY) in ("1", "2"):
            domain = codes.domain_for_sector(sector.get("code", ""))
            if domain is not None:
                return domain
    return None


def _contributions(activity: etree._Element, where: str) -> list[tuple[Decimal, str]]:
    """(amount, currency) of side A then side B, from the activity's budgets (see the module's docstring)."""
    default = activity.get("default-currency", "")
    budgets = []
    for budget in activity.findall("budget"):
        value = budget.find("value")
        amount = _number(value.text if value is not None else None, where)
        currency = (value.get("currency") if value is not None else None) or default
        if amount is not None:
            if not currency:
                raise ValidationError(_("%(where)s: a budget has no currency.") % {"where": where})
            budgets.append((amount, currency.upper()))
    if len(budgets) == 2:
        return budgets
    totals: dict[str, Decimal] = {}
    for amount, currency in budgets:
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    if len(totals) > 2:
        raise ValidationError(_("%(where)s: budgets in more than two currencies.") % {"where": where})
    return [(amount, currency) for currency, amount in totals.items()]


def parse_activity(activity: etree._Element) -> ParsedActivity:
    identifier = (activity.findtext("iati-identifier") or "").strip()[:200]
    where = identifier or _("an activity without identifier")
    descriptions = activity.findall("description")
    general = next((d for d in descriptions if d.get("type", "1") == "1"), descriptions[0] if descriptions else None)
    start, end = _activity_dates(activity, where)
    status = activity.find("activity-status")
    bodies = [_text(o, 200) for o in activity.findall("participating-org") if o.get("role") == codes.ROLE_IMPLEMENTING]
    bodies = [b for b in bodies if b]
    return ParsedActivity(
        identifier=identifier,
        title=_text(activity.find("title"), 200),
        summary=_text(general),
        domain=_domain(activity),
        status=codes.ACTIVITY_STATUS.get(status.get("code", "") if status is not None else "", ProgramStatus.PLANNED),
        start_date=start,
        end_date=end,
        body_a=bodies[0] if bodies else "",
        body_b=bodies[1] if len(bodies) > 1 else "",
        contributions=_contributions(activity, where),
        countries=[c.get("code", "").upper() for c in activity.findall("recipient-country")],
        results=[_result(r) for r in activity.findall("result")],
    )


def parse_activities(data: bytes) -> list[ParsedActivity]:
    """Every activity of an IATI file, as plain records; a ValidationError says what is wrong with the file."""
    return [parse_activity(activity) for activity in read_document(data).iter("iati-activity")]
