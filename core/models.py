"""Abstract bases only: core has no tables of its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedRecord(models.Model):
    """A record two parties edit: every saved change raises `version` by one.

    Forms carry the version they were opened at (a hidden field) and the API
    sends it as the `ETag`; `core.versioning` refuses a write based on a
    version that someone else has moved on from in a way that would lose
    their change. Every write path raises it: `core.versioning.save_changes`
    and `core.admin.VersionCheckedAdmin`.
    """

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by one on every saved change; forms and the API's ETag carry it."),
    )

    class Meta:
        abstract = True
