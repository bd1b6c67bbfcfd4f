"""A notification a user received, and each user's choice of how to receive each kind."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; preferences are set per kind."""

    CANCELLATION = "cancellation", _("Joint cancellations proposed, confirmed, declined or withdrawn")
    SUBMISSION = "submission", _("Submissions awaiting your review")
    RETURN = "return", _("Work returned to you for changes")
    APPROVAL = "approval", _("Your submissions approved by the other side")
    PUBLICATION = "publication", _("Publications of your records")


# Until a user says otherwise: everything in the site; by email all but publications (frequent, for information).
DEFAULT_BY_EMAIL = {
    Kind.CANCELLATION: True,
    Kind.SUBMISSION: True,
    Kind.RETURN: True,
    Kind.APPROVAL: True,
    Kind.PUBLICATION: False,
}


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one user: a sentence and the workspace page it is about."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True, help_text=_("A page of this site (a path)."))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_recent"),
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_user_unread"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    """How one user wants one kind of notification; without a row, the defaults apply."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    in_site = models.BooleanField(_("in the site"), default=True)
    by_email = models.BooleanField(_("by email"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once_per_kind")]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"
