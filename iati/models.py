"""What the IATI importer remembers: which activity of another system became which draft program."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programs.models import Program


class ImportedActivity(models.Model):
    """An IATI activity imported as a draft program; the identifier is imported once."""

    iati_identifier = models.CharField(_("IATI identifier"), max_length=200, unique=True)
    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="iati_import")
    source_name = models.CharField(_("file name"), max_length=200, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("imported IATI activity")
        verbose_name_plural = _("imported IATI activities")

    def __str__(self) -> str:
        return self.iati_identifier
