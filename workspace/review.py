"""The coordinator's review: what awaits publication in their dyads, filtered, and publishing many at once.

Items are draft programs, draft milestones and submitted evaluations, each
keyed "<kind>:<id>". Publishing goes through each record's own publish
service, one item at a time, so every rule (and every refusal, with its
reason) is the same as for a single Publish button.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.versioning import BasedOn, EditConflict
from evaluation import services as evaluation_services
from evaluation.models import Evaluation
from milestones import services as milestone_services
from milestones.models import Milestone
from programs import permissions
from programs import services as program_services
from programs.models import Dyad, Program

REVIEW_LIMIT = 200
KIND_LABELS = {
    "program": gettext_lazy("Program"),
    "milestone": gettext_lazy("Milestone"),
    "evaluation": gettext_lazy("Evaluation"),
}
# Publishing order: a program before its milestones and evaluations.
KINDS = tuple(KIND_LABELS)


@dataclass
class PendingItem:
    key: str
    kind: str
    record: Model
    title: str
    program: Program
    since: datetime | None
    age_days: int | None
    url: str
    version: int

    @property
    def value(self) -> str:
        """What a form posts for the item: its key and the version the coordinator saw."""
        return f"{self.key}@{self.version}"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def dyad(self) -> Dyad:
        return self.program.dyad


@dataclass
class PublishResult:
    key: str
    item: PendingItem | None
    published: bool
    message: str


def _pending_querysets(user: User) -> dict[str, QuerySet]:
    """Each kind's records awaiting publication, in the user's dyads."""
    querysets: dict[str, QuerySet] = {
        "program": Program.objects.filter(is_published=False).select_related("dyad__state_a", "dyad__state_b"),
        "milestone": Milestone.objects.filter(is_published=False).select_related(
            "program__dyad__state_a", "program__dyad__state_b"
        ),
        "evaluation": Evaluation.objects.filter(is_submitted=True, is_published=False).select_related(
            "program__dyad__state_a", "program__dyad__state_b", "organisation"
        ),
    }
    ids = permissions.coordinated_dyad_ids(user)
    if ids is not None:
        querysets["program"] = querysets["program"].filter(dyad_id__in=ids)
        for kind in ("milestone", "evaluation"):
            querysets[kind] = querysets[kind].filter(program__dyad_id__in=ids)
    return querysets


SINCE_FIELD = {"program": "created_at", "milestone": "created_at", "evaluation": "declared_at"}


def _item(kind: str, record, now: datetime) -> PendingItem:
    program = record if kind == "program" else record.program
    since = getattr(record, SINCE_FIELD[kind])
    title = (
        str(record.title) if kind != "evaluation" else _("by %(organisation)s") % {"organisation": record.organisation}
    )
    return PendingItem(
        key=f"{kind}:{record.pk}",
        kind=kind,
        record=record,
        title=title,
        program=program,
        since=since,
        age_days=None if since is None else (now - since).days,
        url=reverse(f"workspace:{kind}", kwargs={"pk": record.pk}),
        version=record.version,
    )


def pending_items(
    user: User, *, dyad: Dyad | None = None, kind: str = "", older_than_days: int | None = None
) -> list[PendingItem]:
    """What awaits publication, oldest first, at most REVIEW_LIMIT of each kind (one query per kind)."""
    now = timezone.now()
    items = []
    for name, qs in _pending_querysets(user).items():
        if kind and name != kind:
            continue
        if dyad is not None:
            qs = qs.filter(dyad=dyad) if name == "program" else qs.filter(program__dyad=dyad)
        if older_than_days:
            qs = qs.filter(**{f"{SINCE_FIELD[name]}__lte": now - timedelta(days=older_than_days)})
        items += [_item(name, record, now) for record in qs.order_by(SINCE_FIELD[name], "id")[:REVIEW_LIMIT]]
    return sorted(items, key=lambda i: (i.since is None, i.since or now))


def _parse(value: str) -> tuple[str, int | None]:
    """ "<kind>:<id>@<version>" as the key and the version (None when not given or not a number)."""
    key, _sep, version = value.partition("@")
    return key, int(version) if version.isdigit() else None


def resolve(user: User, values: list[str]) -> list[tuple[str, PendingItem | None, int | None]]:
    """(posted value, the pending item it names or None if none the user may publish, the version seen)."""
    wanted: dict[str, set[int]] = {kind: set() for kind in KINDS}
    for value in values:
        kind, _sep, pk = _parse(value)[0].partition(":")
        if kind in wanted and pk.isdigit():
            wanted[kind].add(int(pk))
    found: dict[str, PendingItem] = {}
    now = timezone.now()
    for kind, qs in _pending_querysets(user).items():
        for record in qs.filter(pk__in=wanted[kind]):
            item = _item(kind, record, now)
            found[item.key] = item
    chosen = [(value, found.get(_parse(value)[0]), _parse(value)[1]) for value in dict.fromkeys(values)]
    return sorted(chosen, key=lambda row: KINDS.index(row[1].kind) if row[1] else len(KINDS))


PUBLISH: dict[str, Callable[..., object]] = {
    "program": lambda user, record, **version: program_services.set_program_published(
        user=user, program=record, **version
    ),
    "milestone": lambda user, record, **version: milestone_services.set_milestone_published(
        user=user, milestone=record, **version
    ),
    "evaluation": lambda user, record, **version: evaluation_services.set_evaluation_published(
        user=user, evaluation=record, **version
    ),
}


def publish_items(user: User, values: list[str]) -> list[PublishResult]:
    """Publish each item, as the version seen, through its own service; a refusal is reported with its
    reason and stops nothing else."""
    results = []
    for value, item, seen in resolve(user, values):
        if item is None:
            message = _("Not found among the records awaiting publication in your dyads (already published?).")
            results.append(PublishResult(value, None, False, message))
            continue
        based_on = BasedOn(seen, strict=True) if seen is not None else None
        try:
            PUBLISH[item.kind](user, item.record, based_on=based_on)
        except EditConflict as exc:
            results.append(PublishResult(value, item, False, exc.summary + " " + _("Review it again.")))
        except (ValidationError, PermissionDenied) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            results.append(PublishResult(value, item, False, reason))
        else:
            results.append(PublishResult(value, item, True, _("Published.")))
    return results
