"""The IATI importer: another system's activity file becomes draft programs with results; hostile files are refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from iati.importer import import_file
from iati.models import ImportedActivity
from programs.models import Program
from results.models import ActualStatus, IndicatorKind
from tests.factories import DyadFactory
from tests.people import staff

pytestmark = pytest.mark.django_db

ACTIVITY = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2025-01-01T00:00:00Z">
 <iati-activity default-currency="EUR">
  <iati-identifier>XM-DAC-7-1-123</iati-identifier>
  <reporting-org ref="XM-DAC-7" type="10"><narrative>Another donor</narrative></reporting-org>
  <title><narrative>Water sharing dialogue</narrative><narrative xml:lang="fr">Dialogue sur l'eau</narrative></title>
  <description type="1"><narrative>Technical talks on shared aquifers.</narrative></description>
  <participating-org role="4"><narrative>Iranian Water Institute</narrative></participating-org>
  <participating-org role="4"><narrative>Saudi Water Authority</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2024-03-01" type="2"/>
  <activity-date iso-date="2026-02-28" type="3"/>
  <recipient-country code="SA" percentage="50"/>
  <recipient-country code="IR" percentage="50"/>
  <sector vocabulary="1" code="43082"/>
  <budget><period-start iso-date="2024-03-01"/><period-end iso-date="2025-02-28"/>
   <value value-date="2024-03-01">100000</value></budget>
  <budget><period-start iso-date="2025-03-01"/><period-end iso-date="2026-02-28"/>
   <value value-date="2025-03-01">50000</value></budget>
  <budget><period-start iso-date="2024-03-01"/><period-end iso-date="2026-02-28"/>
   <value currency="USD" value-date="2024-03-01">70000</value></budget>
  <result type="2">
   <title><narrative>Shared data on aquifers</narrative></title>
   <indicator measure="2" ascending="1">
    <title><narrative>Monitoring wells with shared readings</narrative></title>
    <baseline year="2024" value="10"><comment><narrative>Before the talks.</narrative></comment></baseline>
    <period><period-start iso-date="2024-03-01"/><period-end iso-date="2025-02-28"/>
     <target value="40"/><actual value="32"><comment><narrative>Delays on the Saudi side.</narrative></comment>
     <document-link url="https://example.org/wells.pdf" format="application/pdf">
      <title><narrative>Well list</narrative></title><category code="A08"/></document-link></actual>
     <actual value="20"><dimension name="Side" value="Iran"/></actual>
     <actual value="12"><dimension name="Side" value="Saudi Arabia"/></actual>
    </period>
   </indicator>
   <indicator measure="5">
    <title><narrative>Joint data protocol</narrative></title>
    <period><period-start iso-date="2024-03-01"/><period-end iso-date="2025-02-28"/>
     <target><comment><narrative>Protocol signed.</narrative></comment></target></period>
   </indicator>
  </result>
 </iati-activity>
</iati-activities>
"""


@pytest.fixture
def iran(db):
    DyadFactory()
    return staff("IR")


def test_an_activity_becomes_a_draft_program_with_its_results_for_review(iran):
    (program,) = import_file(user=iran, data=ACTIVITY.encode(), source_name="donor.xml")
    assert not program.is_published and program.created_by == iran
    assert (program.dyad.slug, program.title, program.domain, program.status) == (
        "ir-sa",
        "Water sharing dialogue",
        "scientific",
        "active",
    )
    assert (program.start_date, program.end_date) == (date(2024, 3, 1), date(2026, 2, 28))
    assert (program.body_a, program.body_b) == ("Iranian Water Institute", "Saudi Water Authority")
    # Three budgets in two currencies: EUR (the default currency) for side A, USD for side B.
    assert (program.contribution_a, program.currency_a, program.contribution_b, program.currency_b) == (
        Decimal("150000"),
        "EUR",
        Decimal("70000"),
        "USD",
    )
    assert ImportedActivity.objects.get(program=program).iati_identifier == "XM-DAC-7-1-123"
    result = program.results.get()
    wells, protocol = result.indicators.order_by("id")
    assert (result.type, wells.unit, wells.baseline_value, wells.baseline_date) == (
        "outcome",
        "%",
        10,
        date(2024, 1, 1),
    )
    period = wells.periods.get()
    assert (period.target_value, period.actual_value, period.status) == (40, 32, ActualStatus.DRAFT)
    assert period.evidence_url == "https://example.org/wells.pdf"
    assert {(b.dimension.name, b.category, b.value) for b in period.breakdowns.all()} == {
        ("Side", "Iran", 20),
        ("Side", "Saudi Arabia", 12),
    }
    assert protocol.kind == IndicatorKind.QUALITATIVE
    assert protocol.periods.get().target_comment == "Protocol signed."


