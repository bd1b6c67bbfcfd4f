"""Versions, stale writes and a truthful history, through the services, the pages and the API."""

import pytest
from django.urls import reverse

from core.history import change_log
from core.versioning import BasedOn, EditConflict
from evaluation import services as evaluation_services
from evaluation.models import EvaluatorAssignment
from milestones import services as milestone_services
from milestones.models import MilestoneStatus
from programs import services
from programs.models import Program
from tests.api.conftest import token_client
from tests.factories import EvaluationFactory, EvaluatorAssignmentFactory, MilestoneFactory
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db
API = "/api/v1/programs"


def changed_fields(record) -> set[str]:
    latest = record.history.latest("history_id")
    return {c.field for c in latest.diff_against(latest.prev_record, excluded_fields={"version", "updated_by"}).changes}


def test_a_write_from_a_stale_instance_keeps_the_other_change_and_history_shows_the_database_row(program):
    ir, sa = staff("IR"), staff("SA")
    stale = Program.objects.get(pk=program.pk)
    services.update_program(user=sa, program=program, data={"summary": "Saudi summary"})
    services.update_program(user=ir, program=stale, data={"title": "Iranian title"})
    program.refresh_from_db()
    assert (program.title, program.summary, program.version) == ("Iranian title", "Saudi summary", 3)
    latest = program.history.latest("history_id")
    assert (latest.summary, latest.history_user, changed_fields(program)) == ("Saudi summary", ir, {"title"})


def test_a_form_based_on_an_old_version_keeps_changes_to_other_fields(program):
    services.update_program(user=staff("SA"), program=program, data={"body_b": "Saudi body"})
    services.update_program(
        user=staff("IR"),
        program=Program.objects.get(pk=program.pk),
        data={"title": "Iranian title", "body_a": program.body_a, "summary": program.summary},
        based_on=BasedOn(1),
    )
    program.refresh_from_db()
    assert (program.title, program.body_b) == ("Iranian title", "Saudi body")


def test_a_form_changing_a_field_changed_meanwhile_is_a_conflict_naming_who_and_both_values(program):
    sa = staff("SA")
    services.update_program(user=sa, program=program, data={"title": "Saudi title"})
    with pytest.raises(EditConflict) as caught:
        services.update_program(user=staff("IR"), program=program, data={"title": "Iranian title"}, based_on=BasedOn(1))
    conflict = caught.value
    assert [(m.who, m.labels) for m in conflict.meanwhile] == [(sa.username, ("Title",))]
    assert [(c.label, c.theirs, c.yours) for c in conflict.clashes] == [("Title", "Saudi title", "Iranian title")]
    assert Program.objects.get(pk=program.pk).title == "Saudi title"


def test_the_api_sends_the_version_as_etag_and_answers_a_matching_if_none_match_with_304(program):
    client = token_client(staff("IR"))
    response = client.get(f"{API}/{program.pk}/")
    assert response["ETag"] == '"v1"' and response.json()["version"] == 1
    assert client.get(f"{API}/{program.pk}/", HTTP_IF_NONE_MATCH='"v1"').status_code == 304
    patched = client.patch(f"{API}/{program.pk}/", {"title": "New"}, format="json", HTTP_IF_MATCH='"v1"')
    assert patched.status_code == 200 and patched["ETag"] == '"v2"'


def test_a_stale_if_match_is_a_412_in_the_error_shape_with_who_changed_what(program):
    sa = staff("SA")
    services.update_program(user=sa, program=program, data={"summary": "Saudi summary"})
    response = token_client(staff("IR")).patch(
        f"{API}/{program.pk}/", {"title": "Iranian title"}, format="json", HTTP_IF_MATCH='"v1"'
    )
    assert response.status_code == 412 and response["ETag"] == '"v2"'
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (412, "stale_version")
    assert error["fields"]["summary"][0].startswith(f"Changed by {sa.username} at ")
    assert "changed since version 1 (now 2)" in error["message"]
    assert Program.objects.get(pk=program.pk).title == program.title


