"""Import an IATI activity file as draft programs with their results frameworks, for review.

Everything goes through the same services as the workspace and the API
(`programs.services`, `results.services`), as the importing user, so the
same permissions and rules apply: the user must be ministry staff of the
dyad, the program is an unpublished draft, and its actuals are draft
actuals that the two sides still submit and approve in Concord. A file is
imported whole or not at all, and an activity identifier only once.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from programs import services as program_services
from programs.models import Dyad, Program
from results import services as result_services
from results.services import INDICATOR_FIELDS

from .models import ImportedActivity
from .parsing import ParsedActivity, ParsedIndicator, ParsedResult, parse_activities

MISSING_BODY = "(not named in the IATI file)"


def _dyad_of(activity: ParsedActivity) -> Dyad:
    countries = sorted(set(activity.countries))
    if len(countries) == 2:
        dyad = Dyad.objects.filter(slug=Dyad.slug_for(*countries)).first()
        if dyad is not None:
            return dyad
    raise ValidationError(
        _("%(id)s: choose the dyad; the file's recipient countries (%(c)s) name none.")
        % {"id": activity.identifier, "c": ", ".join(countries) or "—"}
    )


def _program_data(activity: ParsedActivity, default_domain: str | None) -> dict:
    domain = activity.domain or default_domain
    if domain is None:
        raise ValidationError(
            _("%(id)s: no sector maps to one of Concord's five domains; choose a domain.") % {"id": activity.identifier}
        )
    if activity.start_date is None:
        raise ValidationError(_("%(id)s: the activity has no start date.") % {"id": activity.identifier})
    (amount_a, currency_a), (amount_b, currency_b) = [*activity.contributions, (0, ""), (0, "")][:2]
    return {
        "title": activity.title or activity.identifier,
        "summary": activity.summary,
        "domain": domain,
        "status": activity.status,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "body_a": activity.body_a or MISSING_BODY,
        "body_b": activity.body_b or MISSING_BODY,
        "contribution_a": amount_a,
        "currency_a": currency_a or currency_b or "USD",
        "contribution_b": amount_b,
        "currency_b": currency_b or currency_a or "USD",
    }


def _import_indicator(user: User, result, parsed: ParsedIndicator) -> None:
    data = {name: getattr(parsed, name) for name in INDICATOR_FIELDS}
    indicator = result_services.create_indicator(user=user, result=result, data=data, dimensions=parsed.dimensions())
    dimension_ids = {d.name: d.pk for d in indicator.dimensions.all()}
    for p in parsed.periods:
        period = result_services.create_period(
            user=user,
            indicator=indicator,
            data={"start": p.start, "end": p.end, "target_value": p.target_value, "target_comment": p.target_comment},
        )
        if p.has_actual or p.breakdowns:
            breakdowns: dict[int, dict] = {}
            for name, category, value in p.breakdowns:
                breakdowns.setdefault(dimension_ids[name], {})[category] = value
            result_services.record_actual(
                user=user,
                period=period,
                actual_value=p.actual_value,
                actual_comment=p.actual_comment,
                evidence_url=p.evidence_url,
                breakdowns=breakdowns,
            )


def _import_results(user: User, program: Program, results: list[ParsedResult]) -> None:
    for parsed in results:
        result = result_services.create_result(
            user=user,
            program=program,
            data={"type": parsed.type, "title": parsed.title, "description": parsed.description},
        )
        for indicator in parsed.indicators:
            _import_indicator(user, result, indicator)


def _in_context(identifier: str, error: ValidationError) -> ValidationError:
    """The service's error, prefixed with the activity (and field) it concerns."""
    if hasattr(error, "error_dict"):
        return ValidationError([f"{identifier}: {f}: {m}" for f, ms in error.message_dict.items() for m in ms])
    return ValidationError([f"{identifier}: {message}" for message in error.messages])


def import_activity(
    *,
    user: User,
    activity: ParsedActivity,
    dyad: Dyad | None = None,
    default_domain: str | None = None,
    source_name: str = "",
) -> Program:
    """One activity as a draft program of `dyad` (or of the dyad its recipient countries name), with its results."""
    if not activity.identifier:
        raise ValidationError(_("An activity has no iati-identifier."))
    if ImportedActivity.objects.filter(iati_identifier=activity.identifier).exists():
        raise ValidationError(_("%(id)s was already imported.") % {"id": activity.identifier})
    dyad = dyad or _dyad_of(activity)
    try:
        program = program_services.create_program(user=user, dyad=dyad, data=_program_data(activity, default_domain))
        _import_results(user, program, activity.results)
    except ValidationError as exc:
        raise _in_context(activity.identifier, exc) from exc
    ImportedActivity.objects.create(
        iati_identifier=activity.identifier, program=program, source_name=source_name[:200], imported_by=user
    )
    return program


@transaction.atomic
def import_file(
    *, user: User, data: bytes, dyad: Dyad | None = None, default_domain: str | None = None, source_name: str = ""
) -> list[Program]:
    """Every activity of an IATI file as draft programs; all or nothing."""
    activities = parse_activities(data)
    return [
        import_activity(user=user, activity=a, dyad=dyad, default_domain=default_domain, source_name=source_name)
        for a in activities
    ]
