from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import engine, triggers
from .method import METHOD_VERSION
from .models import DyadIndexStatus, IndexedDyad, IndexSnapshot, RecomputeRequest, RecomputeRun
from .tasks import recompute_all_indices


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

    list_display = [
        "id",
        "status",
        "trigger",
        "progress",
        "failed",
        "snapshots_written",
        "started_at",
        "progressed_at",
        "finished_at",
        "resumed",
    ]
    list_filter = ["status", "trigger"]
    readonly_fields = [f.name for f in RecomputeRun._meta.fields]
    change_list_template = "admin/trustindex/recomputerun/change_list.html"

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
                name="trustindex_recomputerun_recompute_all",
            )
        ]
        return custom + super().get_urls()

    def recompute_all_view(self, request):
        if request.method != "POST" or not request.user.has_perm("trustindex.change_indexsnapshot"):
            raise PermissionDenied
        run = engine.start_run(trigger=f"admin:{request.user.get_username()}")
        # robust: with the broker down the run waits as "queued" and the sweep queues it again.
        transaction.on_commit(lambda: recompute_all_indices.delay(run.pk), robust=True)
        self.message_user(
            request,
            ngettext(
                "Recomputation #%(run)d of %(total)d dyad queued; refresh to follow it.",
                "Recomputation #%(run)d of %(total)d dyads queued; refresh to follow it.",
                run.total,
            )
            % {"run": run.pk, "total": run.total},
        )
        return redirect("admin:trustindex_recomputerun_changelist")


@admin.action(description=_("Recompute the trust index of the selected dyads"), permissions=["change"])
def recompute_selected_dyads(modeladmin, request, queryset):
    dyad_ids = list(queryset.values_list("pk", flat=True))
    for dyad_id in dyad_ids:
        triggers.schedule_recompute(dyad_id, cause=f"recompute asked in the admin by {request.user.get_username()}")
    modeladmin.message_user(
        request,
        ngettext("Recomputation queued for %(count)d dyad.", "Recomputation queued for %(count)d dyads.", len(dyad_ids))
        % {"count": len(dyad_ids)},
        messages.SUCCESS,
    )


@admin.register(IndexedDyad)
class IndexedDyadAdmin(admin.ModelAdmin):
    """Every dyad with its current index and when it was computed; recompute the ones selected."""

    list_display = ["slug", "__str__", "current_value", "current_as_of", "computed_at"]
    search_fields = ["slug", "state_a__name", "state_b__name"]
    list_select_related = ["state_a", "state_b"]
    actions = [recompute_selected_dyads]

    def get_queryset(self, request):
        latest = IndexSnapshot.objects.filter(dyad=OuterRef("pk"), method_version=METHOD_VERSION).order_by("-as_of")
        return (
            super()
            .get_queryset(request)
            .annotate(
                current_value=Subquery(latest.values("value")[:1]),
                current_as_of=Subquery(latest.values("as_of")[:1]),
                computed_at=Subquery(latest.values("computed_at")[:1]),
            )
        )

    @admin.display(description="index now", ordering="current_value")
    def current_value(self, dyad) -> str:
        return "—" if dyad.current_value is None else f"{dyad.current_value:.1f}"

    @admin.display(description="as of", ordering="current_as_of")
    def current_as_of(self, dyad):
        return dyad.current_as_of

    @admin.display(description="computed at", ordering="computed_at")
    def computed_at(self, dyad):
        return dyad.computed_at

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        return ["slug", "state_a", "state_b", "status"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)


class FailingFilter(admin.SimpleListFilter):
    title = _("index")
    parameter_name = "failing"

    def lookups(self, request, model_admin):
        return [("yes", _("not being updated")), ("no", _("up to date"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(failing_since__isnull=self.value() == "no")
        return queryset


@admin.register(DyadIndexStatus)
class DyadIndexStatusAdmin(admin.ModelAdmin):
    """Dyads whose index recomputation failed: since when, when it last succeeded, and why."""

    list_display = ["dyad", "failing_since", "last_updated", "reason"]
    list_filter = [FailingFilter]
    search_fields = ["dyad__slug", "reason"]
    list_select_related = ["dyad__state_a", "dyad__state_b"]
    readonly_fields = ["dyad", "failing_since", "last_updated", "reason"]

    def get_queryset(self, request):
        # Failing dyads first: this page is where an operator looks for them.
        return super().get_queryset(request).order_by(F("failing_since").desc(nulls_last=True), "dyad__slug")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RecomputeRequest)
class RecomputeRequestAdmin(admin.ModelAdmin):
    """The outbox: recomputations asked for and not done yet (normally empty within seconds)."""

    list_display = ["id", "dyad", "cause", "created_at", "attempts", "last_error"]
    list_filter = ["attempts"]
    list_select_related = ["dyad"]
    readonly_fields = [f.name for f in RecomputeRequest._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
