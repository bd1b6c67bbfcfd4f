from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_tools import KeepsPublishedAdmin, VersionCheckedAdmin
from core.i18n import virtual_field_names

from .models import (
    Dyad,
    EvaluationOrganisation,
    Ministry,
    Normalisation,
    Profile,
    Program,
    Rupture,
    State,
)


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["code", "alpha3", "name"]
    search_fields = ["code", "alpha3", "name"]


class RuptureInline(admin.TabularInline):
    model = Rupture
    extra = 0


class NormalisationInline(admin.TabularInline):
    model = Normalisation
    extra = 0


@admin.register(Dyad)
class DyadAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "state_a", "state_b", "status"]
    list_filter = ["status"]
    search_fields = ["slug", "state_a__name", "state_b__name"]
    autocomplete_fields = ["state_a", "state_b"]
    inlines = [RuptureInline, NormalisationInline]
    list_select_related = ["state_a", "state_b"]


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    list_display = ["name", "state"]
    list_filter = ["state"]
    search_fields = ["name", "state__name"]
    autocomplete_fields = ["state"]
    list_select_related = ["state"]


@admin.register(EvaluationOrganisation)
class EvaluationOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    search_fields = ["name"]
    autocomplete_fields = ["country"]
    list_select_related = ["country"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "ministry", "organisation", "is_global"]
    list_filter = ["role", "is_global"]
    search_fields = ["user__username", "user__email", "ministry__name", "organisation__name"]
    autocomplete_fields = ["user", "ministry", "organisation", "coordinated_dyads"]
    list_select_related = ["user", "ministry", "organisation"]


@admin.register(Program)
class ProgramAdmin(KeepsPublishedAdmin, VersionCheckedAdmin, SimpleHistoryAdmin):
    """Programs; publishing and withdrawing (with a reason) happen in the workspace."""

    list_display = ["title", "dyad", "domain", "status", "start_date", "end_date", "is_published"]
    list_filter = ["domain", "status", "is_published", "dyad"]
    search_fields = ["title", "summary", "body_a", "body_b", "dyad__slug"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["dyad", "ministry_a", "ministry_b", "co_owners"]
    readonly_fields = ["is_published", "created_by", "updated_by", "created_at", "updated_at"]
    # The English texts only: translations are edited in the workspace form.
    exclude = virtual_field_names("title", "summary")
    list_select_related = ["dyad"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)
