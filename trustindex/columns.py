"""Load many dyads' inputs straight into numpy arrays: the columnar loader of a full run.

On PostgreSQL one query loads the three inputs (programs, milestones,
evaluations) of any number of dyads: each input comes back as a single bytea,
every record a fixed-size run of its columns' binary forms (int8send,
int4send, boolsend, float8send), which `np.frombuffer` reads with a
structured dtype: no Python object per record, one message per input. The
subqueries are the loader's own querysets (the one definition of what counts:
published programs, all their milestones, published evaluations), wrapped in
a SELECT that turns each column into a fixed-size number (dates as days since
2000-01-01, flags as booleans, contributions converted to the base currency
with the configured rates, NaN where a currency has no rate). The statement
is built once per process (the dyad ids are one array parameter). Elsewhere (the
embedded SQLite default) it goes through the dataclass loader; both give the
same `DyadArrays` (tests compare).

A dyad with a contribution in a currency that has no rate gets the loader's
`UnknownCurrencyError` (with its message) in place of its arrays.

Under method 1.2 one more query per load reads the dyads' approved indicator
periods (`results.selectors.attainment_inputs`, the one definition of what
attainment counts) and adds them to each dyad's arrays; under 1.1 nothing is
read, so a 1.1 load is exactly what it was.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL

from evaluation.scoring import DAC_CRITERIA
from programs.models import Dyad
from results.selectors import attainment_inputs

from . import loader
from .attainment import AttainmentArrays
from .in_force import method_version
from .inputs import ATTAINMENT_VERSION
from .method import _NEVER, DOMAINS, DyadArrays

_DAY0 = date(2000, 1, 1).toordinal()  # PostgreSQL's binary dates count days from 2000-01-01
_NULL_DAY = -(2**31)
_TYPES = {"i8": ">i8", "i4": ">i4", "i2": ">i2", "b": "?", "f8": ">f8"}
_SEND = {"i8": "int8send", "i4": "int4send", "i2": "int2send", "b": "boolsend", "f8": "float8send"}
_IDS = object()  # where the dyad ids go in the cached statement's parameters


def _layout(kinds: list[str]) -> np.dtype:
    return np.dtype([(f"c{n}", _TYPES[kind]) for n, kind in enumerate(kinds)])


def _packed(columns: list[tuple[str, str]], source: str) -> str:
    """A subquery giving all rows of `source` as one bytea: each row its columns' binary
    send forms back to back (a fixed-size record), rows concatenated."""
    row = " || ".join(
        f"{_SEND[kind]}(({expression})::{'bool' if kind == 'b' else _PG[kind]})" for expression, kind in columns
    )
    return f"(SELECT string_agg({row}, ''::bytea) FROM {source})"


_PG = {"i8": "int8", "i4": "int4", "i2": "int2", "f8": "float8"}


def _days(column: str) -> str:
    return f"COALESCE(({column} - DATE '2000-01-01')::int4, {_NULL_DAY})"


def _ordinal(days: np.ndarray) -> np.ndarray:
    days = days.astype(np.int64)
    return np.where(days == _NULL_DAY, _NEVER, days + _DAY0)


def _inner(queryset, **columns) -> tuple[str, list]:
    sql, params = queryset.order_by().annotate(**columns).values_list(*columns).query.sql_with_params()
    return sql, list(params)


def _ids_of(prefix: str) -> dict:
    return {f"{prefix}dyad_id__in": RawSQL("SELECT unnest(%s::bigint[])", (_IDS,))}


MILESTONE_COLUMNS = ["i8", "i4", "i4", "b", "b", "b", "b"]


def _milestones() -> tuple[str, list]:
    inner, params = _inner(
        loader._milestones(**_ids_of("program__")),
        c_dyad=F("program__dyad_id"),
        c_due=F("due_date"),
        c_achieved=F("achieved_date"),
        c_status=F("status"),
        c_jointly=F("cancelled_jointly"),
        c_public=F("is_published"),
        c_url=F("evidence_url"),
        c_document=F("evidence_document"),
    )
    columns = [
        ("c_dyad", "i8"),
        (_days("c_due"), "i4"),
        (_days("CASE WHEN c_status = 'achieved' THEN c_achieved END"), "i4"),
        ("c_status = 'cancelled'", "b"),
        ("COALESCE(c_jointly, false)", "b"),
        ("COALESCE(c_public AND (COALESCE(c_url, '') <> '' OR COALESCE(c_document, '') <> ''), false)", "b"),
        ("c_status IN ('planned', 'in_progress', 'achieved', 'missed', 'cancelled')", "b"),
    ]
    return _packed(columns, f"({inner}) AS q"), params


EVALUATION_COLUMNS = ["i8", "i4", "b", *["i2"] * len(DAC_CRITERIA)]


def _evaluations() -> tuple[str, list]:
    ratings = {f"c_r{n}": F(name) for n, name in enumerate(DAC_CRITERIA)}
    inner, params = _inner(
        loader._evaluations(**_ids_of("program__")),
        c_dyad=F("program__dyad_id"),
        c_date=F("date"),
        c_independent=F("independence_declared"),
        **ratings,
    )
    columns = [("c_dyad", "i8"), (_days("c_date"), "i4"), ("COALESCE(c_independent, false)", "b")]
    columns += [(f"COALESCE({name}, 0)", "i2") for name in ratings]
    return _packed(columns, f"({inner}) AS q"), params


PROGRAM_COLUMNS = ["i8", "i4", "i4", "b", "i2", "f8", "f8"]


def _programs(rates: tuple[tuple[str, float], ...]) -> tuple[str, list]:
    inner, params = _inner(
        loader._programs(**_ids_of("")),
        c_dyad=F("dyad_id"),
        c_start=F("start_date"),
        c_end=F("end_date"),
        c_status=F("status"),
        c_domain=F("domain"),
        c_a=F("contribution_a"),
        c_currency_a=F("currency_a"),
        c_b=F("contribution_b"),
        c_currency_b=F("currency_b"),
    )
    rates = rates or (("", 1.0),)
    fx = ", ".join(["(%s, %s::float8)"] * len(rates))
    domain = " ".join(f"WHEN '{name}' THEN {n}" for n, name in enumerate(DOMAINS))

    def amount(column: str, rate: str) -> str:
        return f"CASE WHEN COALESCE({column}, 0) = 0 THEN 0::float8 ELSE COALESCE({column}::float8 * {rate}, 'NaN') END"

    columns = [
        ("c_dyad", "i8"),
        (_days("c_start"), "i4"),
        (_days("c_end"), "i4"),
        ("c_status = 'cancelled'", "b"),
        (f"CASE c_domain {domain} ELSE -1 END", "i2"),
        (amount("c_a", "fa.rate"), "f8"),
        (amount("c_b", "fb.rate"), "f8"),
    ]
    source = (
        f"({inner}) AS q LEFT JOIN (VALUES {fx}) AS fa(code, rate) ON fa.code = q.c_currency_a "
        f"LEFT JOIN (VALUES {fx}) AS fb(code, rate) ON fb.code = q.c_currency_b"
    )
    flat = [value for pair in rates for value in pair]
    return _packed(columns, source), params + flat + flat


@lru_cache(maxsize=4)
def _statement(rates: tuple[tuple[str, float], ...]) -> tuple[str, tuple]:
    """The one query of a load (milestones, evaluations, programs, each packed into a bytea),
    built from the loader's querysets once per process and set of rates."""
    dyads = _packed([("id", "i8")], "programs_dyad WHERE id = ANY(%s::bigint[])"), [_IDS]
    parts = [dyads, _milestones(), _evaluations(), _programs(rates)]
    return "SELECT " + ", ".join(sql for sql, _ in parts), tuple(p for _, params in parts for p in params)


