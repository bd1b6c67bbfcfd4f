from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .reference_data import ensure_states


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("States, dyads and programs")

    def ready(self) -> None:
        post_migrate.connect(ensure_states, sender=self)
