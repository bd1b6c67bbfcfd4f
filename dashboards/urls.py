"""Public transparency pages: published data only, no login."""

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("dyads.csv", views.overview_csv, name="overview_csv"),
    path("dyads/<slug:slug>/", views.dyad_detail, name="dyad"),
    path("dyads/<slug:slug>/<slug:table>.csv", views.dyad_csv, name="dyad_csv"),
    path("programs/<int:pk>/", views.program_detail, name="program"),
    path("programs/<int:pk>/milestones.csv", views.program_csv, name="program_csv"),
    path("search/", views.search, name="search"),
    path("programs/<int:pk>/results.csv", views.program_results_csv, name="program_results_csv"),
    path("method/", views.method, name="method"),
    path("method/weights.csv", views.method_csv, name="method_csv"),
    path("accessibility/", views.accessibility, name="accessibility"),
    # A chart alone, for other sites to frame (dashboards/sharing.py).
    path("charts/<slug:chart>/", views.overview_chart, name="overview_chart"),
    path("dyads/<slug:slug>/charts/<slug:chart>/", views.dyad_chart, name="dyad_chart"),
    path("programs/<int:pk>/charts/<slug:chart>/", views.program_chart, name="program_chart"),
    path("method/charts/<slug:chart>/", views.method_chart, name="method_chart"),
]
