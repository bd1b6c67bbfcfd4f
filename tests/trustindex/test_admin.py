"""The admin starts full recomputations, shows their progress, and recomputes chosen dyads."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.trustindex.index_fixtures import worked_example_dyad
from trustindex.models import RecomputeRun, RecomputeStatus
from trustindex.selectors import current_snapshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_recompute_all_button_runs_and_the_list_shows_its_progress(admin_client):
    dyad = worked_example_dyad()
    response = admin_client.post(reverse("admin:trustindex_recomputerun_recompute_all"), follow=True)
    run = RecomputeRun.objects.get(trigger="admin:root")
    assert (run.status, run.done, run.total) == (RecomputeStatus.SUCCEEDED, 1, 1)  # eager mode: ran at once
    assert current_snapshot(dyad) is not None
    page = response.content.decode()
    assert "Recompute all indices" in page
    assert "1/1 (100%)" in page


def test_recompute_all_needs_a_post(admin_client):
    response = admin_client.get(reverse("admin:trustindex_recomputerun_recompute_all"))
    assert response.status_code == 403
    assert not RecomputeRun.objects.exists()


def test_staff_without_permission_cannot_start_a_run(client):
    client.force_login(UserFactory(username="clerk", is_staff=True))
    response = client.post(reverse("admin:trustindex_recomputerun_recompute_all"))
    assert response.status_code == 403
    assert not RecomputeRun.objects.exists()


def test_dyad_action_recomputes_the_selected_dyads(admin_client):
    dyad = worked_example_dyad()
    dyad.snapshots.all().delete()
    response = admin_client.post(
        reverse("admin:trustindex_indexeddyad_changelist"),
        {"action": "recompute_selected_dyads", "_selected_action": [dyad.pk]},
        follow=True,
    )
    assert "Recomputation queued for 1 dyad." in response.content.decode()
    assert current_snapshot(dyad) is not None
