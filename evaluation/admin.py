"""Evaluations and assignments in the admin: the same rules as the workspace.

An evaluation is the evaluator's signed work: the admin never creates one,
never edits one once submitted (read-only), never deletes a signed or
published one, and never sets its declaration, submission or publication
(those are the evaluator's and the coordinator's acts, in the workspace).
Assignments are checked for independence as in the workspace.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from core import versioning
from core.admin_tools import KeepsPublishedAdmin, VersionCheckedAdmin

from . import permissions
from .models import Evaluation, EvaluatorAssignment

# Acts of the evaluator or the coordinator, never typed in the admin.
SIGNED_FIELDS = [
    "program",
    "evaluator",
    "organisation",
    "independence_declared",
    "declared_at",
    "is_submitted",
    "is_published",
    "created_at",
    "updated_at",
]


@admin.register(Evaluation)
class EvaluationAdmin(KeepsPublishedAdmin, VersionCheckedAdmin, SimpleHistoryAdmin):
    list_display = ["program", "organisation", "date", "is_submitted", "is_published"]
    list_filter = ["is_published", "is_submitted", "independence_declared", "program__dyad"]
    search_fields = ["program__title", "organisation__name", "summary"]
    date_hierarchy = "date"
    readonly_fields = SIGNED_FIELDS
    list_select_related = ["program", "organisation"]

    def kept_on_record(self, record) -> bool:
        return record.is_published or record.independence_declared

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        """A submitted evaluation is frozen: the admin shows it read-only."""
        if obj is not None and (obj.is_submitted or obj.is_published):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.kept_on_record(obj):
            return False
        return super().has_delete_permission(request, obj)


class AssignmentAdminForm(forms.ModelForm):
    class Meta:
        model = EvaluatorAssignment
        fields = ["program", "evaluator"]

    def clean(self):
        data = super().clean()
        program, evaluator = data.get("program"), data.get("evaluator")
        if program is not None and evaluator is not None:
            conflict = permissions.independence_conflict(evaluator, program)
            if conflict:
                message = _("%(evaluator)s cannot be assigned: %(reason)s") % {
                    "evaluator": evaluator,
                    "reason": conflict,
                }
                self.add_error("evaluator", message)
        return data


@admin.register(EvaluatorAssignment)
class EvaluatorAssignmentAdmin(SimpleHistoryAdmin):
    """Assignments: independence checked as in the workspace; an assignment is made or removed, never edited."""

    form = AssignmentAdminForm
    list_display = ["evaluator", "program", "assigned_by", "assigned_at"]
    search_fields = ["evaluator__username", "program__title"]
    autocomplete_fields = ["program", "evaluator"]
    list_select_related = ["evaluator", "program", "assigned_by"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.assigned_by = request.user
        versioning.credit(obj, request.user)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        versioning.credit(obj, request.user)
        super().delete_model(request, obj)
