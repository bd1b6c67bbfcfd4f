"""View helpers the staff pages of every app share."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .versioning import BasedOn, EditConflict


def back_to(request, view_name: str, **kwargs):
    """Redirect to the form's local `next` page if given, else to `view_name`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(view_name, **kwargs)


def posted_version(request) -> BasedOn | None:
    """The version a button's form was rendered with: the action applies to what the user saw."""
    raw = request.POST.get("version", "")
    return BasedOn(int(raw), strict=True) if raw.isdigit() else None


def publish_from_post(request, *, label: str, set_published: Callable[..., object], view_name: str, pk: int):
    """Publish or withdraw a record as the POSTed `published` flag says, report it, and go back.

    `set_published(published=, reason=, based_on=)` calls the record's publish service; a rule it
    refuses (ValidationError) or a record changed since the page was shown (EditConflict) is
    shown as a message, not an error page.
    """
    published = request.POST.get("published") == "1"
    reason = request.POST.get("reason", "")
    try:
        set_published(published=published, reason=reason, based_on=posted_version(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except EditConflict as exc:
        messages.error(request, exc.summary + " " + _("Review it, then try again."))
    else:
        done = _("published") if published else _("withdrawn from the public site")
        messages.success(request, f"{label} {done}.")
    return back_to(request, view_name, pk=pk)
