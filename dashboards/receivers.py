"""Drop cached dashboard pages when what they show changes."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import cache_recovered
from evaluation.models import Evaluation
from milestones.models import Milestone
from programs.models import Dyad, Normalisation, Program, Rupture
from results.models import Breakdown, Dimension, Indicator, ReportingPeriod, Result
from trustindex.signals import index_recomputed, ranks_refreshed

from .cache import EVERYTHING, OVERVIEW, bump, invalidate_dyad, invalidate_dyad_on_commit


@receiver(index_recomputed, dispatch_uid="dashboards_index_recomputed")
def drop_pages_of_recomputed_dyad(sender, dyad_id: int, **kwargs) -> None:
    invalidate_dyad(dyad_id)  # sent after the commit already


@receiver(ranks_refreshed, dispatch_uid="dashboards_ranks_refreshed")
def drop_pages_showing_ranks(sender, **kwargs) -> None:
    # Every dyad page and the overview show a rank, and a refresh may move any of them.
    bump(EVERYTHING)


@receiver(cache_recovered, dispatch_uid="dashboards_cache_recovered")
def drop_every_page_after_an_outage(sender, **kwargs) -> None:
    bump(EVERYTHING)


@receiver(post_save, sender=Program, dispatch_uid="dashboards_program_saved")
@receiver(post_delete, sender=Program, dispatch_uid="dashboards_program_deleted")
@receiver(post_save, sender=Rupture, dispatch_uid="dashboards_rupture_saved")
@receiver(post_delete, sender=Rupture, dispatch_uid="dashboards_rupture_deleted")
@receiver(post_save, sender=Normalisation, dispatch_uid="dashboards_normalisation_saved")
@receiver(post_delete, sender=Normalisation, dispatch_uid="dashboards_normalisation_deleted")
def drop_pages_of_dyad_record(sender, instance, **kwargs) -> None:
    invalidate_dyad_on_commit(instance.dyad_id)


@receiver(post_save, sender=Milestone, dispatch_uid="dashboards_milestone_saved")
@receiver(post_delete, sender=Milestone, dispatch_uid="dashboards_milestone_deleted")
@receiver(post_save, sender=Evaluation, dispatch_uid="dashboards_evaluation_saved")
@receiver(post_delete, sender=Evaluation, dispatch_uid="dashboards_evaluation_deleted")
def drop_pages_of_program_record(sender, instance, **kwargs) -> None:
    # The program may already be gone (cascading deletes): look its dyad up, never fail.
    program = instance._state.fields_cache.get("program")
    dyad_id = (
        program.dyad_id
        if program is not None
        else Program.objects.filter(pk=instance.program_id).values_list("dyad_id", flat=True).first()
    )
    if dyad_id is not None:
        invalidate_dyad_on_commit(dyad_id)
    else:
        transaction.on_commit(lambda: bump(OVERVIEW), robust=True)


@receiver(post_save, sender=Result, dispatch_uid="dashboards_result_saved")
@receiver(post_delete, sender=Result, dispatch_uid="dashboards_result_deleted")
@receiver(post_save, sender=Indicator, dispatch_uid="dashboards_indicator_saved")
@receiver(post_delete, sender=Indicator, dispatch_uid="dashboards_indicator_deleted")
@receiver(post_save, sender=Dimension, dispatch_uid="dashboards_dimension_saved")
@receiver(post_delete, sender=Dimension, dispatch_uid="dashboards_dimension_deleted")
@receiver(post_save, sender=ReportingPeriod, dispatch_uid="dashboards_period_saved")
@receiver(post_delete, sender=ReportingPeriod, dispatch_uid="dashboards_period_deleted")
@receiver(post_save, sender=Breakdown, dispatch_uid="dashboards_breakdown_saved")
@receiver(post_delete, sender=Breakdown, dispatch_uid="dashboards_breakdown_deleted")
def drop_pages_of_results_record(sender, instance, **kwargs) -> None:
    # Its parents may already be gone (cascading deletes): then drop the overview, never fail.
    try:
        program_id = instance.owning_program_id
    except ObjectDoesNotExist:
        program_id = None
    dyad_id = Program.objects.filter(pk=program_id).values_list("dyad_id", flat=True).first() if program_id else None
    if dyad_id is not None:
        invalidate_dyad_on_commit(dyad_id)
    else:
        transaction.on_commit(lambda: bump(OVERVIEW), robust=True)


@receiver(post_save, sender=Dyad, dispatch_uid="dashboards_dyad_saved")
def drop_pages_of_dyad(sender, instance, **kwargs) -> None:
    invalidate_dyad_on_commit(instance.pk)