def test_an_identifier_is_imported_once(iran):
    import_file(user=iran, data=ACTIVITY.encode())
    with pytest.raises(ValidationError, match="already imported"):
        import_file(user=iran, data=ACTIVITY.encode())
    assert Program.objects.count() == 1


def test_only_ministry_staff_of_the_dyad_may_import(iran):
    with pytest.raises(PermissionDenied):
        import_file(user=staff("FR"), data=ACTIVITY.encode())
    assert not Program.objects.exists()


def test_a_file_is_imported_whole_or_not_at_all(iran):
    first = ACTIVITY[ACTIVITY.index("<iati-activity ") : ACTIVITY.index("</iati-activities>")]
    second = first.replace("XM-DAC-7-1-123", "XM-DAC-7-1-124").replace('"2024-03-01" type="2"', '"2030-03-01" type="2"')
    document = ACTIVITY.replace("</iati-activities>", second + "</iati-activities>")
    with pytest.raises(ValidationError, match="XM-DAC-7-1-124: end_date"):  # it would end before it starts
        import_file(user=iran, data=document.encode())
    assert not Program.objects.exists() and not ImportedActivity.objects.exists()


HOSTILE = {
    "billion laughs": b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol2;</iati-identifier>
</iati-activity></iati-activities>""",
    "external entity": b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier>
</iati-activity></iati-activities>""",
    "not xml": b"%PDF-1.4 not an xml file",
    "not iati": b"<rss version='2.0'><channel/></rss>",
    "invalid 2.03": b"<iati-activities version='2.03'><iati-activity><iati-identifier>X</iati-identifier>"
    b"</iati-activity></iati-activities>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_or_broken_files_are_refused_with_a_reason(iran, name):
    with pytest.raises(ValidationError) as error:
        import_file(user=iran, data=HOSTILE[name])
    assert error.value.messages[0]
    assert "root:" not in " ".join(error.value.messages)  # /etc/passwd never read into a message
    assert not Program.objects.exists()


def test_a_file_over_the_size_limit_is_refused(iran, settings):
    settings.IATI = {**settings.IATI, "IMPORT_MAX_BYTES": 1000}
    with pytest.raises(ValidationError, match="too large"):
        import_file(user=iran, data=ACTIVITY.encode())


def test_the_management_command_imports_a_file(iran, tmp_path):
    path = tmp_path / "donor.xml"
    path.write_text(ACTIVITY)
    call_command("import_iati", str(path), "--user", iran.username)
    assert Program.objects.get().title == "Water sharing dialogue"
    with pytest.raises(CommandError, match="already imported"):
        call_command("import_iati", str(path), "--user", iran.username)


def test_the_workspace_upload_imports_a_file_and_shows_errors_beside_the_field(client, iran):
    client.force_login(iran)
    url = "/workspace/iati/import/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"file": SimpleUploadedFile("x.xml", HOSTILE["not iati"])})
    assert bad.status_code == 200 and "not an IATI activity file" in bad.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("donor.xml", ACTIVITY.encode())})
    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/workspace/programs/{program.pk}/"
    assert program.dyad.slug == "ir-sa" and not program.is_published
