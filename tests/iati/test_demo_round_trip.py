"""Done when: the IATI export of the demo validates against the 2.03 schema with 0 errors and round-trips
through the importer (every published program comes back, as a draft, with the same framework and approved actuals)."""

import pytest
from django.core.management import call_command
from lxml import etree

from iati.export import activities_xml, activity_identifier, load_activities, published_programs
from iati.importer import import_file
from iati.models import ImportedActivity
from iati.schema import safe_parser, schema_errors
from results.models import Result
from results.selectors import framework, program_public_results
from tests.people import superuser

pytestmark = pytest.mark.django_db

PROGRAM_FIELDS = ("title", "summary", "domain", "status", "start_date", "end_date", "body_a", "body_b")
MONEY_FIELDS = ("contribution_a", "currency_a", "contribution_b", "currency_b")
INDICATOR_FIELDS = ("title", "kind", "unit", "ascending", "cumulative", "baseline_value", "baseline_date")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data set, its export, and the export imported back (once for the module)."""
    with django_db_blocker.unblock():
        call_command("seed_demo")
        document = activities_xml(load_activities(published_programs()))
        imported = import_file(user=superuser(), data=document, source_name="demo.xml")
        yield document, imported
        call_command("flush", "--noinput", verbosity=0)  # post_migrate reloads the states


def public_shape(program) -> list:
    """A published program's framework as exported: every period's target, actuals only where approved."""
    shape = []
    for result in program_public_results(program):
        for i in result.indicators:
            periods = [
                (p.start, p.end, p.target, p.target_comment)
                + (
                    (
                        p.actual,
                        p.actual_comment,
                        p.evidence_url,
                        sorted((b.dimension, b.category, b.value) for b in p.breakdowns),
                    )
                    if p.approved
                    else ()
                )
                for p in i.periods
            ]
            shape.append((result.type, result.title, *(getattr(i, f) for f in INDICATOR_FIELDS), periods))
    return shape


def imported_shape(program) -> list:
    """An imported draft's framework: any actual it carries came from an approved one."""
    shape = []
    for result in framework(Result.objects.filter(program=program)):
        for i in result.indicators.all():
            periods = []
            for p in i.periods.all():
                row: tuple = (p.start, p.end, p.target_value, p.target_comment)
                if p.has_actual or p.evidence_url:
                    breakdowns = sorted((b.dimension.name, b.category, b.value) for b in p.breakdowns.all())
                    row += (p.actual_value, p.actual_comment, p.evidence_url, breakdowns)
                periods.append(row)
            shape.append((result.type, result.title, *(getattr(i, f) for f in INDICATOR_FIELDS), periods))
    return shape


def test_the_demo_export_validates_against_the_official_schema_with_no_error(demo):
    document, _ = demo
    assert schema_errors(document) == []
    root = etree.fromstring(document, safe_parser())
    activities = root.findall("iati-activity")
    assert len(activities) == published_programs().count() >= 15
    assert all(a.find("result") is not None for a in activities)
    assert (
        root.find(".//actual/dimension") is not None and root.find(".//document-link/category[@code='A07']") is not None
    )


def test_every_published_program_round_trips_through_the_importer(demo):
    _, imported = demo
    assert len(imported) == published_programs().count()
    for source in published_programs():
        copy = ImportedActivity.objects.get(iati_identifier=activity_identifier(source)).program
        assert not copy.is_published and copy.dyad_id == source.dyad_id
        assert [getattr(copy, f) for f in PROGRAM_FIELDS] == [getattr(source, f) for f in PROGRAM_FIELDS]
        assert [getattr(copy, f) for f in MONEY_FIELDS] == [getattr(source, f) for f in MONEY_FIELDS]
        assert imported_shape(copy) == public_shape(source), source.title
