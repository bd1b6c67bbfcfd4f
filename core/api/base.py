"""Behaviour every API endpoint shares: strict query parameters, strict ordering, pagination.

Unknown query parameters and unknown ordering keys are rejected with a 400
listing them, so a client's typo (`?stauts=active`) never silently returns
everything.
"""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters, pagination
from rest_framework.request import Request

from .errors import UnknownParameters

ALWAYS_ALLOWED = frozenset({"format"})


def is_whole_number(raw: str) -> bool:
    """ASCII digits only: `str.isdigit()` also accepts ² and ①, which `int()` refuses."""
    return raw.isascii() and raw.isdigit()


class StrictPageSizeMixin:
    """A `page_size` that is not a whole number from 1 to the maximum is a 400, not silently ignored."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int | None:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (is_whole_number(raw) and 1 <= int(raw) <= self.max_page_size):
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return super().get_page_size(request)  # type: ignore[misc]


class StandardPagination(StrictPageSizeMixin, pagination.PageNumberPagination):
    """Page numbers for the record lists; `page_size` up to 200."""

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = "Records per page (1–200, default 50)."
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        """A page number that is not a page of this list is a 400 naming `page` (DRF answers 404)."""
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound as error:
            raise exceptions.ValidationError({self.page_query_param: [str(error.detail)]}) from None


class SnapshotCursorPagination(StrictPageSizeMixin, pagination.CursorPagination):
    """Cursor pages for index snapshots: stable while new snapshots are being written."""

    page_size = 100
    page_size_query_param = "page_size"
    page_size_query_description = "Snapshots per page (1–500, default 100)."
    max_page_size = 500
    ordering = "as_of"

    def decode_cursor(self, request):
        """A cursor this API did not hand out is a 400 naming `cursor` (DRF answers 404)."""
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound as error:
            raise exceptions.ValidationError({self.cursor_query_param: [str(error.detail)]}) from None


class StrictOrderingFilter(filters.OrderingFilter):
    """DRF's ordering, but an unknown key is a 400 instead of being ignored."""

    ordering_description = "Sort key; prefix with '-' for descending. Comma-separate several keys."

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            terms = [term.strip() for term in params.split(",") if term.strip()]
            valid = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [term for term in terms if term.lstrip("-") not in valid]
            if unknown or not terms:
                raise exceptions.ValidationError(
                    {
                        self.ordering_param: [
                            _("Unknown sort key(s): %(unknown)s. Use: %(valid)s.")
                            % {"unknown": ", ".join(unknown), "valid": ", ".join(sorted(valid))}
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)


class StrictQueryParamsMixin:
    """Reject query parameters the endpoint does not document.

    A list accepts its filterset's filters (among them `search` on the
    record lists: see core.api.filters.TextSearchFilter), `ordering` and its
    paginator's parameters; a detail only `format`.
    """

    # Actions answering with a filtered, paginated list; None is a plain ListAPIView.
    list_actions: frozenset[str | None] = frozenset({"list"})

    # Query parameters a non-list endpoint accepts besides `format`.
    detail_query_params: frozenset[str] = frozenset()

    def allowed_query_params(self) -> set[str]:
        if getattr(self, "action", None) in self.list_actions:
            return set(ALWAYS_ALLOWED) | self.list_query_params()
        return set(ALWAYS_ALLOWED) | self.detail_query_params

    def list_query_params(self) -> set[str]:
        allowed: set[str] = set()
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        if getattr(self, "ordering_fields", None):
            allowed.add("ordering")
        paginator = getattr(self, "paginator", None)
        if paginator is not None:
            for attr in ("page_query_param", "page_size_query_param", "cursor_query_param"):
                if getattr(paginator, attr, None):
                    allowed.add(getattr(paginator, attr))
        return allowed

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if request.method not in ("GET", "HEAD"):
            return
        allowed = self.allowed_query_params()
        unknown = [name for name in request.query_params if name not in allowed]
        if unknown:
            raise UnknownParameters(unknown, sorted(allowed))


FILTER_BACKENDS = [DjangoFilterBackend, StrictOrderingFilter]
