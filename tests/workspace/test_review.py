"""The coordinator's review: filters, dyad names, publishing many at once with a confirmation and a result each."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Evaluation
from milestones import services as milestone_services
from milestones.models import Milestone
from programs.models import Program
from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, state
from tests.people import coordinator, staff

pytestmark = pytest.mark.django_db
REVIEW = reverse("workspace:coordinator")
PUBLISH = reverse("workspace:coordinator_publish")


@pytest.fixture
def pending(program):
    """A draft program, a draft milestone and a submitted evaluation in ir-sa, and a draft in jp-kr."""
    draft = ProgramFactory(dyad=program.dyad, title="Draft program", is_published=False)
    milestone = MilestoneFactory(program=program, title="Draft milestone", is_published=False)
    evaluation = EvaluationFactory(program=program, is_published=False)
    far = ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")), is_published=False)
    return {"program": draft, "milestone": milestone, "evaluation": evaluation, "far": far}


def keys(response) -> set[str]:
    return {item.key for item in response.context["items"]}


def test_the_review_lists_what_awaits_publication_with_dyad_names(client, pending):
    client.force_login(coordinator(is_global=True))
    response = client.get(REVIEW)
    assert len(response.context["items"]) == 4
    page = response.content.decode()
    assert "<td>Iran – Saudi Arabia</td>" in page and "<td>Japan – South Korea</td>" in page
    assert ">ir-sa<" not in page


def test_filters_by_dyad_kind_and_age(client, pending):
    client.force_login(coordinator(is_global=True))
    assert keys(client.get(REVIEW, {"dyad": "jp-kr"})) == {f"program:{pending['far'].pk}"}
    assert keys(client.get(REVIEW, {"kind": "milestone"})) == {f"milestone:{pending['milestone'].pk}"}
    Milestone.objects.filter(pk=pending["milestone"].pk).update(created_at=timezone.now() - timedelta(days=40))
    assert keys(client.get(REVIEW, {"age": "30"})) == {f"milestone:{pending['milestone'].pk}"}
    assert len(keys(client.get(REVIEW, {"dyad": "zz-zz"}))) == 4  # an unknown filter value is no filter


def test_a_dyad_coordinator_sees_and_filters_only_their_dyads(client, pending, program):
    client.force_login(coordinator(program.dyad))
    response = client.get(REVIEW)
    assert f"program:{pending['far'].pk}" not in keys(response)
    assert [d.slug for d in response.context["filters"].fields["dyad"].queryset] == ["ir-sa"]


def test_bulk_publish_asks_for_confirmation_first_and_changes_nothing(client, pending):
    client.force_login(coordinator(is_global=True))
    chosen = [f"milestone:{pending['milestone'].pk}", f"evaluation:{pending['evaluation'].pk}"]
    response = client.post(PUBLISH, {"items": chosen, "next": f"{REVIEW}?dyad=ir-sa"})
    assert response.status_code == 200 and "Publish these 2 items?" in response.content.decode()
    assert not Milestone.objects.filter(is_published=True, pk=pending["milestone"].pk).exists()


def test_bulk_publish_reports_a_result_per_item_with_the_reason_for_a_refusal(client, pending):
    client.force_login(coordinator(is_global=True))
    returned = pending["evaluation"]
    chosen = [f"program:{pending['program'].pk}", f"milestone:{pending['milestone'].pk}", f"evaluation:{returned.pk}"]
    confirm = client.post(PUBLISH, {"items": chosen})
    Evaluation.objects.filter(pk=returned.pk).update(is_submitted=False)  # returned meanwhile
    response = client.post(PUBLISH, {"items": chosen, "confirm": "1", "next": "https://evil.example/"})
    assert confirm.status_code == 200
    results = {r.key: (r.published, r.message) for r in response.context["results"]}
    assert results[f"program:{pending['program'].pk}"] == (True, "Published.")
    assert results[f"milestone:{pending['milestone'].pk}"] == (True, "Published.")
    assert results[f"evaluation:{returned.pk}"][0] is False
    assert "already published?" in results[f"evaluation:{returned.pk}"][1]
    assert Program.objects.get(pk=pending["program"].pk).is_published
    assert response.context["next"] == REVIEW  # never another site


def test_an_item_changed_since_the_coordinator_saw_it_is_not_published(client, pending):
    client.force_login(coordinator(is_global=True))
    milestone = pending["milestone"]
    seen = f"milestone:{milestone.pk}@{milestone.version}"
    assert seen in {item.value for item in client.get(REVIEW).context["items"]}
    milestone_services.update_milestone_status(user=staff("IR"), milestone=milestone, status="in_progress")
    result = client.post(PUBLISH, {"items": [seen], "confirm": "1"}).context["results"][0]
    assert result.published is False and "Review it again." in result.message
    assert not Milestone.objects.get(pk=milestone.pk).is_published


def test_a_rows_own_publish_button_publishes_that_item_at_once(client, pending):
    client.force_login(coordinator(is_global=True))
    program = pending["program"]
    response = client.post(f"{PUBLISH}?only=program:{program.pk}@{program.version}", {"next": REVIEW}, follow=True)
    assert "Program published." in response.content.decode()
    assert Program.objects.get(pk=program.pk).is_published


def test_an_item_the_service_refuses_says_why(client, pending, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError("Only a submitted evaluation can be published.")

    monkeypatch.setattr("evaluation.services.set_evaluation_published", refuse)
    client.force_login(coordinator(is_global=True))
    key = f"evaluation:{pending['evaluation'].pk}"
    result = client.post(PUBLISH, {"items": [key], "confirm": "1"}).context["results"][0]
    assert (result.published, result.message) == (False, "Only a submitted evaluation can be published.")


def test_a_coordinator_cannot_publish_another_dyads_item_by_naming_it(client, pending, program):
    client.force_login(coordinator(program.dyad))
    result = client.post(PUBLISH, {"items": [f"program:{pending['far'].pk}"], "confirm": "1"}).context["results"][0]
    assert result.published is False and not Program.objects.get(pk=pending["far"].pk).is_published


def test_nothing_ticked_goes_back_with_a_message(client, pending):
    client.force_login(coordinator(is_global=True))
    response = client.post(PUBLISH, {"next": REVIEW}, follow=True)
    assert "Tick at least one item" in response.content.decode()


def test_staff_may_not_review(client):
    client.force_login(staff("IR"))
    assert client.get(REVIEW).status_code == 403
    assert client.post(PUBLISH, {"items": ["program:1"], "confirm": "1"}).status_code == 403


def test_the_review_runs_a_constant_number_of_queries(client, dyad, django_assert_max_num_queries):
    for _ in range(10):
        program = ProgramFactory(dyad=dyad, is_published=False)
        MilestoneFactory(program=program, is_published=False)
        EvaluationFactory(program=program, is_published=False)
    client.force_login(coordinator(is_global=True))
    with django_assert_max_num_queries(14):
        response = client.get(REVIEW)
    assert len(response.context["items"]) == 30
