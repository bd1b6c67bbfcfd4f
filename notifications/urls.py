"""A user's notifications and preferences, under /workspace/notifications/."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("read/", views.notification_read_all, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
]
