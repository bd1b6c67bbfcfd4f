"""History panels read as sentences: localised times, field labels, old → new, no empty entries."""

import re

import pytest
from django.urls import reverse

from core.history import change_log
from evaluation import services as evaluation_services
from programs import services
from tests.factories import EvaluationFactory, EvaluatorAssignmentFactory
from tests.people import evaluator, staff

pytestmark = pytest.mark.django_db


def test_a_save_that_changes_nothing_visible_is_not_listed(program):
    user = staff("IR")
    services.update_program(user=user, program=program, data={"title": program.title})  # only updated_by/at change
    services.update_program(user=user, program=program, data={"title": "Renamed"})
    entries = change_log(program)
    assert [e.action for e in entries] == ["changed", "created this record"]
    assert [(c.field, c.new) for c in entries[0].changes] == [("Title", "Renamed")]


def test_values_are_shown_as_people_read_them(program):
    services.update_program(
        user=staff("IR"), program=program, data={"contribution_a": 1250000, "currency_a": "IRR", "status": "active"}
    )
    changes = {c.field: (c.old, c.new) for c in change_log(program)[0].changes}
    assert changes["Committed contribution, side A"] == ("600,000.00", "1,250,000.00")
    assert changes["Currency, side A"] == ("USD – US Dollar", "IRR – Iranian Rial")
    assert changes["Status"] == ("Planned", "Active")


def test_times_and_booleans_are_formatted_not_raw(client, program):
    user = evaluator("NO")
    EvaluatorAssignmentFactory(program=program, evaluator=user)
    evaluation = EvaluationFactory(
        program=program, evaluator=user, is_submitted=False, is_published=False, independence_declared=False
    )
    evaluation_services.submit_evaluation(user=user, evaluation=evaluation, declaration_signed=True)
    client.force_login(user)
    page = client.get(reverse("workspace:evaluation", args=[evaluation.pk])).content.decode()
    history = page.split('id="history"')[1]
    visible = re.sub(r"<[^>]+>", "", history)
    assert not re.search(r"\d{2}:\d{2}:\d{2}", visible)  # no raw 2026-11-26 12:01:36.231723+00:00
    assert re.search(r"Declared at: — → \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2}", visible)
    assert "Conflict-of-interest declaration signed</span>: <del>no</del> → <ins>yes</ins>" in history
    assert '<time class="when" datetime="' in history
