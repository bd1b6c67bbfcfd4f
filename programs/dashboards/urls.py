from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("dyads/<slug:slug>/", views.dyad_detail, name="dyad"),
    path("programs/<int:pk>/", views.program_detail, name="program"),
]
