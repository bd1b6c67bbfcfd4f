"""Workspace pages for programs: my programs, create, edit, publish, 403/404, history, query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from milestones.models import MilestoneStatus
from programs.models import Program
from tests.factories import DyadFactory, MilestoneFactory, ProgramFactory, state
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Joint archive",
        "summary": "Digitising archives.",
        "domain": "cultural",
        "status": "planned",
        "start_date": "2025-01-01",
        "end_date": "",
        "body_a": "Archive A",
        "body_b": "Archive B",
        "contribution_a": "1000",
        "currency_a": "USD",
        "contribution_b": "1000",
        "currency_b": "USD",
        "version": "1",
    }
    return {**data, **overrides}


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("workspace:programs"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_programs_lists_only_my_states_programs(client, program):
    ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")), title="Far away")
    client.force_login(staff("SA"))
    page = client.get(reverse("workspace:programs")).content.decode()
    assert program.title in page and "Far away" not in page


def test_my_programs_counts_overdue_milestones(client, program):
    MilestoneFactory(program=program, due_date=date(2024, 1, 1), status=MilestoneStatus.PLANNED)
    client.force_login(staff("SA"))
    programs = client.get(reverse("workspace:programs")).context["programs"]
    assert [p.overdue_count for p in programs] == [1]


def test_my_programs_runs_a_constant_number_of_queries(client, dyad, django_assert_max_num_queries):
    for _ in range(8):
        MilestoneFactory(program=ProgramFactory(dyad=dyad))
    client.force_login(staff("SA"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("workspace:programs"))
    assert len(response.context["programs"]) == 8


def test_staff_create_a_program_through_the_form(client, dyad):
    user = staff("IR")
    client.force_login(user)
    response = client.post(reverse("workspace:program_new"), form_data(dyad=dyad.pk))
    program = Program.objects.get(title="Joint archive")
    assert response.status_code == 302 and response["Location"] == reverse("workspace:program", args=[program.pk])
    assert program.created_by == user and not program.is_published


def test_the_form_shows_a_model_error_on_its_field(client, dyad):
    client.force_login(staff("IR"))
    response = client.post(reverse("workspace:program_new"), form_data(dyad=dyad.pk, end_date="2024-01-01"))
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assert not Program.objects.filter(title="Joint archive").exists()


def test_the_create_form_offers_only_dyads_of_my_state(client, dyad):
    DyadFactory(state_a=state("JP"), state_b=state("KR"))
    client.force_login(staff("IR"))
    choices = client.get(reverse("workspace:program_new")).context["form"].fields["dyad"].queryset
    assert list(choices) == [dyad]


def test_evaluators_get_a_403_page_for_new_programs(client):
    client.force_login(evaluator())
    response = client.get(reverse("workspace:program_new"))
    assert response.status_code == 403
    assert b"Only ministry staff create programs." in response.content


def test_the_other_sides_fields_are_disabled_and_ignored(client, program):
    client.force_login(staff("SA"))
    url = reverse("workspace:program_edit", args=[program.pk])
    assert client.get(url).context["form"].fields["body_a"].disabled
    response = client.post(url, form_data(title="Renamed", body_a="Hijacked", body_b="New B"))
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.title, program.body_a, program.body_b) == ("Renamed", "Body A", "New B")


def test_third_state_staff_get_a_403_on_edit(client, program):
    client.force_login(staff("FR"))
    assert client.get(reverse("workspace:program_edit", args=[program.pk])).status_code == 403


def test_a_draft_of_another_dyad_is_a_404(client):
    draft = ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")), is_published=False)
    client.force_login(staff("IR"))
    response = client.get(reverse("workspace:program", args=[draft.pk]))
    assert response.status_code == 404


def test_the_program_page_shows_its_history_with_who_changed_what(client, program):
    user = staff("SA")
    client.force_login(user)
    client.post(reverse("workspace:program_edit", args=[program.pk]), form_data(title="Renamed", body_b="New B"))
    page = client.get(reverse("workspace:program", args=[program.pk])).content.decode()
    assert "History" in page and user.username in page
    assert "Body B" in page and "New B" in page


def test_coordinator_publishes_a_program_from_its_page(client, program):
    program.is_published = False
    program.save()
    client.force_login(coordinator(program.dyad))
    client.post(reverse("workspace:program_publish", args=[program.pk]), {"published": "1"})
    program.refresh_from_db()
    assert program.is_published


def test_staff_publishing_get_a_403(client, program):
    client.force_login(staff("IR"))
    response = client.post(reverse("workspace:program_publish", args=[program.pk]), {"published": "0"})
    assert response.status_code == 403
    program.refresh_from_db()
    assert program.is_published


def test_the_workspace_home_sends_each_role_to_its_page(client):
    client.force_login(evaluator())
    assert client.get(reverse("workspace:home"))["Location"] == reverse("workspace:inbox")
    client.force_login(coordinator(is_global=True))
    assert client.get(reverse("workspace:home"))["Location"] == reverse("workspace:coordinator")


def test_the_timeline_sorts_milestones_by_urgency(client, program, django_assert_max_num_queries):
    MilestoneFactory(program=program, title="Late one", due_date=date(2024, 1, 1))
    MilestoneFactory(program=program, title="Done one", status=MilestoneStatus.ACHIEVED, achieved_date=date(2024, 2, 1))
    MilestoneFactory(program=program, title="Future one", due_date=date(2099, 1, 1))
    client.force_login(staff("IR"))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("workspace:program", args=[program.pk]))
    timeline = response.context["timeline"]
    assert [m.title for m in timeline.overdue] == ["Late one"]
    assert [m.title for m in timeline.achieved] == ["Done one"]
    assert [m.title for m in timeline.upcoming] == ["Future one"]


def test_the_timeline_query_count_does_not_grow_with_milestones(client, program, django_assert_max_num_queries):
    client.force_login(staff("IR"))
    url = reverse("workspace:program", args=[program.pk])
    MilestoneFactory(program=program)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        MilestoneFactory(program=program, title=f"More {n}", due_date=date(2025, 1, 1 + n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
