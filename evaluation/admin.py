from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from programs.admin import DyadAdmin

from . import index_services, index_triggers
from .models import Evaluation, EvaluatorAssignment, IndexSnapshot, RecomputeRun
from .tasks import recompute_all_indices


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
    list_display = ["dyad", "as_of", "value", "band_low", "band_high", "coverage", "is_month_end", "method_version"]
    list_filter = ["method_version", "aggregation", "is_month_end", "dyad"]
    search_fields = ["dyad__slug"]
    date_hierarchy = "as_of"
    list_select_related = ["dyad", "dyad__state_a", "dyad__state_b"]
    readonly_fields = [f.name for f in IndexSnapshot._meta.fields]

    def has_add_permission(self, request):
        # Snapshots are computed, never typed in.
        return False


@admin.register(RecomputeRun)
class RecomputeRunAdmin(admin.ModelAdmin):
    """Full recomputations and their progress; "Recompute all indices" starts one."""

    list_display = ["id", "status", "trigger", "progress", "failed", "snapshots_written", "started_at", "finished_at"]
    list_filter = ["status", "trigger"]
    readonly_fields = [f.name for f in RecomputeRun._meta.fields]
    change_list_template = "admin/evaluation/recomputerun/change_list.html"

    @admin.display(description="progress")
    def progress(self, run: RecomputeRun) -> str:
        return f"{run.done}/{run.total} ({run.percent_done}%)"

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        custom = [
            path(
                "recompute-all/",
                self.admin_site.admin_view(self.recompute_all_view),
                name="evaluation_recomputerun_recompute_all",
            )
        ]
        return custom + super().get_urls()

    def recompute_all_view(self, request):
        if request.method != "POST" or not request.user.has_perm("evaluation.change_indexsnapshot"):
            raise PermissionDenied
        run = index_services.start_run(trigger=f"admin:{request.user.get_username()}")
        transaction.on_commit(lambda: recompute_all_indices.delay(run.pk))
        self.message_user(request, f"Recomputation #{run.pk} of {run.total} dyads queued; refresh to follow it.")
        return redirect("admin:evaluation_recomputerun_changelist")


@admin.action(description="Recompute the trust index of the selected dyads", permissions=["change"])
def recompute_selected_dyads(modeladmin, request, queryset):
    dyad_ids = list(queryset.values_list("pk", flat=True))
    for dyad_id in dyad_ids:
        index_triggers.schedule_recompute(dyad_id)
    modeladmin.message_user(request, f"Recomputation queued for {len(dyad_ids)} dyad(s).", messages.SUCCESS)


# The action belongs to the index, so it is added here rather than in programs/admin.py.
DyadAdmin.actions = [*(DyadAdmin.actions or []), recompute_selected_dyads]
