"""Builds the demo data set; safe to run again (it changes nothing the second time).

Records are looked up by natural keys and randomness is seeded per record,
so every run on the same day produces the same rows.
"""

import functools
import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from evaluation.models import Evaluation, EvaluatorAssignment
from evaluation.scoring import DAC_CRITERIA
from milestones.models import Milestone, MilestoneStatus
from programs.choices import ProgramStatus, Role
from programs.models import Dyad, EvaluationOrganisation, Ministry, Normalisation, Profile, Program, Rupture
from results.models import ReportingPeriod

from . import data as demo_data
from .results import seed_results

User = get_user_model()

MINISTRY_NAMES = ("Ministry of Foreign Affairs", "Ministry of Culture")


@transaction.atomic
def seed_demo(*, today: date | None = None, admin_password: str = "concord-admin") -> dict[str, int]:
    """Create or refresh the demo data set; returns counts of demo records."""
    today = today or timezone.localdate()
    _ensure_user("admin", admin_password, is_staff=True, is_superuser=True)
    evaluators = [
        _evaluator(username, _organisation(name, country))
        for name, country, username in demo_data.EVALUATION_ORGANISATIONS
    ]
    coordinator = _ensure_user("coordinator", demo_data.DEMO_PASSWORD)
    Profile.objects.get_or_create(user=coordinator, defaults={"role": Role.COORDINATOR, "is_global": True})
    for spec in demo_data.DYADS:
        _seed_dyad(spec, today=today, evaluators=evaluators)
    return {
        "dyads": Dyad.objects.count(),
        "programs": Program.objects.count(),
        "milestones": Milestone.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "reporting periods": ReportingPeriod.objects.count(),
    }


@functools.cache
def _password_hash(password: str) -> str:
    # Hashing is deliberately slow; the demo users share one password, so hash it once.
    return make_password(password)


def _ensure_user(username: str, password: str, **flags):
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.org", "password": _password_hash(password), **flags},
    )
    return user


def _organisation(name: str, country: str | None) -> EvaluationOrganisation:
    org, _ = EvaluationOrganisation.objects.get_or_create(name=name, defaults={"country_id": country})
    return org


def _evaluator(username: str, organisation: EvaluationOrganisation):
    user = _ensure_user(username, demo_data.DEMO_PASSWORD)
    Profile.objects.get_or_create(user=user, defaults={"role": Role.EVALUATOR, "organisation": organisation})
    return user


def _seed_dyad(spec: dict, *, today: date, evaluators: list) -> None:
    code_a, code_b = Dyad.canonical(*spec["states"])
    dyad, _ = Dyad.objects.get_or_create(state_a_id=code_a, state_b_id=code_b, defaults={"status": spec["status"]})
    for day, kind, text in spec["ruptures"]:
        Rupture.objects.get_or_create(dyad=dyad, date=day, kind=kind, defaults={"description": text})
    for day, kind, text in spec["normalisations"]:
        Normalisation.objects.get_or_create(dyad=dyad, date=day, kind=kind, defaults={"description": text})
    ministries = {code: _ministries(code, dyad.slug) for code in (code_a, code_b)}
    staff = {code: User.objects.get(username=f"{code.lower()}-affairs") for code in (code_a, code_b)}
    last = len(spec["programs"]) - 1
    for index, (domain, title, start_year) in enumerate(spec["programs"]):
        # The last program of a larger dyad stays a draft, to show drafts stay private.
        draft = index == last and last >= 3
        program = _program(dyad, domain, title, start_year, ministries, today=today, index=index, draft=draft)
        _milestones(program, today=today)
        _evaluations(program, today=today, evaluators=evaluators)
        seed_results(program, today=today, staff=staff)


def _ministries(code: str, slug: str) -> list[Ministry]:
    found = []
    for name in MINISTRY_NAMES:
        ministry, _ = Ministry.objects.get_or_create(state_id=code, name=name)
        found.append(ministry)
        username = f"{code.lower()}-{name.split()[-1].lower()}"
        user = _ensure_user(username, demo_data.DEMO_PASSWORD)
        Profile.objects.get_or_create(user=user, defaults={"role": Role.MINISTRY_STAFF, "ministry": ministry})
    return found


