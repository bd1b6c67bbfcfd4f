"""IATI export endpoints, mounted under /api/v1/ (before the API's own URLs, which end in a catch-all 404)."""

from django.urls import path

from .api import ActivitiesXMLView, ProgramActivityXMLView

app_name = "iati"

urlpatterns = [
    path("iati/activities.xml", ActivitiesXMLView.as_view(), name="activities"),
    path("programs/<int:pk>/iati.xml", ProgramActivityXMLView.as_view(), name="program"),
]
