"""Enumerations of the programs app, shared by models, forms and the API."""

import pycountry
from babel.numbers import get_territory_currencies
from django.db import models


class DyadStatus(models.TextChoices):
    ESTRANGED = "estranged", "Estranged"
    THAWING = "thawing", "Thawing"
    NORMALISED = "normalised", "Normalised"


class RuptureKind(models.TextChoices):
    SEVERED_RELATIONS = "severed_relations", "Diplomatic relations severed"
    AMBASSADOR_RECALLED = "ambassador_recalled", "Ambassador recalled"
    SANCTIONS = "sanctions", "Sanctions"
    BORDER_CLOSURE = "border_closure", "Border closure"
    TRADE_EMBARGO = "trade_embargo", "Trade embargo"
    OTHER = "other", "Other"


class NormalisationKind(models.TextChoices):
    RELATIONS_RESTORED = "relations_restored", "Diplomatic relations restored"
    AMBASSADORS_RETURNED = "ambassadors_returned", "Ambassadors returned"
    PEACE_AGREEMENT = "peace_agreement", "Peace agreement"
    BORDER_REOPENED = "border_reopened", "Border reopened"
    SANCTIONS_LIFTED = "sanctions_lifted", "Sanctions lifted"
    OTHER = "other", "Other"


class Domain(models.TextChoices):
    CULTURAL = "cultural", "Cultural"
    SCIENTIFIC = "scientific", "Scientific"
    ECONOMIC = "economic", "Economic"
    HEALTH = "health", "Health"
    DIGITAL = "digital", "Digital"


class ProgramStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    SUSPENDED = "suspended", "Suspended"
    CANCELLED = "cancelled", "Cancelled"


class Role(models.TextChoices):
    MINISTRY_STAFF = "ministry_staff", "Ministry staff"
    EVALUATOR = "evaluator", "Evaluator"
    COORDINATOR = "coordinator", "Coordinator"


def currency_choices() -> list[tuple[str, str]]:
    """ISO 4217 currencies from pycountry (a callable, so migrations don't copy the list)."""
    return sorted((c.alpha_3, f"{c.alpha_3} – {c.name}") for c in pycountry.currencies)


def state_currency(code: str) -> str | None:
    """The currency a state uses today (ISO 4217, from the Unicode CLDR via Babel), None if unknown."""
    currencies = get_territory_currencies(code)
    return currencies[0] if currencies else None
