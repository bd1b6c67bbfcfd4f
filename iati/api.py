"""IATI activity XML 2.03 over the REST API: every published program, or one."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import renderers, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.base import StrictQueryParamsMixin
from programs.models import Dyad

from .export import activities_xml, load_activities, published_programs

XML_RESPONSE = {(200, "application/xml"): OpenApiTypes.STR}
EXPORT_NOTE = (
    "IATI activity XML 2.03, valid against the official schema. Published programs only; results carry "
    "approved actuals only. Sectors: cultural 16061, scientific 43082, economic 33110, health 12110, "
    "digital 22040 (OECD DAC 5-digit)."
)


class IATIXMLRenderer(renderers.BaseRenderer):
    """Passes the export's bytes through; errors are rendered as JSON by the API's exception handler."""

    media_type = "application/xml"
    format = "xml"
    charset = None  # the document declares its own encoding (UTF-8)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class DyadChoice(serializers.Serializer):
    dyad = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Dyad.objects.all(),
        required=False,
        error_messages={"does_not_exist": _("Unknown dyad '{value}'. See /api/v1/dyads/ for the list.")},
    )


class IATIView(StrictQueryParamsMixin, APIView):
    renderer_classes = [IATIXMLRenderer]

    def xml(self, programs, filename: str) -> Response:
        base_url = self.request.build_absolute_uri("/").rstrip("/")
        response = Response(activities_xml(load_activities(programs), base_url=base_url))
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class ActivitiesXMLView(IATIView):
    detail_query_params = frozenset({"dyad"})

    @extend_schema(
        summary="Every published program as IATI activity XML 2.03",
        description=EXPORT_NOTE,
        parameters=[
            OpenApiParameter(
                "dyad",
                OpenApiTypes.STR,
                description="Only this dyad's programs (slug, e.g. `ir-sa`). An unknown slug is a 400.",
                examples=[OpenApiExample("Iran–Saudi Arabia", value="ir-sa")],
            )
        ],
        responses=XML_RESPONSE,
    )
    def get(self, request):
        incoming = DyadChoice(data=request.query_params)
        incoming.is_valid(raise_exception=True)
        dyad = incoming.validated_data.get("dyad")
        filename = f"concord-{dyad.slug}-iati.xml" if dyad else "concord-iati.xml"
        return self.xml(published_programs(dyad.pk if dyad else None), filename)


class ProgramActivityXMLView(IATIView):
    @extend_schema(
        summary="One published program as IATI activity XML 2.03",
        description=EXPORT_NOTE + " A draft program is a 404.",
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Program id.")],
        responses=XML_RESPONSE,
    )
    def get(self, request, pk: int):
        program = get_object_or_404(published_programs(), pk=pk)
        return self.xml([program], f"concord-program-{program.pk}-iati.xml")
