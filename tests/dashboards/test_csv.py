"""CSV downloads beside every chart."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, state

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith("\ufeff".encode())  # the BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_overview_csv_has_a_row_per_dyad_with_its_index(client, history, dyad):
    rows = read_csv(client.get(reverse("dashboards:overview_csv")))
    assert rows[0][:4] == ["dyad", "slug", "status", "index"]
    assert rows[1][1:4] == [dyad.slug, dyad.status, "41.5"]


def test_index_csv_has_a_row_per_snapshot(client, history, dyad):
    rows = read_csv(client.get(reverse("dashboards:dyad_csv", kwargs={"slug": dyad.slug, "table": "index"})))
    assert len(rows) == 1 + 24
    assert rows[-1][:4] == ["2024-12-31", "41.5", "37.5", "45.5"]


def test_components_csv_gives_value_and_input_count(client, history, dyad):
    rows = read_csv(client.get(reverse("dashboards:dyad_csv", kwargs={"slug": dyad.slug, "table": "components"})))
    assert rows[1][:4] == ["delivery", "Commitments kept", "54.0", "3"]
    assert rows[2][:4] == ["evaluation", "Independent assessment", "", "0"]


def test_evaluations_csv_gives_dac_ratings(client, program):
    EvaluationFactory(program=program)
    rows = read_csv(
        client.get(reverse("dashboards:dyad_csv", kwargs={"slug": program.dyad.slug, "table": "evaluations"}))
    )
    assert rows[0][3:] == ["relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"]
    assert rows[1][3:] == ["3", "3", "2", "3", "2", "4"]


def test_program_milestones_csv(client, program):
    from tests.factories import MilestoneFactory

    MilestoneFactory(program=program, title="Joint exhibition opens")
    rows = read_csv(client.get(reverse("dashboards:program_csv", kwargs={"pk": program.pk})))
    assert rows[1][:3] == ["Joint exhibition opens", "2025-03-31", "planned"]


def test_method_weights_csv(client, db):
    rows = read_csv(client.get(reverse("dashboards:method_csv")))
    assert ["delivery", "Commitments kept", "30.0"] in rows


def test_unknown_table_is_404(client, dyad):
    assert client.get(reverse("dashboards:dyad_csv", kwargs={"slug": dyad.slug, "table": "secrets"})).status_code == 404


def test_titles_that_look_like_formulas_are_defused(client, dyad):
    from tests.factories import ProgramFactory

    ProgramFactory(dyad=dyad, title='=HYPERLINK("http://evil.example","x")')
    rows = read_csv(client.get(reverse("dashboards:dyad_csv", kwargs={"slug": dyad.slug, "table": "programs"})))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","x")'


def test_negative_numbers_stay_numbers(client, dyad):
    from tests.factories import IndexSnapshotFactory

    IndexSnapshotFactory(dyad=dyad, as_of=date(2024, 12, 31), value=50.0)
    IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 12, 31), value=42.5)
    rows = read_csv(client.get(reverse("dashboards:overview_csv")))
    assert rows[1][7] == "-7.5"


def test_csvs_start_with_a_bom_so_spreadsheets_read_utf8(client, db):
    DyadFactory(state_a=state("AM"), state_b=state("TR"))
    raw = client.get(reverse("dashboards:overview_csv")).content
    assert raw.startswith(b"\xef\xbb\xbfdyad,")
    assert "Armenia – Türkiye" in raw.decode("utf-8-sig")


def test_booleans_are_true_or_false(client, history, dyad):
    rows = read_csv(client.get(reverse("dashboards:overview_csv")))
    assert rows[0][6] == "unstable" and rows[1][6] == "false"


def test_the_milestones_csv_links_uploaded_evidence_too(client, program, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    MilestoneFactory(
        program=program,
        title="Report filed",
        status="achieved",
        achieved_date=date(2025, 3, 1),
        evidence_document=SimpleUploadedFile("report.pdf", b"%PDF-1.4"),
    )
    MilestoneFactory(program=program, title="Linked", evidence_url="https://example.org/proof")
    rows = {row[0]: row for row in read_csv(client.get(reverse("dashboards:program_csv", kwargs={"pk": program.pk})))}
    assert rows["title"][5:] == ["evidence_url", "evidence_document_url"]
    assert rows["Report filed"][5] == rows["Report filed"][6]
    filed = program.milestones.get(title="Report filed")
    assert rows["Report filed"][5] == f"http://testserver/files/milestones/{filed.pk}/evidence/"  # the checked download
    assert rows["Linked"][5:] == ["https://example.org/proof", ""]
