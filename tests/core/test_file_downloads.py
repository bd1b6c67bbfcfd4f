"""Evidence and report files: handed out only by views that check who may see the record.

The anonymous sweep runs under the default settings here and, in a fresh process,
under `trackerproj.settings.production` (which needs SECRET_KEY and ALLOWED_HOSTS).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import Client

from evaluation.models import Evaluation
from milestones import services as milestone_services
from milestones.models import Milestone
from tests.factories import EvaluationFactory, MilestoneFactory, ProgramFactory
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PRODUCTION = "trackerproj.settings.production"
SETTINGS_MODULE = os.environ.get("DJANGO_SETTINGS_MODULE")  # pytest-django sets it from --ds


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    if SETTINGS_MODULE == PRODUCTION:
        # Production serves static files from collectstatic's manifest; error pages need it,
        # and this test process has not run collectstatic.
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
        }
    return tmp_path


def stored(name: str, content: bytes = PDF) -> str:
    return default_storage.save(name, ContentFile(content))


def world() -> None:
    """Files on published records and on every kind of draft, plus one stored under an uploader's name
    (as files were before names were made random)."""
    public, draft = ProgramFactory(), ProgramFactory(is_published=False)
    for program, published in ((public, True), (public, False), (draft, True)):
        MilestoneFactory(program=program, is_published=published, evidence_document=stored("evidence/x.pdf"))
    legacy = f"evidence/program-{public.pk}/Joint communique (signed).pdf"  # type: ignore[attr-defined]
    MilestoneFactory(program=public, evidence_document=stored(legacy))
    for program, submitted, published in (
        (public, True, True),
        (public, True, False),
        (public, False, False),
        (draft, True, True),
    ):
        EvaluationFactory(
            program=program,
            is_submitted=submitted,
            independence_declared=submitted,
            is_published=published,
            report_document=stored("reports/x.pdf"),
        )


def sweep(client: Client) -> dict[str, int]:
    """Request every evidence and report URL, and each file's /media/ path, anonymously."""
    counts = {"published 200": 0, "drafts 404": 0, "media paths 404": 0, "wrong": 0}
    public_milestones = set(Milestone.objects.published().values_list("pk", flat=True))
    public_evaluations = set(Evaluation.objects.published().values_list("pk", flat=True))
    records: list[tuple[object, str, FieldFile, bool]] = [
        (m, m.evidence_download_url, m.evidence_document, m.pk in public_milestones)
        for m in Milestone.objects.exclude(evidence_document="")
    ]
    records += [
        (e, e.report_download_url, e.report_document, e.pk in public_evaluations)
        for e in Evaluation.objects.exclude(report_document="")
    ]
    for _record, url, document, public in records:
        response = client.get(url, secure=True)
        if public and response.status_code == 200 and b"".join(response.streaming_content) == PDF:  # type: ignore[attr-defined]
            counts["published 200"] += 1
        elif not public and response.status_code == 404:
            counts["drafts 404"] += 1
        else:
            counts["wrong"] += 1
        media = client.get(f"{django_settings.MEDIA_URL}{document.name}", secure=True)
        counts["media paths 404"] += media.status_code == 404
    return counts


def test_an_anonymous_sweep_gets_every_published_file_and_no_draft(client, media):
    world()
    counts = sweep(client)
    print(f"\n{SETTINGS_MODULE}: {counts}")
    assert counts == {"published 200": 3, "drafts 404": 5, "media paths 404": 8, "wrong": 0}


@pytest.mark.skipif(SETTINGS_MODULE == PRODUCTION, reason="this is the production run")
def test_the_sweep_gives_the_same_answers_under_the_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL", "CACHE_URL"}}
    if env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = env["DATABASE_URL"].rstrip("/") + "_production"  # a test database of its own
    env.update(SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop", ALLOWED_HOSTS="testserver")
    command = [sys.executable, "-m", "pytest", "-s", "-p", "no:randomly", "--ds", PRODUCTION]
    command += [f"{__file__}::test_an_anonymous_sweep_gets_every_published_file_and_no_draft"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    line = re.search(rf"{PRODUCTION}: .*", result.stdout)
    assert line, result.stdout[-3000:]
    print("\n" + line[0])


def test_a_download_is_an_attachment_typed_by_its_extension_with_nosniff(client, media, program):
    milestone = MilestoneFactory(program=program, evidence_document=stored("evidence/a.pdf"))
    response = client.get(milestone.evidence_download_url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="milestone-{milestone.pk}-evidence.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_draft_evidence_is_for_the_programs_ministries_and_coordinators_only(client, media):
    draft = MilestoneFactory(program=ProgramFactory(), is_published=False, evidence_document=stored("evidence/d.pdf"))
    for user, status in (
        (staff("IR"), 200),
        (coordinator(draft.program.dyad), 200),
        (staff("FR"), 404),
        (evaluator("NO"), 404),
    ):
        client.force_login(user)
        assert client.get(draft.evidence_download_url).status_code == status, user


def test_an_unpublished_report_is_for_its_evaluator_and_coordinators_not_the_ministries(client, media, program):
    author = evaluator("NO")
    report = EvaluationFactory(
        program=program, evaluator=author, is_published=False, report_document=stored("reports/r.pdf")
    )
    for user, status in ((author, 200), (coordinator(program.dyad), 200), (staff("IR"), 404)):
        client.force_login(user)
        assert client.get(report.report_download_url).status_code == status, user


def test_uploads_get_random_names_and_a_replaced_file_is_deleted_after_commit(
    media, program, django_capture_on_commit_callbacks
):
    milestone = MilestoneFactory(program=program)
    user = staff("IR")
    names = []
    for _ in range(2):
        upload = SimpleUploadedFile("Minister's private notes.pdf", PDF, content_type="application/pdf")
        with django_capture_on_commit_callbacks(execute=True):
            milestone_services.update_milestone_status(
                user=user, milestone=milestone, status="in_progress", evidence_document=upload
            )
        names.append(milestone.evidence_document.name)
    assert all(re.fullmatch(rf"evidence/program-{program.pk}/[0-9a-f]{{32}}\.pdf", name) for name in names)
    assert not default_storage.exists(names[0]) and default_storage.exists(names[1])
