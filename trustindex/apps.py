from django.apps import AppConfig


class TrustIndexConfig(AppConfig):
    name = "trustindex"
    verbose_name = "Trust index"

    def ready(self) -> None:
        from . import triggers  # noqa: PLC0415  (this app's own module; it needs the models loaded)

        triggers.connect()
