"""What the admin pages of records two states keep share: versions checked, published records kept.

The admin is one more way to change the shared record, so it follows the same
rules as the workspace and the API: an edit based on an outdated page is
refused (saying who changed what), only the changed fields are written and
credited to the admin user in the history, and a published record is never
deleted there (withdraw it first, with a reason, in the workspace).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import versioning
from .versioning import BasedOn, EditConflict


class VersionCheckedAdmin:
    """For a ModelAdmin of a `core.models.VersionedRecord`: carry the version, write only what changed."""

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if record is not None and request.method == "POST" and transaction.get_connection().in_atomic_block:
            versioning.lock(record)  # the admin's change view runs in a transaction: held until saved
        return record

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):  # the fieldsets list our hidden field, which is no model form field
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "version"]
        form_class = super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]
        return _versioned(form_class) if obj is not None else form_class

    def save_model(self, request, obj, form, change):
        if not change:
            versioning.credit(obj, request.user)
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            return
        model_fields = {f.name for f in obj._meta.get_fields()}
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in model_fields}
        versioning.save_changes(obj, user=request.user, changes=changes)


def _versioned(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    class VersionedAdminForm(form_class):  # type: ignore[valid-type,misc]
        version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.fields["version"].initial = self.instance.version

        def clean(self):
            data = super().clean()
            version = data.get("version")
            if version is not None:
                try:
                    versioning.changes_to_write(self.instance, {}, BasedOn(version, strict=True))
                except EditConflict as conflict:
                    raise ValidationError(conflict.summary + " " + _("Reload the page to see the changes.")) from None
            return data

    return VersionedAdminForm


class KeepsPublishedAdmin:
    """For a ModelAdmin of a publishable record: published records are listed as not deletable
    (on their own delete page and in the bulk "delete selected" action alike)."""

    def kept_on_record(self, record) -> bool:
        return bool(record.is_published)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)  # type: ignore[misc]
        kept = [
            _("%(record)s (published: withdraw it first)") % {"record": record}
            for record in objs
            if self.kept_on_record(record)
        ]
        protected = [*protected, *kept]
        # A kept record is refused for what it is, not for a missing permission (which the admin
        # page would list first): our evaluations' delete permission is exactly that rule.
        return deleted, counts, set() if protected else perms_needed, protected
