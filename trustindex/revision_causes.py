"""A revision's cause in words a reader can follow, naming and linking public records only.

A revision stores its cause twice: `cause`, the audit line of the change ("milestone 412
status missed → achieved by ir-affairs"), and `cause_ref`, the changed records
("milestones.milestone:412"). The audit line names users and may quote a draft's fields,
so it is never shown as it is: the words here come from the records themselves, looked
up through their `published()` querysets. A record that is not public (a draft, or a
milestone not yet published) is mentioned without its title or a link; a deleted one by
its kind only. One lookup query per kind of record, whatever the number of revisions.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from core.i18n import localized
from evaluation.models import Evaluation
from milestones.models import Milestone, MilestoneStatus
from programs.models import Program

MILESTONE, PROGRAM, EVALUATION = "milestones.milestone", "programs.program", "evaluation.evaluation"
REF = re.compile(r"\b([a-z_]+\.[a-z_]+):(\d+)\b")
STATUS_CHANGE = re.compile(r"\bstatus (\w+) → (\w+)")
PUBLISHED_CHANGE = re.compile(r"\bis_published False → True\b")
METHOD_CHANGE = re.compile(r"^method (\S+) → (\S+)")
NAMED_AT_MOST = 3


@dataclass(frozen=True)
class PublicCause:
    """What caused a revision, said for the public, and a public page about it (or none)."""

    text: str
    url: str = ""


def refs(cause_ref: str) -> list[tuple[str, int]]:
    """The (app.model, pk) records named in a cause_ref ("milestones.milestone:412, programs.program:7")."""
    return [(label, int(pk)) for label, pk in REF.findall(cause_ref or "")]


def _public_records(wanted: dict[str, set[int]]) -> dict[tuple[str, int], object]:
    found: dict[tuple[str, int], object] = {}
    if wanted.get(MILESTONE):
        for m in Milestone.objects.published().filter(pk__in=wanted[MILESTONE]).select_related("program"):
            found[(MILESTONE, m.pk)] = m
    if wanted.get(PROGRAM):
        for p in Program.objects.published().filter(pk__in=wanted[PROGRAM]):
            found[(PROGRAM, p.pk)] = p
    if wanted.get(EVALUATION):
        evaluations = Evaluation.objects.published().filter(pk__in=wanted[EVALUATION])
        for e in evaluations.select_related("program", "organisation"):
            found[(EVALUATION, e.pk)] = e
    return found


def _status_label(value: str) -> str:
    return str(MilestoneStatus(value).label).lower() if value in MilestoneStatus.values else value


def _milestone_words(m: Milestone, cause: str) -> str:
    names = {"milestone": localized(m, "title").text, "program": localized(m.program, "title").text}
    change = STATUS_CHANGE.search(cause)
    if change:
        old, new = (_status_label(s) for s in change.groups())
        return _("milestone “%(milestone)s” of %(program)s went from %(old)s to %(new)s") % {
            **names,
            "old": old,
            "new": new,
        }
    if " created" in cause:
        return _("milestone “%(milestone)s” was added to %(program)s") % names
    return _("milestone “%(milestone)s” of %(program)s was updated") % names


def _program_words(p: Program, cause: str) -> str:
    title = {"program": localized(p, "title").text}
    if PUBLISHED_CHANGE.search(cause) or " created" in cause:
        return _("program “%(program)s” was published") % title
    return _("program “%(program)s” was updated") % title


def _evaluation_words(e: Evaluation, cause: str) -> str:
    names = {"organisation": e.organisation, "program": localized(e.program, "title").text}
    return _("an evaluation of %(program)s by %(organisation)s was published or updated") % names


def _kind(label: str) -> str:
    return {MILESTONE: _("a milestone"), PROGRAM: _("a program"), EVALUATION: _("an evaluation")}.get(
        label, _("a record")
    )


def _segment(cause: str, label: str, pk: int) -> str:
    """The part of a combined audit line ("a; b; and 2 more") about one record ("milestone 412 …")."""
    start = f"{label.split('.')[1]} {pk} "
    return next((part for part in (cause or "").split("; ") if part.startswith(start)), "")


def _one(label: str, pk: int, record, cause: str) -> tuple[str, str]:
    """(words, url) for one named record; no title and no link unless it is public."""
    cause = _segment(cause, label, pk)
    if record is None:
        if " deleted" in cause:
            return _("%(record)s was deleted") % {"record": _kind(label)}, ""
        return _("a change to %(record)s that is not public") % {"record": _kind(label)}, ""
    if label == MILESTONE:
        return _milestone_words(record, cause), record.program.get_absolute_url() + "#milestones"
    if label == PROGRAM:
        return _program_words(record, cause), record.get_absolute_url()
    return _evaluation_words(record, cause), record.program.get_absolute_url() + "#evaluations"


def _sentence(parts: list[str]) -> str:
    text = get_text_list(parts, _("and"))
    return text[:1].upper() + text[1:] + "."


def public_causes(revisions: Iterable) -> dict[tuple[str, str], PublicCause]:
    """The public cause of each distinct (cause, cause_ref) among the revisions."""
    keys = list(dict.fromkeys((r.cause, r.cause_ref) for r in revisions))
    wanted: dict[str, set[int]] = defaultdict(set)
    for _cause, ref in keys:
        for label, pk in refs(ref):
            wanted[label].add(pk)
    records = _public_records(wanted)
    out = {}
    for cause, ref in keys:
        named = refs(ref)
        method = METHOD_CHANGE.match(cause or "")
        if method and not named:
            text = _("The index method was upgraded from version %(old)s to %(new)s.") % {
                "old": method.group(1),
                "new": method.group(2),
            }
            out[(cause, ref)] = PublicCause(text, reverse("dashboards:method") + "#versions")
            continue
        if not named:
            out[(cause, ref)] = PublicCause(_("The index was recomputed."))
            continue
        described = [_one(label, pk, records.get((label, pk)), cause) for label, pk in named]
        words = list(dict.fromkeys(text for text, _url in described))
        if len(words) > NAMED_AT_MOST:
            more = len(words) - NAMED_AT_MOST
            words = [*words[:NAMED_AT_MOST], _("%(count)d more changes") % {"count": more}]
        url = next((url for _text, url in described if url), "")
        out[(cause, ref)] = PublicCause(_sentence(words), url)
    return out
