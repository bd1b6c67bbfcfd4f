"""Builders shared by the index engine tests: the spec's worked example in the database."""

from datetime import date
from decimal import Decimal

from milestones.models import MilestoneStatus
from programs.choices import Domain
from tests.factories import DyadFactory, MilestoneFactory, ProgramFactory, state

WORKED_EXAMPLE_DAY = date(2025, 12, 31)


def worked_example_dyad():
    """Dyad X–Y of docs/trust-index.md (index 41.7 on 2025-12-31), with a draft program
    and a draft evaluation-free milestone that must not count."""
    dyad = DyadFactory(state_a=state("AM"), state_b=state("TR"))
    p1 = ProgramFactory(dyad=dyad, domain=Domain.CULTURAL, start_date=date(2023, 1, 1), end_date=None,
                        contribution_a=Decimal(600_000), contribution_b=Decimal(400_000))  # fmt: skip
    ProgramFactory(dyad=dyad, domain=Domain.HEALTH, start_date=date(2024, 6, 1), end_date=date(2025, 6, 30),
                   contribution_a=Decimal(0), contribution_b=Decimal(0))  # fmt: skip
    MilestoneFactory(program=p1, due_date=date(2025, 3, 31), status=MilestoneStatus.ACHIEVED,
                     achieved_date=date(2025, 3, 20), evidence_url="https://example.org/m1")  # fmt: skip
    MilestoneFactory(program=p1, due_date=date(2025, 9, 30), status=MilestoneStatus.ACHIEVED,
                     achieved_date=date(2025, 11, 29))  # fmt: skip
    MilestoneFactory(program=p1, due_date=date(2025, 12, 15), status=MilestoneStatus.PLANNED)
    draft = ProgramFactory(dyad=dyad, domain=Domain.DIGITAL, start_date=date(2020, 1, 1), is_published=False)
    MilestoneFactory(program=draft, due_date=date(2025, 6, 1), status=MilestoneStatus.MISSED)
    return dyad
