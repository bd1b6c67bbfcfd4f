from django.apps import AppConfig
from django.db.models.signals import post_migrate

from .reference_data import ensure_states


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "States, dyads and programs"

    def ready(self) -> None:
        post_migrate.connect(ensure_states, sender=self)
