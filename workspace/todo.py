"""The to-do list each role lands on after logging in: what needs them now, most urgent first.

It is built from *providers*: functions `(user, today) -> Section | None`
that return None when the section is not for the user's role. Another app's
work joins the list by adding its provider to `PROVIDERS` (results to
approve, say). Each provider runs one or two queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluation.models import Evaluation, EvaluatorAssignment
from milestones.models import DUE_SOON_DAYS, CancellationProposal, Milestone, MilestoneQuerySet, ProposalStatus
from programs import permissions
from programs.choices import Role
from programs.models import Dyad, Program
from results import selectors as result_selectors
from results.models import ActualStatus, ReportingPeriod

ITEM_LIMIT = 10
# An assigned program is due for an evaluation when the evaluator has filed none for this long.
EVALUATION_DUE_DAYS = 365


@dataclass
class Action:
    """A link, or (with `post`) a button that posts those values."""

    label: str
    url: str
    post: dict[str, str] | None = None
    primary: bool = True


@dataclass
class Item:
    text: str
    detail: str = ""
    when: date | datetime | None = None
    urgent: bool = False
    actions: list[Action] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    items: list[Item]
    total: int
    more: Action | None = None


Provider = Callable[[User, date], "Section | None"]


def _section(key: str, title: str, qs: QuerySet, to_item: Callable, more: Action | None = None) -> Section:
    """A section of the first ITEM_LIMIT records of `qs`, counted only when there may be more."""
    records = list(qs[: ITEM_LIMIT + 1])
    total = len(records) if len(records) <= ITEM_LIMIT else qs.count()
    return Section(key, title, [to_item(r) for r in records[:ITEM_LIMIT]], total, more if total > ITEM_LIMIT else None)


def _url(name: str, pk: int, **query) -> str:
    url = reverse(f"workspace:{name}", kwargs={"pk": pk})
    return f"{url}?{urlencode(query)}" if query else url


# --- ministry staff ------------------------------------------------------------


def _state_milestones(state: str) -> MilestoneQuerySet:
    return Milestone.objects.filter(
        Q(program__dyad__state_a_id=state) | Q(program__dyad__state_b_id=state)
    ).select_related("program__dyad__state_a", "program__dyad__state_b")


def _milestone_item(today: date) -> Callable[[Milestone], Item]:
    def item(m: Milestone) -> Item:
        days = (today - m.due_date).days
        if days > 0:
            when = ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days}
        else:
            when = ngettext("due in %(days)d day", "due in %(days)d days", -days) % {"days": -days}
        return Item(
            text=m.title,
            detail=f"{m.program.title} · {m.program.dyad} · {when}",
            when=m.due_date,
            urgent=days > 0,
            actions=[
                Action(_("Record achievement"), _url("milestone_update", m.pk, status="achieved")),
                Action(_("Open"), _url("milestone", m.pk), primary=False),
            ],
        )

    return item


def overdue_milestones(user: User, today: date) -> Section | None:
    state = permissions.staff_state(user)
    if state is None:
        return None
    qs = _state_milestones(state).overdue(today).order_by("due_date", "id")
    more = Action(_("All my programs"), reverse("workspace:programs"))
    return _section("overdue", _("Overdue milestones"), qs, _milestone_item(today), more)


def due_soon_milestones(user: User, today: date) -> Section | None:
    state = permissions.staff_state(user)
    if state is None:
        return None
    qs = (
        _state_milestones(state)
        .open()
        .filter(due_date__gte=today, due_date__lte=today + timedelta(days=DUE_SOON_DAYS))
        .order_by("due_date", "id")
    )
    title = _("Due in the next %(days)d days") % {"days": DUE_SOON_DAYS}
    return _section("due-soon", title, qs, _milestone_item(today))


def _proposals(state: str) -> QuerySet[CancellationProposal]:
    return (
        CancellationProposal.objects.filter(status=ProposalStatus.PENDING)
        .filter(Q(milestone__program__dyad__state_a_id=state) | Q(milestone__program__dyad__state_b_id=state))
        .select_related("milestone__program__dyad__state_a", "milestone__program__dyad__state_b", "proposing_state")
        .order_by("created_at")
    )


def cancellations_to_confirm(user: User, today: date) -> Section | None:
    """Proposals of the other state, confirmed or declined right here."""
    state = permissions.staff_state(user)
    if state is None:
        return None
    home = reverse("workspace:home")

    def item(p: CancellationProposal) -> Item:
        decide = _url("cancellation_decide", p.pk)
        return Item(
            text=_("%(state)s proposes cancelling “%(milestone)s”")
            % {"state": p.proposing_state.name, "milestone": p.milestone.title},
            detail=f"{p.milestone.program.title} · “{p.reason}”",
            when=p.created_at,
            urgent=True,
            actions=[
                Action(_("Confirm cancellation"), decide, post={"action": "confirm", "next": home}),
                Action(_("Decline"), decide, post={"action": "decline", "next": home}, primary=False),
                Action(_("Open"), _url("milestone", p.milestone_id), primary=False),
            ],
        )

    qs = _proposals(state).exclude(proposing_state_id=state)
    return _section("cancellations", _("Cancellations to confirm"), qs, item)


def my_cancellation_proposals(user: User, today: date) -> Section | None:
    state = permissions.staff_state(user)
    if state is None:
        return None

    def item(p: CancellationProposal) -> Item:
        return Item(
            text=p.milestone.title,
            detail=f"{p.milestone.program.title} · “{p.reason}”",
            when=p.created_at,
            actions=[Action(_("Open"), _url("milestone", p.milestone_id), primary=False)],
        )

    qs = _proposals(state).filter(proposing_state_id=state)
    return _section("proposed", _("Cancellations waiting for the other side"), qs, item)


def _period_item(label: str, name: str, detail: Callable[[ReportingPeriod], str]) -> Callable[..., Item]:
    def item(p: ReportingPeriod) -> Item:
        return Item(
            text=str(p.indicator),
            detail=f"{p.indicator.result.program.title} · {p.start:%Y-%m-%d} – {p.end:%Y-%m-%d}{detail(p)}",
            when=p.end,
            actions=[Action(label, _url(name, p.pk))],
        )

    return item


def actuals_to_review(user: User, today: date) -> Section | None:
    """The other state's submitted actuals (results), to approve or return."""
    if permissions.staff_state(user) is None:
        return None
    periods = result_selectors.actuals_queue(user, today).to_review
    item = _period_item(_("Approve or return"), "period", lambda p: f" · {p.submitted_state}")
    return Section("actuals-to-review", _("Actuals to approve or return"), [item(p) for p in periods], len(periods))