@pytest.mark.parametrize("header", ['W/"v1"', '"1"', "v1"])
def test_an_if_match_that_is_not_a_strong_etag_of_ours_never_matches(program, header):
    response = token_client(staff("IR")).patch(
        f"{API}/{program.pk}/", {"title": "X"}, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 412


def test_a_patch_without_if_match_writes_only_the_fields_sent(program):
    stale_view = token_client(staff("IR")).get(f"{API}/{program.pk}/").json()
    services.update_program(user=staff("SA"), program=program, data={"body_b": "Saudi body"})
    response = token_client(staff("IR")).patch(
        f"{API}/{program.pk}/", {"title": stale_view["title"] + "!"}, format="json"
    )
    assert response.status_code == 200 and response.json()["body_b"] == "Saudi body"


def test_co_owner_changes_are_in_the_history_with_who_made_them(program):
    sa = staff("SA")
    saudi_ministry = sa.profile.ministry
    services.update_program(user=staff("IR"), program=program, data={}, co_owners=[saudi_ministry])
    assert changed_fields(program) == {"co_owners"}
    entry = change_log(program)[0]
    assert entry.changes[0].old == "—" and entry.changes[0].new == str(saudi_ministry)
    services.update_program(user=staff("IR"), program=program, data={}, co_owners=[])
    assert (change_log(program)[0].changes[0].old, change_log(program)[0].changes[0].new) == (str(saudi_ministry), "—")


def test_assignment_changes_are_in_the_history_with_the_coordinator(client, program):
    boss = coordinator(program.dyad)
    assignment = evaluation_services.assign_evaluator(user=boss, program=program, evaluator=evaluator("NO"))
    assignment_id = assignment.pk
    evaluation_services.unassign_evaluator(user=boss, assignment=assignment)
    rows = EvaluatorAssignment.history.filter(id=assignment_id).order_by("history_id")
    assert [(row.history_type, row.history_user) for row in rows] == [("+", boss), ("-", boss)]
    client.force_login(boss)
    page = client.get(reverse("workspace:assignments", args=[program.pk])).content.decode()
    assert "Assignment history" in page and f"removed {assignment.evaluator}" in page


def test_a_stale_status_form_does_not_put_the_status_back(client, program):
    milestone = MilestoneFactory(program=program)
    ir = staff("IR")
    milestone_services.update_milestone_status(
        user=staff("SA"), milestone=milestone, status=MilestoneStatus.IN_PROGRESS
    )
    client.force_login(ir)
    url = reverse("workspace:milestone_update", args=[milestone.pk])
    evidence = "https://example.org/minutes.pdf"
    assert client.post(url, {"status": "planned", "evidence_url": evidence, "version": 1}).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.status, milestone.evidence_url) == (MilestoneStatus.IN_PROGRESS, evidence)
    conflict = client.post(
        url, {"status": "achieved", "achieved_date": "2025-03-01", "evidence_url": evidence, "version": 1}
    )
    assert conflict.status_code == 409 and "Saved meanwhile" in conflict.content.decode()


def test_withdrawing_needs_a_reason_which_the_history_keeps(client, program):
    boss = coordinator(program.dyad)
    with pytest.raises(Exception, match="Say why"):
        services.set_program_published(user=boss, program=program, published=False)
    services.set_program_published(user=boss, program=program, published=False, reason="Figures under review")
    latest = program.history.latest("history_id")
    assert (latest.is_published, latest.history_change_reason, latest.history_user) == (
        False,
        "Figures under review",
        boss,
    )
    refused = token_client(boss).post(f"{API}/{program.pk}/publish/", {"published": False}, format="json")
    assert refused.status_code == 200  # already withdrawn: nothing to explain
    services.set_program_published(user=boss, program=program, published=True)
    refused = token_client(boss).post(f"{API}/{program.pk}/publish/", {"published": False}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()["error"]["fields"]


def test_publishing_what_changed_since_the_page_was_shown_is_refused(client, program):
    program.is_published = False
    program.save()
    boss = coordinator(program.dyad)
    client.force_login(boss)
    services.update_program(user=staff("SA"), program=program, data={"summary": "Changed after review"})
    page = client.post(
        reverse("workspace:program_publish", args=[program.pk]), {"published": "1", "version": 1}, follow=True
    )
    assert "changed since version 1" in page.content.decode()
    assert not Program.objects.get(pk=program.pk).is_published


def test_an_evaluation_draft_edited_in_two_tabs_reports_the_conflict(client, program):
    author = evaluator("NO")
    EvaluatorAssignmentFactory(program=program, evaluator=author)
    draft = EvaluationFactory(
        program=program, evaluator=author, is_submitted=False, is_published=False, independence_declared=False
    )
    evaluation_services.save_evaluation_draft(user=author, program=program, evaluation=draft, data={"impact": 4})
    client.force_login(author)
    form = {"date": "2025-06-01", "relevance": 3, "coherence": 3, "effectiveness": 2, "efficiency": 3, "impact": 1}
    response = client.post(
        reverse("workspace:evaluation_edit", args=[draft.pk]), {**form, "version": 1, "action": "draft"}
    )
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.impact == 4
