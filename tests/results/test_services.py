"""The results workflow through its services: record, submit, return, approve, lock."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from results import services
from results.models import ActualStatus, IndicatorKind, ReportingPeriod
from tests.factories import IndicatorFactory, PeriodFactory
from tests.people import coordinator, staff, superuser

from .conftest import PDF

pytestmark = pytest.mark.django_db


def record(fw, user=None, **kwargs):
    defaults = {"actual_value": Decimal("150"), "evidence_url": "https://example.org/list.pdf"}
    return services.record_actual(user=user or fw.iran, period=fw.period, **(defaults | kwargs))


def submitted(fw, user=None):
    record(fw)
    return services.submit_actual(user=user or fw.iran, period=fw.period)


def test_recording_an_actual_keeps_a_draft_with_its_breakdown_and_history(framework):
    period = record(framework, breakdowns={framework.side.pk: {"Iran": Decimal("80"), "Saudi Arabia": Decimal("70")}})
    assert period.status == ActualStatus.DRAFT and period.actual_value == 150
    assert {(b.category, b.value) for b in period.breakdowns.all()} == {("Iran", 80), ("Saudi Arabia", 70)}
    assert period.history.count() == 2  # created, then the actual recorded
    assert period.updated_by == framework.iran


def test_a_breakdown_value_of_none_removes_it(framework):
    record(framework, breakdowns={framework.side.pk: {"Iran": Decimal("80")}})
    record(framework, breakdowns={framework.side.pk: {"Iran": None}})
    assert not framework.period.breakdowns.exists()


def test_a_breakdown_must_use_the_indicators_own_categories(framework):
    with pytest.raises(ValidationError) as error:
        record(framework, breakdowns={framework.side.pk: {"Qatar": Decimal("5")}})
    assert "breakdowns" in error.value.message_dict


def test_an_evidence_document_goes_through_the_checked_upload_path(framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("list.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        record(framework, evidence_url="", evidence_document=fake)
    assert "evidence_document" in error.value.message_dict
    period = record(framework, evidence_url="", evidence_document=SimpleUploadedFile("list.pdf", PDF))
    assert period.evidence_document.name.endswith(".pdf")
    assert f"program-{framework.program.pk}/" in period.evidence_document.name


def test_submitting_needs_the_actual_and_evidence(framework):
    with pytest.raises(ValidationError) as error:
        services.submit_actual(user=framework.iran, period=framework.period)
    assert set(error.value.message_dict) == {"actual_value", "evidence_url"}


def test_a_period_not_yet_started_cannot_be_submitted(framework):
    record(framework)
    with pytest.raises(ValidationError) as error:
        services.submit_actual(user=framework.iran, period=framework.period, today=date(2023, 12, 31))
    assert "start" in error.value.message_dict


def test_submitting_records_the_side_and_mails_the_other_side(framework, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        period = submitted(framework)
    assert period.status == ActualStatus.SUBMITTED and period.submitted_state_id == "IR"
    assert [m.to for m in mail.outbox] == [[framework.saudi.email]]
    assert "awaits your approval" in mail.outbox[0].subject and "/workspace/periods/" in mail.outbox[0].body


def test_the_other_side_approves_and_the_submitter_is_told(framework, django_capture_on_commit_callbacks):
    submitted(framework)
    with django_capture_on_commit_callbacks(execute=True):
        period = services.approve_actual(user=framework.saudi, period=framework.period)
    assert period.status == ActualStatus.APPROVED and period.reviewed_by == framework.saudi
    assert [m.to for m in mail.outbox] == [[framework.iran.email]]
    assert "approved" in mail.outbox[0].subject


@pytest.mark.parametrize("reviewer", ["submitting side", "coordinator", "superuser", "third state"])
def test_only_the_other_side_may_approve(framework, reviewer):
    submitted(framework)
    user = {
        "submitting side": lambda: staff("IR"),
        "coordinator": lambda: coordinator(framework.program.dyad),
        "superuser": superuser,
        "third state": lambda: staff("FR"),
    }[reviewer]()
    with pytest.raises(PermissionDenied):
        services.approve_actual(user=user, period=framework.period)
    framework.period.refresh_from_db()
    assert framework.period.status == ActualStatus.SUBMITTED


def test_returning_needs_a_comment_and_the_revised_actual_can_be_resubmitted(
    framework, django_capture_on_commit_callbacks
):
    submitted(framework)
    with pytest.raises(ValidationError):
        services.return_actual(user=framework.saudi, period=framework.period, comment="  ")
    with django_capture_on_commit_callbacks(execute=True):
        period = services.return_actual(user=framework.saudi, period=framework.period, comment="Attach the list.")
    assert period.status == ActualStatus.RETURNED and period.review_comment == "Attach the list."
    assert "Attach the list." in mail.outbox[0].body and mail.outbox[0].to == [framework.iran.email]
    record(framework, actual_value=Decimal("148"))
    period = services.submit_actual(user=framework.iran, period=framework.period)
    assert period.status == ActualStatus.SUBMITTED and period.actual_value == 148


def test_an_actual_awaiting_review_cannot_change(framework):
    submitted(framework)
    with pytest.raises(ValidationError):
        record(framework, actual_value=Decimal("999"))


def test_an_approved_period_is_locked(framework):
    submitted(framework)
    services.approve_actual(user=framework.saudi, period=framework.period)
    for attempt in (
        lambda: record(framework, actual_value=Decimal("999")),
        lambda: services.update_period(user=framework.iran, period=framework.period, data={"target_value": 1}),
    ):
        with pytest.raises(ValidationError, match="locked"):
            attempt()
    framework.period.refresh_from_db()
    assert framework.period.actual_value == 150 and framework.period.target_value == 200


def test_an_approved_period_freezes_its_indicators_definition_but_not_its_title(framework):
    submitted(framework)
    services.approve_actual(user=framework.saudi, period=framework.period)
    with pytest.raises(ValidationError) as error:
        services.update_indicator(user=framework.iran, indicator=framework.indicator, data={"unit": "people"})
    assert "unit" in error.value.message_dict
    services.update_indicator(user=framework.iran, indicator=framework.indicator, data={"title": "Exchanged students"})
    framework.indicator.refresh_from_db()
    assert framework.indicator.title == "Exchanged students"


def test_two_reviewers_never_both_win(framework):
    submitted(framework)
    stale = ReportingPeriod.objects.get(pk=framework.period.pk)
    services.approve_actual(user=framework.saudi, period=framework.period)
    with pytest.raises(PermissionDenied):
        services.return_actual(user=staff("SA"), period=stale, comment="Too late.")
    stale.refresh_from_db()
    assert stale.status == ActualStatus.APPROVED


def test_a_mail_outage_never_undoes_an_approval(framework, django_capture_on_commit_callbacks, monkeypatch):
    submitted(framework)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("notifications.services.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_actual(user=framework.saudi, period=framework.period)
    framework.period.refresh_from_db()
    assert framework.period.status == ActualStatus.APPROVED


def test_an_actual_is_late_thirty_days_after_its_period_until_submitted(framework):
    end = framework.period.end
    assert not framework.period.is_late(end + timedelta(days=30))
    assert framework.period.is_late(end + timedelta(days=31))
    assert list(ReportingPeriod.objects.late(end + timedelta(days=31))) == [framework.period]
    submitted(framework)
    assert not ReportingPeriod.objects.late(end + timedelta(days=31)).exists()


def test_periods_of_an_indicator_may_not_overlap_nor_fall_outside_the_program(framework):
    with pytest.raises(ValidationError, match="overlaps"):
        services.create_period(
            user=framework.iran,
            indicator=framework.indicator,
            data={"start": date(2024, 6, 1), "end": date(2025, 5, 31)},
        )
    with pytest.raises(ValidationError, match="program's dates"):
        services.create_period(
            user=framework.iran,
            indicator=framework.indicator,
            data={"start": date(2020, 1, 1), "end": date(2020, 12, 31)},
        )


def test_a_qualitative_indicator_is_reported_in_words(framework):
    indicator = IndicatorFactory(
        result=framework.indicator.result, kind=IndicatorKind.QUALITATIVE, unit="", baseline_value=None
    )
    period = PeriodFactory(indicator=indicator, target_value=None, target_comment="A joint curriculum.")
    with pytest.raises(ValidationError) as error:
        services.record_actual(user=framework.iran, period=period, actual_value=Decimal("1"))
    assert "actual_value" in error.value.message_dict
    services.record_actual(
        user=framework.iran, period=period, actual_comment="Curriculum adopted.", evidence_url="https://example.org/c"
    )
    assert services.submit_actual(user=framework.iran, period=period).status == ActualStatus.SUBMITTED


def test_creating_an_indicator_with_dimensions_and_adding_one_later(framework):
    indicator = services.create_indicator(
        user=framework.iran,
        result=framework.indicator.result,
        data={"title": "Visas issued", "unit": "visas"},
        dimensions=[("Gender", ["female", "male"])],
    )
    services.update_indicator(
        user=framework.saudi,
        indicator=indicator,
        data={},
        dimensions=[("Gender", ["female", "male", "other"]), ("Age group", ["<25", "25+"])],
    )
    assert {d.name: d.categories for d in indicator.dimensions.all()} == {
        "Gender": ["female", "male", "other"],
        "Age group": ["<25", "25+"],
    }
