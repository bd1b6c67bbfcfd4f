"""The unread count in the site header, counted only when a page shows it."""

from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread_notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: Notification.objects.filter(user=user).unread().count())}
