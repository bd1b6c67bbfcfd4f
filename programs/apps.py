from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "States, dyads and programs"

    def ready(self) -> None:
        # Dashboard caches listen to index recomputations and to saves of published data.
        from .dashboards import receivers  # noqa: F401
