"""Published programs as IATI activity XML 2.03, valid against the official schema (see iati/schema.py).

Only public data is written: published programs, their published
evaluations and their results framework as `results.selectors.public_results`
gives it (an actual appears only once approved). Loading runs a fixed number
of queries whatever the number of programs (`load_activities`).

Layout of one activity (what the importer reads back):
- `iati-identifier`: the reporting organisation's ref, a dash, the program id;
- title and description as narratives;
- participating organisations: each side's owning ministry (funding,
  government) and implementing body (implementing), side A first;
- activity status and dates; both states as recipient countries, 50% each;
- one DAC 5-digit sector (iati/codes.py); collaboration type bilateral;
- one committed budget per side, in its currency, side A first, over the
  program's dates (an open-ended program: its first year);
- a document link (category A07) per published evaluation;
- results: indicators with measure, direction (`ascending`), cumulation
  (`aggregation-status` false when cumulative), the unit as the last line of
  the description ("Unit: students."), baseline, and periods with target
  and approved actual (comment, evidence links in category A08, and one
  extra actual per breakdown value with its `dimension`).
"""

import mimetypes
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from core.i18n import narratives
from evaluation.models import Evaluation
from programs.choices import ProgramStatus
from programs.models import Program
from results.formatting import format_value
from results.selectors import PublicIndicator, PublicPeriod, PublicResult, public_results

from . import codes

LANGUAGE = "en"


@dataclass
class Activity:
    """A published program with what its activity shows: results and published evaluations."""

    program: Program
    results: list[PublicResult] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)


def published_programs(dyad_id: int | None = None) -> QuerySet[Program]:
    qs = Program.objects.published().select_related("dyad__state_a", "dyad__state_b", "ministry_a", "ministry_b")
    if dyad_id is not None:
        qs = qs.filter(dyad_id=dyad_id)
    return qs.order_by("dyad__slug", "id")


def load_activities(programs: Iterable[Program]) -> list[Activity]:
    """The programs with their public results and published evaluations: seven queries in all."""
    activities = [Activity(p) for p in programs]
    ids = [a.program.pk for a in activities]
    results = public_results(ids)
    evaluations: dict[int, list[Evaluation]] = defaultdict(list)
    for evaluation in Evaluation.objects.published().filter(program_id__in=ids).select_related("organisation"):
        evaluations[evaluation.program_id].append(evaluation)
    for activity in activities:
        activity.results = results.get(activity.program.pk, [])
        activity.evaluations = evaluations[activity.program.pk]
    return activities


def activity_identifier(program: Program) -> str:
    return f"{settings.IATI['REPORTING_ORG_REF']}-{program.pk}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str | None) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _narrative(parent: etree._Element, tag: str, text: str, **attributes: str | None) -> etree._Element:
    """`<tag><narrative>text</narrative></tag>`, the form every IATI text takes."""
    element = _sub(parent, tag, **attributes)
    _sub(element, "narrative", text)
    return element


def _narratives(parent: etree._Element, tag: str, texts: list[tuple[str, str]], **attributes: str | None):
    """`<tag>` with one `<narrative>` a language (core.i18n.narratives); all but the activity's
    language (LANGUAGE, the English reference text) say theirs in `xml:lang`."""
    element = _sub(parent, tag, **attributes)
    for language, text in texts:
        narrative = _sub(element, "narrative", text)
        if language != LANGUAGE:
            narrative.set(codes.XML_LANG, language)
    return element


def _document_link(parent, url: str, title: str, category: str, day: date | None = None) -> None:
    kind = mimetypes.guess_type(url.split("?")[0])[0] or "text/html"
    link = _sub(parent, "document-link", url=url, format=kind)
    _narrative(link, "title", title)
    _sub(link, "category", code=category)
    _sub(link, "language", code=LANGUAGE)
    if day is not None:
        _sub(link, "document-date", iso_date=day.isoformat())


