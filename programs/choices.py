"""Enumerations of the programs app, shared by models, forms and the API."""

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name, get_territory_currencies
from django.conf import settings
from django.db import models
from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy, to_locale
from django.utils.translation import gettext as _


class DyadStatus(models.TextChoices):
    ESTRANGED = "estranged", pgettext_lazy("dyad status", "Estranged")
    THAWING = "thawing", pgettext_lazy("dyad status", "Thawing")
    NORMALISED = "normalised", pgettext_lazy("dyad status", "Normalised")


class RuptureKind(models.TextChoices):
    SEVERED_RELATIONS = "severed_relations", gettext_lazy("Diplomatic relations severed")
    AMBASSADOR_RECALLED = "ambassador_recalled", gettext_lazy("Ambassador recalled")
    SANCTIONS = "sanctions", gettext_lazy("Sanctions")
    BORDER_CLOSURE = "border_closure", gettext_lazy("Border closure")
    TRADE_EMBARGO = "trade_embargo", gettext_lazy("Trade embargo")
    OTHER = "other", pgettext_lazy("rupture kind", "Other")


class NormalisationKind(models.TextChoices):
    RELATIONS_RESTORED = "relations_restored", gettext_lazy("Diplomatic relations restored")
    AMBASSADORS_RETURNED = "ambassadors_returned", gettext_lazy("Ambassadors returned")
    PEACE_AGREEMENT = "peace_agreement", gettext_lazy("Peace agreement")
    BORDER_REOPENED = "border_reopened", gettext_lazy("Border reopened")
    SANCTIONS_LIFTED = "sanctions_lifted", gettext_lazy("Sanctions lifted")
    OTHER = "other", pgettext_lazy("normalisation kind", "Other")


class Domain(models.TextChoices):
    CULTURAL = "cultural", gettext_lazy("Cultural")
    SCIENTIFIC = "scientific", gettext_lazy("Scientific")
    ECONOMIC = "economic", gettext_lazy("Economic")
    HEALTH = "health", gettext_lazy("Health")
    DIGITAL = "digital", gettext_lazy("Digital")


class ProgramStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("program status", "Planned")
    ACTIVE = "active", pgettext_lazy("program status", "Active")
    COMPLETED = "completed", pgettext_lazy("program status", "Completed")
    SUSPENDED = "suspended", pgettext_lazy("program status", "Suspended")
    CANCELLED = "cancelled", pgettext_lazy("program status", "Cancelled")


class Role(models.TextChoices):
    MINISTRY_STAFF = "ministry_staff", gettext_lazy("Ministry staff")
    EVALUATOR = "evaluator", gettext_lazy("Evaluator")
    COORDINATOR = "coordinator", gettext_lazy("Coordinator")


def rated_currencies() -> list[str]:
    """Currencies with an exchange rate in settings.TRUST_INDEX["FX_RATES"]: the only ones the
    trust index can compare, so the only ones a contribution may be recorded in."""
    return sorted(settings.TRUST_INDEX["FX_RATES"])


def currency_name(code: str) -> str:
    """The currency's name in the interface language, from the Unicode CLDR (via Babel)."""
    return get_currency_name(code, locale=to_locale(get_language() or settings.LANGUAGE_CODE))


def territory_name(code: str, english: str) -> str:
    """A state's name in the interface language, from the Unicode CLDR (via Babel); in English
    (or when the CLDR has none) the ISO 3166 name the site stores."""
    language = get_language() or settings.LANGUAGE_CODE
    if language.split("-")[0] == "en":
        return english
    try:
        return Locale.parse(to_locale(language)).territories.get(code) or english
    except (UnknownLocaleError, ValueError):
        return english


def currency_choices() -> list[tuple[str, str | Promise]]:
    """The rated currencies with their names in the reader's language (a callable: read when
    used, never copied into migrations; lazy labels: named when shown)."""
    name = lazy(currency_name, str)
    return [(code, format_lazy("{} – {}", code, name(code))) for code in rated_currencies()]


def unrated_currency_message(placeholder: str) -> str:
    """Why a currency is refused, naming the accepted ones; `placeholder` is where the form
    (`%(value)s`) or the API (`{input}`) puts the currency sent."""
    return _(
        "No exchange rate is configured for %(currency)s, so the trust index could not compare this "
        "contribution. Choose one of: %(codes)s."
    ) % {"currency": placeholder, "codes": ", ".join(rated_currencies())}


def state_currency(code: str) -> str | None:
    """The currency a state uses today (ISO 4217, from the Unicode CLDR via Babel), None if unknown."""
    currencies = get_territory_currencies(code)
    return currencies[0] if currencies else None
