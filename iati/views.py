"""The workspace page that imports an IATI activity file as draft programs."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs import permissions
from programs.choices import Domain
from programs.models import Dyad

from .importer import import_file


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("IATI activity file (XML)"))
    dyad = forms.ModelChoiceField(
        queryset=Dyad.objects.none(),
        required=False,
        label=gettext_lazy("Dyad"),
        help_text=gettext_lazy("Leave empty to take the file's two recipient countries."),
    )
    domain = forms.ChoiceField(
        choices=[("", "—"), *Domain.choices],
        required=False,
        label=gettext_lazy("Domain"),
        help_text=gettext_lazy("Used only when no sector of the file maps to one of the five domains."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        dyads = Dyad.objects.select_related("state_a", "state_b")
        state = permissions.staff_state(user)
        if not user.is_superuser:
            dyads = dyads.filter(Q(state_a_id=state) | Q(state_b_id=state))
        self.fields["dyad"].queryset = dyads


@login_required
def import_activities(request):
    user = request.user
    permissions.require(
        permissions.staff_state(user) is not None or user.is_superuser, _("Only ministry staff import programs.")
    )
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > settings.IATI["IMPORT_MAX_BYTES"]:
                raise ValidationError(_("The file is too large."))
            programs = import_file(
                user=user,
                data=upload.read(),
                dyad=form.cleaned_data["dyad"],
                default_domain=form.cleaned_data["domain"] or None,
                source_name=upload.name or "",
            )
        except (ValidationError, PermissionDenied) as exc:
            for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
                form.add_error("file", message)
        else:
            messages.success(
                request, _("Imported %(n)d activities as draft programs; review them.") % {"n": len(programs)}
            )
            return (
                redirect("workspace:program", pk=programs[0].pk)
                if len(programs) == 1
                else redirect("workspace:programs")
            )
    context = {"form": form, "max_mb": settings.IATI["IMPORT_MAX_BYTES"] // (1024 * 1024)}
    return render(request, "workspace/iati_import.html", context)
