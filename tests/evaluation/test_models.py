from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import EvaluationFactory, IndexSnapshotFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("score", [0, 5])
def test_dac_ratings_outside_1_to_4_are_rejected(score):
    evaluation = EvaluationFactory(impact=None)
    evaluation.impact = score
    with pytest.raises(ValidationError):
        evaluation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        evaluation.save()


def test_criteria_may_be_left_unrated():
    evaluation = EvaluationFactory(relevance=None, impact=None)
    evaluation.full_clean()
    assert evaluation.ratings() == (None, 3, 2, 3, None, 4)


def test_evaluation_without_signed_declaration_cannot_be_published():
    evaluation = EvaluationFactory.build(independence_declared=False, is_published=True)
    with pytest.raises(ValidationError, match="signed declaration"):
        evaluation.full_clean(exclude=["program", "evaluator", "organisation"])


def test_evaluation_cannot_be_dated_in_the_future():
    evaluation = EvaluationFactory.build(date=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError, match="future"):
        evaluation.full_clean(exclude=["program", "evaluator", "organisation"])


def test_one_snapshot_per_dyad_date_and_method_version():
    first = IndexSnapshotFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndexSnapshotFactory(dyad=first.dyad)
    IndexSnapshotFactory(dyad=first.dyad, method_version="2.0")


def test_snapshot_band_wider_than_20_points_is_unstable():
    assert IndexSnapshotFactory.build(band_low=30, band_high=51).is_unstable
    assert not IndexSnapshotFactory.build(band_low=30, band_high=50).is_unstable
