"""Enumerations of the programs app, shared by models, forms and the API."""

import pycountry
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _


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


def rated_currencies() -> list[str]:
    """Currencies with an exchange rate in settings.TRUST_INDEX["FX_RATES"]: the only ones the
    trust index can compare, so the only ones a contribution may be recorded in."""
    return sorted(settings.TRUST_INDEX["FX_RATES"])


def currency_choices() -> list[tuple[str, str]]:
    """The rated currencies with their ISO 4217 names (a callable: read when used, never copied
    into migrations)."""
    names = {c.alpha_3: c.name for c in pycountry.currencies}
    return [(code, f"{code} – {names.get(code, code)}") for code in rated_currencies()]


def unrated_currency_message(placeholder: str) -> str:
    """Why a currency is refused, naming the accepted ones; `placeholder` is where the form
    (`%(value)s`) or the API (`{input}`) puts the currency sent."""
    return _(
        "No exchange rate is configured for %(currency)s, so the trust index could not compare this "
        "contribution. Choose one of: %(codes)s."
    ) % {"currency": placeholder, "codes": ", ".join(rated_currencies())}
