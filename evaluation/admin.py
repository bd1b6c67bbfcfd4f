from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluation, EvaluatorAssignment


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
