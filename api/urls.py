"""REST API v1, mounted at /api/v1/: records, the trust index, tokens and the OpenAPI docs."""

from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from core.api.errors import api_not_found
from evaluation.api import EvaluationViewSet, ProgramEvaluatorsView
from milestones.api import MilestoneViewSet
from programs.api import DyadViewSet, ProgramViewSet, StateViewSet
from results.api import IndicatorViewSet, PeriodViewSet, ResultViewSet
from trustindex.api import DyadCurrentIndexView, DyadIndexHistoryView, SnapshotViewSet
from trustindex.revisions_api import DyadIndexRevisionsView

from .auth import TokenView
from .docs import RedocDocsView, SwaggerDocsView

app_name = "api"

router = DefaultRouter()
router.register("states", StateViewSet, basename="state")
router.register("dyads", DyadViewSet, basename="dyad")
router.register("programs", ProgramViewSet, basename="program")
router.register("milestones", MilestoneViewSet, basename="milestone")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register("results", ResultViewSet, basename="result")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("periods", PeriodViewSet, basename="period")
router.register("snapshots", SnapshotViewSet, basename="snapshot")

urlpatterns: list[URLPattern | URLResolver] = [
    path("dyads/<slug:slug>/index/", DyadCurrentIndexView.as_view(), name="dyad-index"),
    path("programs/<int:pk>/evaluators/", ProgramEvaluatorsView.as_view(), name="program-evaluators"),
    path("dyads/<slug:slug>/index/history/", DyadIndexHistoryView.as_view(), name="dyad-index-history"),
    path("dyads/<slug:slug>/index/revisions/", DyadIndexRevisionsView.as_view(), name="dyad-index-revisions"),
    path("auth/token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocDocsView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
    re_path(r"^.*$", api_not_found),
]
