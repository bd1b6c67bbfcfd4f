"""The admin follows the record's rules: signed evaluations frozen, published records kept, versions checked."""

import pytest
from django.urls import reverse

from evaluation.models import Evaluation, EvaluatorAssignment
from programs.models import Program
from results.models import Breakdown
from tests.factories import (
    DimensionFactory,
    EvaluationFactory,
    IndicatorFactory,
    MinistryFactory,
    PeriodFactory,
    ProgramFactory,
    state,
)
from tests.people import evaluator, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = superuser()
    client.force_login(user)
    client.user = user
    return client


def program_admin_form(program: Program, **changes) -> dict:
    data = {
        "dyad": program.dyad_id,
        "title": program.title,
        "summary": program.summary,
        "domain": program.domain,
        "status": program.status,
        "body_a": program.body_a,
        "body_b": program.body_b,
        "ministry_a": program.ministry_a_id or "",
        "ministry_b": program.ministry_b_id or "",
        "start_date": program.start_date.isoformat(),
        "end_date": "",
        "contribution_a": program.contribution_a,
        "currency_a": program.currency_a,
        "contribution_b": program.contribution_b,
        "currency_b": program.currency_b,
        "language": program.language,
        "version": program.version,
    }
    return {**data, **changes}


def test_a_published_evaluations_ratings_cannot_be_changed_in_the_admin(admin, program):
    evaluation = EvaluationFactory(program=program)
    url = reverse("admin:evaluation_evaluation_change", args=[evaluation.pk])
    page = admin.get(url)
    assert page.status_code == 200 and b'name="relevance"' not in page.content  # shown read-only
    assert admin.post(url, {"relevance": 1, "summary": "Rewritten", "version": 1}).status_code == 403
    evaluation.refresh_from_db()
    assert (evaluation.relevance, evaluation.summary) == (3, "")


def test_the_admin_never_sets_declaration_submission_publication_or_evaluator(admin, program):
    draft = EvaluationFactory(program=program, is_submitted=False, is_published=False, independence_declared=False)
    form = admin.get(reverse("admin:evaluation_evaluation_change", args=[draft.pk])).context["adminform"].form
    assert not {"is_submitted", "independence_declared", "is_published", "evaluator", "program"} & set(form.fields)
    assert admin.get(reverse("admin:evaluation_evaluation_add")).status_code == 403


def test_signed_or_published_evaluations_cannot_be_deleted_in_the_admin(admin, program):
    published = EvaluationFactory(program=program)
    assert (
        admin.post(reverse("admin:evaluation_evaluation_delete", args=[published.pk]), {"post": "yes"}).status_code
        == 403
    )
    bulk = admin.post(
        reverse("admin:evaluation_evaluation_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert "published: withdraw it first" in bulk.content.decode()
    assert Evaluation.objects.filter(pk=published.pk).exists()


def test_deleting_a_program_in_the_admin_keeps_its_signed_evaluations(admin):
    program = ProgramFactory(is_published=False)
    signed = EvaluationFactory(program=program, is_published=False)
    page = admin.post(reverse("admin:programs_program_delete", args=[program.pk]), {"post": "yes"})
    assert "would require deleting the following protected related objects" in page.content.decode()
    assert Program.objects.filter(pk=program.pk).exists() and Evaluation.objects.filter(pk=signed.pk).exists()


def test_a_published_program_cannot_be_deleted_in_the_admin(admin, program):
    page = admin.post(reverse("admin:programs_program_delete", args=[program.pk]), {"post": "yes"})
    assert "published: withdraw it first" in page.content.decode()
    assert Program.objects.filter(pk=program.pk).exists()


def test_the_admin_cannot_assign_an_evaluator_from_a_party_state(admin, program):
    partisan = evaluator("SA")
    page = admin.post(
        reverse("admin:evaluation_evaluatorassignment_add"), {"program": program.pk, "evaluator": partisan.pk}
    )
    assert "a party to this dyad" in page.content.decode()
    assert not EvaluatorAssignment.objects.exists()


def test_an_admin_edit_based_on_an_old_version_is_refused_with_who_changed_what(admin, program):
    stale = program_admin_form(program, body_a="Admin's body A")
    program.title = "Changed meanwhile"
    program.version += 1
    program._history_user = program.created_by
    program.save()
    page = admin.post(reverse("admin:programs_program_change", args=[program.pk]), stale)
    assert page.status_code == 200 and "changed since version 1" in page.content.decode()
    program.refresh_from_db()
    assert (program.title, program.body_a) == ("Changed meanwhile", "Body A")


def test_an_admin_edit_writes_only_its_changes_credited_to_the_admin_with_co_owners(admin, program):
    ministry = MinistryFactory(state=state("SA"))
    response = admin.post(
        reverse("admin:programs_program_change", args=[program.pk]),
        program_admin_form(program, summary="Edited in the admin", co_owners=[ministry.pk]),
    )
    assert response.status_code == 302, response.content
    latest = program.history.latest("history_id")
    changed = {
        c.field for c in latest.diff_against(latest.prev_record, excluded_fields={"version", "updated_by"}).changes
    }
    assert (latest.history_user, changed, latest.version) == (admin.user, {"summary", "co_owners"}, 2)


def admin_form_data(page) -> dict:
    """What an admin change page posts when nothing is touched: the form and its inlines, management forms included."""
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.management_form.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or (hasattr(value, "field") and not value):  # no file: none sent
                continue
            data[form.add_prefix(name)] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_a_breakdown_changed_in_the_admin_raises_the_periods_version(admin):
    indicator = IndicatorFactory()
    dimension = DimensionFactory(indicator=indicator)
    period = PeriodFactory(indicator=indicator, actual_value=150)
    Breakdown.objects.create(period=period, dimension=dimension, category="Iran", value=80)
    url = reverse("admin:results_reportingperiod_change", args=[period.pk])
    data = admin_form_data(admin.get(url))
    data["breakdowns-0-value"] = "85"
    assert admin.post(url, data).status_code == 302
    period.refresh_from_db()
    assert period.version == 2 and period.breakdowns.get().value == 85
    assert period.history.latest("history_id").history_user == admin.user

    data = admin_form_data(admin.get(url)) | {"version": 1, "target_comment": "Stale"}
    page = admin.post(url, data)
    assert page.status_code == 200 and "changed since version 1" in page.content.decode()
