from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programs.models import Dyad, State
from tests.factories import MinistryFactory, ProgramFactory, state

pytestmark = pytest.mark.django_db


def test_every_iso_country_is_loaded_as_a_state():
    assert State.objects.count() == 249
    assert State.objects.get(code="IR").alpha3 == "IRN"


def test_dyad_is_stored_in_canonical_order_with_a_code_slug():
    dyad = Dyad.objects.create(state_a=state("SA"), state_b=state("IR"))
    assert (dyad.state_a_id, dyad.state_b_id) == ("IR", "SA")
    assert dyad.slug == "ir-sa"


def test_the_same_pair_in_either_order_is_one_dyad():
    Dyad.objects.create(state_a=state("SA"), state_b=state("IR"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Dyad.objects.create(state_a=state("IR"), state_b=state("SA"))


def test_a_state_cannot_form_a_dyad_with_itself():
    dyad = Dyad(state_a=state("IR"), state_b=state("IR"))
    with pytest.raises(ValidationError, match="two different states"):
        dyad.full_clean()


def test_database_rejects_a_dyad_out_of_canonical_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        Dyad.objects.bulk_create([Dyad(state_a=state("SA"), state_b=state("IR"), slug="x")])


def test_program_cannot_end_before_it_starts(program):
    program.end_date = date(2022, 1, 1)
    with pytest.raises(ValidationError, match="on or after the start date"):
        program.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        program.save()


def test_program_contributions_cannot_be_negative(program):
    program.contribution_a = -1
    with pytest.raises(ValidationError), transaction.atomic():
        program.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        program.save()


def test_owning_ministry_must_belong_to_its_side(dyad):
    foreign = MinistryFactory(state=state("FR"))
    program = ProgramFactory.build(dyad=dyad, ministry_a=foreign)
    with pytest.raises(ValidationError, match=r"Choose a ministry of Iran \(side A\)"):
        program.full_clean()


def test_program_changes_are_kept_in_its_history(program):
    program.title = "Renamed"
    program.save()
    assert [h.title for h in program.history.all()][:2] == ["Renamed", program.history.earliest().title]
    assert program.history.count() == 2