def _organisations(activity: etree._Element, program: Program) -> None:
    dyad = program.dyad
    for state, ministry in ((dyad.state_a, program.ministry_a), (dyad.state_b, program.ministry_b)):
        if ministry is not None:
            name = f"{ministry.name}, {state.name}"
            _narrative(activity, "participating-org", name, role=codes.ROLE_FUNDING, type=codes.GOVERNMENT)
    for body in (program.body_a, program.body_b):
        _narrative(activity, "participating-org", body, role=codes.ROLE_IMPLEMENTING)


def _dates(activity: etree._Element, program: Program, today: date) -> None:
    started = program.start_date <= today and program.status != ProgramStatus.PLANNED
    start_type = codes.ACTUAL_START if started else codes.PLANNED_START
    _sub(activity, "activity-date", iso_date=program.start_date.isoformat(), type=start_type)
    if program.end_date:
        ended = program.end_date <= today and program.status == ProgramStatus.COMPLETED
        end_type = codes.ACTUAL_END if ended else codes.PLANNED_END
        _sub(activity, "activity-date", iso_date=program.end_date.isoformat(), type=end_type)


def budget_end(program: Program) -> date:
    """The last day of the budgets: the program's end, or a year after its start when open-ended."""
    if program.end_date:
        return program.end_date
    start = program.start_date
    try:
        year_later = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        year_later = start.replace(year=start.year + 1, day=28)
    return year_later - timedelta(days=1)


def _budgets(activity: etree._Element, program: Program) -> None:
    for amount, currency in (
        (program.contribution_a, program.currency_a),
        (program.contribution_b, program.currency_b),
    ):
        budget = _sub(activity, "budget", type=codes.BUDGET_ORIGINAL, status=codes.BUDGET_COMMITTED)
        _sub(budget, "period-start", iso_date=program.start_date.isoformat())
        _sub(budget, "period-end", iso_date=budget_end(program).isoformat())
        _sub(budget, "value", f"{amount:f}", currency=currency, value_date=program.start_date.isoformat())


def _evaluation_links(activity: etree._Element, activity_data: Activity, base_url: str) -> None:
    program_page = base_url + activity_data.program.get_absolute_url()
    for evaluation in activity_data.evaluations:
        report = reverse("evaluation_report", kwargs={"pk": evaluation.pk})
        url = base_url + report if evaluation.report_document else program_page
        title = f"Independent evaluation by {evaluation.organisation} ({evaluation.date:%Y-%m-%d})"
        _document_link(activity, url, title, codes.EVALUATION_REPORT, evaluation.date)


def _indicator_description(indicator: PublicIndicator) -> str:
    lines = [indicator.description.strip()] if indicator.description.strip() else []
    if indicator.is_quantitative:
        lines.append(f"Unit: {indicator.unit}.")
    return "\n\n".join(lines)


def _baseline(parent: etree._Element, indicator: PublicIndicator) -> None:
    if indicator.baseline_date is None:
        return
    value = format_value(indicator.baseline_value) if indicator.baseline_value is not None else None
    day = indicator.baseline_date
    baseline = _sub(parent, "baseline", year=str(day.year), iso_date=day.isoformat(), value=value)
    if indicator.baseline_comment:
        _narrative(baseline, "comment", indicator.baseline_comment)


def _actuals(parent: etree._Element, indicator: PublicIndicator, period: PublicPeriod, base_url: str) -> None:
    value = format_value(period.actual) if period.actual is not None else None
    actual = _sub(parent, "actual", value=value)
    if period.actual_comment:
        _narrative(actual, "comment", period.actual_comment)
    title = f"Evidence: {indicator.title}, {period.start:%Y-%m-%d} to {period.end:%Y-%m-%d}"
    if period.evidence_url:
        _document_link(actual, period.evidence_url, title, codes.RESULTS_EVIDENCE)
    if period.has_document:
        url = base_url + reverse("period_evidence", kwargs={"pk": period.pk})
        _document_link(actual, url, title, codes.RESULTS_EVIDENCE)
    for breakdown in period.breakdowns:
        part = _sub(parent, "actual", value=format_value(breakdown.value))
        _sub(part, "dimension", name=breakdown.dimension, value=breakdown.category)


