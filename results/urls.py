"""Public URL of the results app: evidence documents, served only to whoever may see the actual."""

from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("evidence/<int:pk>/", views.evidence_document, name="evidence"),
]
