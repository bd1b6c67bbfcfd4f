from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluations and trust index"

    def ready(self) -> None:
        from . import index_triggers

        index_triggers.connect()
