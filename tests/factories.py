"""factory-boy factories for every model; defaults give valid, published records."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from evaluation.models import Evaluation, EvaluatorAssignment
from milestones.models import Milestone, MilestoneStatus
from programs.choices import Domain, Role
from programs.models import Dyad, EvaluationOrganisation, Ministry, Profile, Program, State
from results.models import Dimension, Indicator, IndicatorKind, ReportingPeriod, Result, ResultType
from trustindex.method import METHOD_VERSION
from trustindex.models import IndexSnapshot


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def state(code: str) -> State:
    """A state loaded by the migration, by its alpha-2 code."""
    return State.objects.get(code=code)


class DyadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dyad
        django_get_or_create = ("state_a", "state_b")

    state_a = factory.LazyFunction(lambda: state("IR"))
    state_b = factory.LazyFunction(lambda: state("SA"))


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ministry
        django_get_or_create = ("state", "name")

    state = factory.LazyFunction(lambda: state("IR"))
    name = factory.Sequence(lambda n: f"Ministry {n}")


class EvaluationOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationOrganisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Evaluation Institute {n}")
    country = factory.LazyFunction(lambda: state("NO"))


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    role = Role.MINISTRY_STAFF
    ministry = factory.SubFactory(MinistryFactory)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    dyad = factory.SubFactory(DyadFactory)
    title = factory.Sequence(lambda n: f"Program {n}")
    summary = "A test program."
    domain = Domain.CULTURAL
    body_a = "Body A"
    body_b = "Body B"
    start_date = date(2023, 1, 1)
    end_date = None
    contribution_a = Decimal("600000")
    contribution_b = Decimal("400000")
    is_published = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = date(2025, 3, 31)
    status = MilestoneStatus.PLANNED
    is_published = True


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    program = factory.SubFactory(ProgramFactory)
    evaluator = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(EvaluationOrganisationFactory)
    date = date(2025, 6, 1)
    relevance = 3
    coherence = 3
    effectiveness = 2
    efficiency = 3
    impact = 2
    sustainability = 4
    independence_declared = True
    is_submitted = True
    is_published = True


class EvaluatorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluatorAssignment

    program = factory.SubFactory(ProgramFactory)
    evaluator = factory.SubFactory(UserFactory)


class IndexSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndexSnapshot

    dyad = factory.SubFactory(DyadFactory)
    as_of = date(2025, 12, 31)
    value = 41.7
    band_low = 35.0
    band_high = 48.0
    coverage = 0.75
    components = factory.LazyFunction(lambda: {"delivery": {"value": 0.5389, "count": 3}})
    weights = factory.LazyFunction(lambda: {"delivery": 0.3})
    aggregation = "arithmetic"
    method_version = METHOD_VERSION


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    program = factory.SubFactory(ProgramFactory)
    type = ResultType.OUTPUT
    title = factory.Sequence(lambda n: f"Result {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    result = factory.SubFactory(ResultFactory)
    title = factory.Sequence(lambda n: f"Indicator {n}")
    kind = IndicatorKind.QUANTITATIVE
    unit = "students"
    baseline_value = Decimal("0")
    baseline_date = date(2023, 1, 1)


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension

    indicator = factory.SubFactory(IndicatorFactory)
    name = "Side"
    categories = factory.LazyFunction(lambda: ["Iran", "Saudi Arabia"])


class PeriodFactory(factory.django.DjangoModelFactory):
    """A draft period of 2024 with a target of 200 and no actual yet."""

    class Meta:
        model = ReportingPeriod

    indicator = factory.SubFactory(IndicatorFactory)
    start = date(2024, 1, 1)
    end = date(2024, 12, 31)
    target_value = Decimal("200")