def _load_packed(dyad_ids: list[int]) -> list[np.ndarray]:
    rates = tuple((code, float(rate)) for code, rate in loader.fx_rates().items())
    sql, params = _statement(rates)
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(dyad_ids) if p is _IDS else p for p in params])
        packed = cursor.fetchone()
    kinds = (["i8"], MILESTONE_COLUMNS, EVALUATION_COLUMNS, PROGRAM_COLUMNS)
    return [np.frombuffer(bytes(data or b""), dtype=_layout(k)) for data, k in zip(packed, kinds, strict=True)]


@dataclass(frozen=True)
class _Groups:
    """Rows of one input grouped by dyad: row indices of each dyad, after a stable sort."""

    rows: np.ndarray
    order: np.ndarray
    starts: np.ndarray
    dyads: np.ndarray

    @classmethod
    def of(cls, rows: np.ndarray) -> "_Groups":
        dyad = rows["c0"].astype(np.int64)
        order = np.argsort(dyad, kind="stable")
        dyads, starts = np.unique(dyad[order], return_index=True)
        return cls(rows, order, np.append(starts, len(order)), dyads)

    def slice(self, dyad_id: int) -> np.ndarray:
        at = np.searchsorted(self.dyads, dyad_id)
        if at == len(self.dyads) or self.dyads[at] != dyad_id:
            return self.rows[:0]
        return self.rows[self.order[self.starts[at] : self.starts[at + 1]]]