def returned_actuals(user: User, today: date) -> Section | None:
    """This state's actuals the other side returned for revision, with the reviewer's comment."""
    state = permissions.staff_state(user)
    if state is None:
        return None
    qs = (
        ReportingPeriod.objects.filter(status=ActualStatus.RETURNED, submitted_state_id=state)
        .select_related("indicator__result__program")
        .order_by("reviewed_at", "id")
    )
    item = _period_item(_("Revise"), "period_actual", lambda p: f" · “{p.review_comment}”")
    return _section("actuals-returned", _("Actuals returned to you for revision"), qs, item)


# --- evaluators ------------------------------------------------------------------


def _own_evaluations(user: User) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(evaluator=user, is_submitted=False).select_related(
        "program__dyad__state_a", "program__dyad__state_b"
    )


def _evaluation_item(label: str) -> Callable[[Evaluation], Item]:
    def item(e: Evaluation) -> Item:
        detail = f"{e.program.dyad}" + (f" · “{e.return_reason}”" if e.is_returned else "")
        return Item(
            text=e.program.title,
            detail=detail,
            when=e.returned_at or e.updated_at,
            urgent=e.is_returned,
            actions=[Action(label, _url("evaluation_edit", e.pk))],
        )

    return item


def returned_evaluations(user: User, today: date) -> Section | None:
    if not permissions.has_role(user, Role.EVALUATOR):
        return None
    qs = _own_evaluations(user).filter(returned_at__isnull=False).order_by("returned_at")
    return _section("returned", _("Returned to you for changes"), qs, _evaluation_item(_("Revise and resubmit")))


def draft_evaluations(user: User, today: date) -> Section | None:
    if not permissions.has_role(user, Role.EVALUATOR):
        return None
    qs = _own_evaluations(user).filter(returned_at__isnull=True).order_by("-updated_at")
    return _section("drafts", _("Your draft evaluations"), qs, _evaluation_item(_("Continue")))


def evaluations_to_file(user: User, today: date) -> Section | None:
    """Assigned programs the evaluator has not evaluated in the last EVALUATION_DUE_DAYS."""
    if not permissions.has_role(user, Role.EVALUATOR):
        return None
    # A draft in progress (or returned) is already in the list, under its own heading.
    cutoff = today - timedelta(days=EVALUATION_DUE_DAYS)
    recent = Evaluation.objects.filter(Q(date__gt=cutoff) | Q(is_submitted=False), evaluator=user)
    qs = (
        EvaluatorAssignment.objects.filter(evaluator=user)
        .exclude(program__in=recent.values("program"))
        .select_related("program__dyad__state_a", "program__dyad__state_b")
        .order_by("assigned_at")
    )

    def item(a: EvaluatorAssignment) -> Item:
        return Item(
            text=a.program.title,
            detail=str(a.program.dyad),
            when=a.assigned_at,
            actions=[Action(_("File an evaluation"), _url("evaluation_new", a.program_id))],
        )

    more = Action(_("All assigned programs"), reverse("workspace:inbox"))
    title = _("Assigned to you, not evaluated in the last year")
    return _section("to-file", title, qs, item, more)


