"""Program services: who creates, edits and publishes programs, and what they may change."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programs import services
from programs.choices import Domain
from tests.factories import DyadFactory, MinistryFactory, state
from tests.people import coordinator, staff

pytestmark = pytest.mark.django_db


def program_data(**overrides):
    data = {
        "title": "Joint archive",
        "summary": "Digitising shared archives.",
        "domain": Domain.CULTURAL,
        "start_date": date(2025, 1, 1),
        "body_a": "Archive A",
        "body_b": "Archive B",
    }
    return {**data, **overrides}


def test_staff_create_a_draft_program_of_their_dyad(dyad):
    user = staff("SA")
    program = services.create_program(user=user, dyad=dyad, data=program_data())
    assert program.pk and not program.is_published
    assert program.created_by == user
    assert program.history.count() == 1


def test_staff_of_a_third_state_cannot_create(dyad):
    with pytest.raises(PermissionDenied):
        services.create_program(user=staff("FR"), dyad=dyad, data=program_data())


def test_create_rejects_an_end_before_the_start(dyad):
    with pytest.raises(ValidationError) as err:
        services.create_program(user=staff("IR"), dyad=dyad, data=program_data(end_date=date(2024, 1, 1)))
    assert "end_date" in err.value.message_dict


def test_create_rejects_a_ministry_of_the_wrong_state(dyad):
    wrong = MinistryFactory(state=state("SA"))
    with pytest.raises(ValidationError) as err:
        services.create_program(user=staff("IR"), dyad=dyad, data=program_data(ministry_a=wrong))
    assert "ministry_a" in err.value.message_dict


def test_create_refuses_fields_outside_the_form(dyad):
    with pytest.raises(ValidationError):
        services.create_program(user=staff("IR"), dyad=dyad, data=program_data(is_published=True))


def test_staff_edit_their_own_side(program):
    user = staff("SA")  # side B of IR-SA
    services.update_program(user=user, program=program, data={"body_b": "New body", "title": "Renamed"})
    program.refresh_from_db()
    assert (program.body_b, program.title, program.updated_by) == ("New body", "Renamed", user)


def test_staff_cannot_change_the_other_sides_details(program):
    with pytest.raises(PermissionDenied, match="other side"):
        services.update_program(user=staff("SA"), program=program, data={"body_a": "Taken over"})
    program.refresh_from_db()
    assert program.body_a == "Body A"


def test_resubmitting_the_other_sides_unchanged_value_is_allowed(program):
    services.update_program(user=staff("SA"), program=program, data={"body_a": program.body_a, "title": "T"})
    program.refresh_from_db()
    assert program.title == "T"


def test_co_owner_edits_both_sides(program):
    user = staff("SA")
    program.co_owners.add(user.profile.ministry)
    services.update_program(user=user, program=program, data={"body_a": "Shared body"})
    program.refresh_from_db()
    assert program.body_a == "Shared body"


def test_the_other_side_names_a_co_owner_but_not_itself(program):
    sa_user, ir_user = staff("SA"), staff("IR")
    sa_ministry = sa_user.profile.ministry
    with pytest.raises(PermissionDenied):
        services.update_program(user=sa_user, program=program, data={}, co_owners=[sa_ministry])
    services.update_program(user=ir_user, program=program, data={}, co_owners=[sa_ministry])
    assert list(program.co_owners.all()) == [sa_ministry]


def test_only_a_coordinator_of_the_dyad_publishes(program):
    program.is_published = False
    program.save()
    with pytest.raises(PermissionDenied):
        services.set_program_published(user=staff("IR"), program=program)
    with pytest.raises(PermissionDenied):
        services.set_program_published(
            user=coordinator(DyadFactory(state_a=state("JP"), state_b=state("KR"))), program=program
        )
    services.set_program_published(user=coordinator(program.dyad), program=program)
    program.refresh_from_db()
    assert program.is_published
