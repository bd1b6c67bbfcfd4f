"""View helpers the staff pages of every app share."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def back_to(request, view_name: str, **kwargs):
    """Redirect to the form's local `next` page if given, else to `view_name`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(view_name, **kwargs)


def publish_from_post(request, *, label: str, set_published: Callable[[bool], object], view_name: str, pk: int):
    """Publish or withdraw a record as the POSTed `published` flag says, report it, and go back.

    `set_published(published)` calls the record's publish service; a rule it
    refuses (ValidationError) is shown as a message, not an error page.
    """
    published = request.POST.get("published") == "1"
    try:
        set_published(published)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{label} {'published' if published else 'withdrawn from the public site'}.")
    return back_to(request, view_name, pk=pk)
