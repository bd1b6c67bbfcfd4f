from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluation, EvaluatorAssignment, IndexSnapshot


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["program", "organisation", "date", "is_submitted", "is_published"]
    list_filter = ["is_published", "is_submitted", "independence_declared", "program__dyad"]
    search_fields = ["program__title", "organisation__name", "summary"]
    date_hierarchy = "date"
    autocomplete_fields = ["program", "evaluator", "organisation"]
    list_select_related = ["program", "organisation"]


@admin.register(EvaluatorAssignment)
class EvaluatorAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["evaluator", "program", "assigned_by", "assigned_at"]
    search_fields = ["evaluator__username", "program__title"]
    autocomplete_fields = ["program", "evaluator"]
    list_select_related = ["evaluator", "program", "assigned_by"]


@admin.register(IndexSnapshot)
class IndexSnapshotAdmin(admin.ModelAdmin):
    list_display = ["dyad", "as_of", "value", "band_low", "band_high", "coverage", "method_version"]
    list_filter = ["method_version", "aggregation", "dyad"]
    search_fields = ["dyad__slug"]
    date_hierarchy = "as_of"
    list_select_related = ["dyad", "dyad__state_a", "dyad__state_b"]
    readonly_fields = [f.name for f in IndexSnapshot._meta.fields]

    def has_add_permission(self, request):
        # Snapshots are computed, never typed in.
        return False
