"""The IATI import page, mounted under /workspace/iati/."""

from django.urls import path

from . import views

app_name = "iati_workspace"

urlpatterns = [path("import/", views.import_activities, name="import")]