def _period(parent: etree._Element, indicator: PublicIndicator, period: PublicPeriod, base_url: str) -> None:
    element = _sub(parent, "period")
    _sub(element, "period-start", iso_date=period.start.isoformat())
    _sub(element, "period-end", iso_date=period.end.isoformat())
    if period.target is not None or period.target_comment:
        value = format_value(period.target) if period.target is not None else None
        target = _sub(element, "target", value=value)
        if period.target_comment:
            _narrative(target, "comment", period.target_comment)
    if period.approved:
        _actuals(element, indicator, period, base_url)


def _indicator(parent: etree._Element, indicator: PublicIndicator, base_url: str) -> None:
    if not indicator.is_quantitative:
        measure = codes.MEASURE_QUALITATIVE
    else:
        measure = codes.MEASURE_PERCENTAGE if indicator.unit.strip() == "%" else codes.MEASURE_UNIT
    attributes = {"measure": measure, "ascending": "1" if indicator.ascending else "0"}
    if indicator.is_quantitative:
        attributes["aggregation-status"] = "0" if indicator.cumulative else "1"
    element = _sub(parent, "indicator", **attributes)
    _narrative(element, "title", indicator.title)
    description = _indicator_description(indicator)
    if description:
        _narrative(element, "description", description)
    _baseline(element, indicator)
    for period in indicator.periods:
        _period(element, indicator, period, base_url)


def _results(activity: etree._Element, results: list[PublicResult], base_url: str) -> None:
    for result in results:
        if not result.indicators:
            continue  # IATI needs at least one indicator per result
        element = _sub(activity, "result", type=codes.RESULT_TYPES[result.type])
        _narrative(element, "title", result.title)
        if result.description:
            _narrative(element, "description", result.description)
        for indicator in result.indicators:
            _indicator(element, indicator, base_url)


def activity_element(parent: etree._Element, data: Activity, *, base_url: str, today: date) -> etree._Element:
    program, dyad = data.program, data.program.dyad
    updated = program.updated_at.isoformat()
    activity = _sub(parent, "iati-activity", last_updated_datetime=updated, default_currency=program.currency_a)
    activity.set(codes.XML_LANG, LANGUAGE)
    _sub(activity, "iati-identifier", activity_identifier(program))
    org = settings.IATI
    reporter = {"ref": org["REPORTING_ORG_REF"], "type": org["REPORTING_ORG_TYPE"]}
    _narrative(activity, "reporting-org", org["REPORTING_ORG_NAME"], **reporter)
    _narratives(activity, "title", narratives(program, "title"))
    _narratives(activity, "description", narratives(program, "summary") or narratives(program, "title"), type="1")
    _organisations(activity, program)
    _sub(activity, "activity-status", code=codes.PROGRAM_STATUS[program.status])
    _dates(activity, program, today)
    for state in (dyad.state_a, dyad.state_b):
        _sub(activity, "recipient-country", code=state.code, percentage="50")
    _sub(activity, "sector", vocabulary=codes.DAC_SECTOR_VOCABULARY, code=codes.DOMAIN_SECTORS[program.domain])
    _sub(activity, "collaboration-type", code=codes.BILATERAL)
    _budgets(activity, program)
    _evaluation_links(activity, data, base_url)
    _results(activity, data.results, base_url)
    return activity


def activities_xml(activities: Iterable[Activity], *, base_url: str | None = None) -> bytes:
    """An `iati-activities` document (version 2.03) of the given activities, UTF-8 with a declaration."""
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    now = timezone.now().replace(microsecond=0)
    root = etree.Element("iati-activities", {"version": codes.IATI_VERSION, "generated-datetime": now.isoformat()})
    today = timezone.localdate()
    for data in activities:
        activity_element(root, data, base_url=base_url, today=today)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