# --- coordinators ------------------------------------------------------------------


def _in_dyads(qs: QuerySet, user: User, path: str) -> QuerySet:
    ids = permissions.coordinated_dyad_ids(user)
    return qs if ids is None else qs.filter(**{f"{path}__in": ids})


def _is_coordinator(user: User) -> bool:
    return permissions.coordinated_dyad_ids(user) != set()


def evaluations_to_review(user: User, today: date) -> Section | None:
    if not _is_coordinator(user):
        return None
    qs = _in_dyads(
        Evaluation.objects.filter(is_submitted=True, is_published=False), user, "program__dyad_id"
    ).select_related("program__dyad__state_a", "program__dyad__state_b", "organisation")

    def item(e: Evaluation) -> Item:
        return Item(
            text=e.program.title,
            detail=f"{e.organisation} · {e.program.dyad}",
            when=e.declared_at,
            actions=[Action(_("Review"), _url("evaluation", e.pk))],
        )

    more = Action(_("Review them all"), f"{reverse('workspace:coordinator')}?kind=evaluation")
    return _section("to-review", _("Evaluations to review and publish"), qs.order_by("declared_at", "id"), item, more)


def awaiting_publication(user: User, today: date) -> Section | None:
    """Per dyad, how many drafts and submitted evaluations wait: one click to review them together."""
    if not _is_coordinator(user):
        return None
    counts: dict[int, dict[str, int]] = {}
    for name, qs, path in (
        ("programs", Program.objects.filter(is_published=False), "dyad_id"),
        ("milestones", Milestone.objects.filter(is_published=False), "program__dyad_id"),
        ("evaluations", Evaluation.objects.filter(is_submitted=True, is_published=False), "program__dyad_id"),
    ):
        for row in _in_dyads(qs, user, path).values(path).annotate(n=Count("id")).order_by():
            counts.setdefault(row[path], {})[name] = row["n"]
    dyads = Dyad.objects.filter(pk__in=counts).select_related("state_a", "state_b").order_by("slug")
    review = reverse("workspace:coordinator")
    items = []
    for dyad in dyads:
        found = counts[dyad.pk]
        parts = [
            ngettext("%(n)d program", "%(n)d programs", found.get("programs", 0)) % {"n": found.get("programs", 0)},
            ngettext("%(n)d milestone", "%(n)d milestones", found.get("milestones", 0))
            % {"n": found.get("milestones", 0)},
            ngettext("%(n)d evaluation", "%(n)d evaluations", found.get("evaluations", 0))
            % {"n": found.get("evaluations", 0)},
        ]
        url = f"{review}?{urlencode({'dyad': dyad.slug})}"
        items.append(Item(text=str(dyad), detail=", ".join(parts), actions=[Action(_("Review and publish"), url)]))
    return Section("publication", _("Awaiting publication, by dyad"), items, len(items))


def pending_cancellations(user: User, today: date) -> Section | None:
    """Joint cancellations one side proposed and the other has not answered yet, oldest first."""
    if not _is_coordinator(user):
        return None
    qs = _in_dyads(
        CancellationProposal.objects.filter(status=ProposalStatus.PENDING), user, "milestone__program__dyad_id"
    ).select_related("milestone__program__dyad__state_a", "milestone__program__dyad__state_b", "proposing_state")

    def item(p: CancellationProposal) -> Item:
        waiting = (today - p.created_at.date()).days
        return Item(
            text=_("%(state)s proposes cancelling “%(milestone)s”")
            % {"state": p.proposing_state.name, "milestone": p.milestone.title},
            detail=f"{p.milestone.program.title} · {p.milestone.program.dyad} · "
            + ngettext("waiting %(days)d day", "waiting %(days)d days", waiting) % {"days": waiting},
            when=p.created_at,
            actions=[Action(_("Open"), _url("milestone", p.milestone_id), primary=False)],
        )

    return _section(
        "pending-cancellations", _("Cancellations awaiting the other side"), qs.order_by("created_at"), item
    )


# Ministry staff first act on what is late and what the other side asked; evaluators on
# what came back; coordinators on what waits for review.
PROVIDERS: list[Provider] = [
    cancellations_to_confirm,
    actuals_to_review,
    returned_actuals,
    overdue_milestones,
    due_soon_milestones,
    my_cancellation_proposals,
    returned_evaluations,
    evaluations_to_file,
    draft_evaluations,
    evaluations_to_review,
    awaiting_publication,
    pending_cancellations,
]


def todo_sections(user: User, today: date) -> list[Section]:
    """The user's sections with something in them, in PROVIDERS' order."""
    sections = (provider(user, today) for provider in PROVIDERS)
    return [section for section in sections if section is not None and section.items]