def _program(dyad, domain, title, start_year, ministries, *, today, index, draft) -> Program:
    rng = random.Random(f"{dyad.slug}:{title}")
    start = date(start_year, rng.choice([1, 3, 4, 6, 9]), 1)
    years = rng.choice([2, 3, 4, None])
    end = date(start.year + years, start.month, 1) - timedelta(days=1) if years else None
    status = ProgramStatus.ACTIVE if end is None or end >= today else ProgramStatus.COMPLETED
    a, b = dyad.state_a_id, dyad.state_b_id
    amount_a = Decimal(rng.randrange(200, 3000) * 1000)
    amount_b = (amount_a * Decimal(rng.uniform(0.4, 1.3))).quantize(Decimal("1000"))
    program, _ = Program.objects.get_or_create(
        dyad=dyad,
        title=title,
        defaults={
            "summary": f"Illustrative {domain.label.lower()} program between {dyad}. {title}.",
            "domain": domain,
            "status": status,
            "body_a": f"{ministries[a][index % 2].name}, {dyad.state_a.name}",
            "body_b": f"{ministries[b][index % 2].name}, {dyad.state_b.name}",
            "ministry_a": ministries[a][index % 2],
            "ministry_b": ministries[b][index % 2],
            "start_date": start,
            "end_date": end,
            "contribution_a": amount_a,
            "currency_a": demo_data.CURRENCIES.get(a, "USD"),
            "contribution_b": amount_b,
            "currency_b": demo_data.CURRENCIES.get(b, "USD"),
            "is_published": not draft,
            **demo_data.TRANSLATIONS.get(title, {}),
        },
    )
    return program


def _milestones(program: Program, *, today: date) -> None:
    rng = random.Random(f"milestones:{program.dyad.slug}:{program.title}")
    horizon = min(program.end_date or today + timedelta(days=365), today + timedelta(days=365))
    due = program.start_date + timedelta(days=rng.randrange(60, 120))
    number = 1
    while due <= horizon:
        _milestone(program, number, due, rng, today=today)
        number += 1
        due += timedelta(days=rng.randrange(70, 150))


def _milestone(program: Program, number: int, due: date, rng: random.Random, *, today: date) -> None:
    roll = rng.random()
    fields: dict = {"status": MilestoneStatus.PLANNED, "achieved_date": None, "cancelled_jointly": False}
    if due < today:
        if roll < 0.62:
            late = 0 if rng.random() < 0.7 else rng.randrange(5, 200)
            achieved = min(due - timedelta(days=rng.randrange(0, 10)) + timedelta(days=late), today)
            fields.update(status=MilestoneStatus.ACHIEVED, achieved_date=achieved)
        elif roll < 0.80:
            fields["status"] = MilestoneStatus.MISSED
        elif roll < 0.88:
            fields.update(status=MilestoneStatus.CANCELLED, cancelled_jointly=rng.random() < 0.6)
        else:
            fields["status"] = MilestoneStatus.IN_PROGRESS
    elif due < today + timedelta(days=60):
        fields["status"] = MilestoneStatus.IN_PROGRESS
    has_evidence = fields["status"] == MilestoneStatus.ACHIEVED and rng.random() < 0.7
    Milestone.objects.get_or_create(
        program=program,
        title=f"Milestone {number}: {program.get_domain_display().lower()} deliverable",
        defaults={
            **fields,
            "description": "Illustrative time-bound commitment.",
            "due_date": due,
            "evidence_url": f"https://example.org/evidence/{program.pk}/{number}" if has_evidence else "",
            "is_published": program.is_published and rng.random() < 0.92,
        },
    )


def _evaluations(program: Program, *, today: date, evaluators: list) -> None:
    """Evaluations by the organisations' evaluators, each signed on the day it is dated."""
    rng = random.Random(f"evaluations:{program.dyad.slug}:{program.title}")
    # The first demo evaluator is assigned everything, so its to-do list has programs to evaluate.
    EvaluatorAssignment.objects.get_or_create(program=program, evaluator=evaluators[0])
    day = program.start_date + timedelta(days=rng.randrange(330, 420))
    while day < today and (program.end_date is None or day <= program.end_date + timedelta(days=90)):
        ratings = {c: rng.choice([None, 2, 3, 3, 4, 2, 1, 3]) for c in DAC_CRITERIA}
        evaluator = evaluators[rng.randrange(len(evaluators))]
        EvaluatorAssignment.objects.get_or_create(program=program, evaluator=evaluator)
        Evaluation.objects.get_or_create(
            program=program,
            date=day,
            defaults={
                **ratings,
                "evaluator": evaluator,
                "organisation": evaluator.profile.organisation,
                "summary": "Illustrative assessment against the OECD DAC criteria.",
                "independence_declared": True,
                "declared_at": datetime.combine(day, time(12), tzinfo=UTC),
                "is_submitted": True,
                "is_published": program.is_published,
            },
        )
        day += timedelta(days=rng.randrange(300, 540))
