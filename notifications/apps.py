"""Notifications: what happened that a user should know, in the site and by email.

It sits just above `core`: its models reference only users, and the domain
services call `notifications.services.notify` with the recipients, a text
and a link; delivery happens once their transaction commits.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