def _check(valid: np.ndarray, what: str) -> None:
    if not valid.all():
        raise ValueError(f"a {what} has a value the index does not know")


def load_arrays(dyad_ids: list[int]) -> dict[int, DyadArrays | loader.UnknownCurrencyError]:
    """Each given dyad's inputs as `DyadArrays` (or its currency error): one query (on
    PostgreSQL), and one more for the indicator periods when method 1.2 is in force; a
    dyad that does not exist (deleted meanwhile) is left out."""
    out = _load_records(dyad_ids)
    if method_version() == ATTAINMENT_VERSION:
        periods = attainment_inputs(dyad_ids)
        for dyad_id, arrays in out.items():
            if isinstance(arrays, DyadArrays):
                arrays.with_attainment(AttainmentArrays.of(periods.get(dyad_id, ())))
    return out


def _load_records(dyad_ids: list[int]) -> dict[int, DyadArrays | loader.UnknownCurrencyError]:
    if connection.vendor != "postgresql":
        return _load_arrays_through_dataclasses(dyad_ids)
    existing, *inputs = _load_packed(dyad_ids)
    milestones, evaluations, programs = (_Groups.of(rows) for rows in inputs)
    _check(milestones.rows["c6"], "milestone status")
    _check(programs.rows["c4"] >= 0, "program domain")
    found = set(existing["c0"].tolist())
    out: dict[int, DyadArrays | loader.UnknownCurrencyError] = {}
    for dyad_id in (d for d in dyad_ids if d in found):
        m, e, p = milestones.slice(dyad_id), evaluations.slice(dyad_id), programs.slice(dyad_id)
        a, b = p["c5"].astype(float), p["c6"].astype(float)
        if np.isnan(a).any() or np.isnan(b).any():
            out[dyad_id] = _currency_error(dyad_id)
            continue
        if (a < 0).any() or (b < 0).any():
            raise ValueError(f"dyad {dyad_id}: a contribution is negative")
        out[dyad_id] = DyadArrays.from_columns(
            m_due=_ordinal(m["c1"]),
            m_achieved=_ordinal(m["c2"]),
            m_cancelled=m["c3"].copy(),
            m_jointly=m["c4"].copy(),
            m_open_book=m["c5"].copy(),
            e_date=_ordinal(e["c1"]),
            e_counts=e["c2"].copy(),
            e_ratings=np.stack([e[f"c{3 + n}"].astype(np.int64) for n in range(len(DAC_CRITERIA))], axis=1),
            p_start=_ordinal(p["c1"]),
            p_end=_ordinal(p["c2"]),
            p_cancelled=p["c3"].copy(),
            p_a=a,
            p_b=b,
            p_domain=p["c4"].astype(np.int64),
        )
    return out


def _currency_error(dyad_id: int) -> loader.UnknownCurrencyError:
    """The dataclass loader's own error for the dyad (names the currency)."""
    try:
        loader.load_dyad_inputs(dyad_id)
    except loader.UnknownCurrencyError as error:
        return error
    return loader.UnknownCurrencyError(f"dyad {dyad_id}: a contribution's currency has no exchange rate")


def _load_arrays_through_dataclasses(dyad_ids: list[int]) -> dict[int, DyadArrays | loader.UnknownCurrencyError]:
    dyad_ids = list(Dyad.objects.filter(pk__in=dyad_ids).order_by("pk").values_list("pk", flat=True))
    loaded = loader.load_chunk([(dyad_id, "") for dyad_id in dyad_ids])
    return {
        dyad_id: item if isinstance(item, loader.UnknownCurrencyError) else DyadArrays.from_inputs(item.inputs)
        for dyad_id, item in zip(dyad_ids, loaded, strict=True)
    }
