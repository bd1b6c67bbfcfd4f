"""A revision's cause in words: public records named and linked, drafts and users never shown."""

from types import SimpleNamespace

import pytest

from tests.factories import EvaluationFactory, MilestoneFactory, ProgramFactory
from trustindex.revision_causes import public_causes

pytestmark = pytest.mark.django_db


def revision(cause: str, cause_ref: str = ""):
    return SimpleNamespace(cause=cause, cause_ref=cause_ref)


def cause_of(cause: str, cause_ref: str = ""):
    return public_causes([revision(cause, cause_ref)])[(cause, cause_ref)]


def test_a_public_milestones_status_change_is_told_in_words_and_linked(program):
    m = MilestoneFactory(program=program, title="Joint film festival")
    found = cause_of(f"milestone {m.pk} status missed → achieved by ir-affairs", f"milestones.milestone:{m.pk}")
    assert found.text == f"Milestone “Joint film festival” of {program.title} went from missed to achieved."
    assert found.url == program.get_absolute_url() + "#milestones"
    assert "ir-affairs" not in found.text


def test_a_draft_record_is_mentioned_without_its_title_or_a_link(dyad):
    draft = ProgramFactory(dyad=dyad, is_published=False, title="Secret talks")
    hidden = MilestoneFactory(program=ProgramFactory(dyad=dyad), is_published=False, title="Unannounced visit")
    for ref, kind in (
        (f"programs.program:{draft.pk}", "a program"),
        (f"milestones.milestone:{hidden.pk}", "a milestone"),
    ):
        found = cause_of("something title Secret talks → Unannounced visit by sa-culture", ref)
        assert found.text == f"A change to {kind} that is not public."
        assert found.url == ""
        assert "Secret" not in found.text and "Unannounced" not in found.text and "sa-culture" not in found.text


def test_a_deleted_record_is_named_by_its_kind_only():
    assert cause_of("milestone 99 deleted by sa-culture", "milestones.milestone:99").text == "A milestone was deleted."


def test_a_method_upgrade_links_to_the_method_page():
    found = cause_of("method 1.0 → 1.1")
    assert found.text == "The index method was upgraded from version 1.0 to 1.1."
    assert found.url == "/method/#versions"


def test_several_records_behind_one_recomputation_are_each_told(program):
    m = MilestoneFactory(program=program, title="Exchange")
    e = EvaluationFactory(program=program)
    cause = f"milestone {m.pk} status planned → missed by a; evaluation {e.pk} changed by b"
    found = cause_of(cause, f"milestones.milestone:{m.pk} evaluation.evaluation:{e.pk}")
    assert found.text == (
        f"Milestone “Exchange” of {program.title} went from planned to missed and "
        f"an evaluation of {program.title} by {e.organisation} was published or updated."
    )


def test_causes_are_looked_up_in_one_query_per_kind_of_record(program, django_assert_num_queries):
    milestones = [MilestoneFactory(program=program) for _ in range(5)]
    revisions = [revision(f"milestone {m.pk} changed", f"milestones.milestone:{m.pk}") for m in milestones]
    revisions.append(revision("program x", f"programs.program:{program.pk}"))
    with django_assert_num_queries(2):
        public_causes(revisions)
