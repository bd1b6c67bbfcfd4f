"""OpenAPI additions: the one error shape, documented on every operation.

A drf-spectacular postprocessing hook adds an `Error` component and the
error responses each operation can give (400 for bad input, 401/403 for
writes, 404 for details, 429 when throttled), so clients and Schemathesis
know the shape of every non-2xx answer.
"""

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer", "example": 400},
                "code": {"type": "string", "example": "invalid"},
                "message": {"type": "string", "example": "due_after: Enter a valid date."},
                "fields": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "Problems by input name (body field or query parameter).",
                    "example": {"due_after": ["Enter a valid date."]},
                },
            },
        }
    },
}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input: a bad date, an unknown dyad or filter value, an unknown query parameter.",
    "401": "Not authenticated (writes need a token or a session).",
    "403": "Authenticated, but the permission layer refuses this action.",
    "404": "No such record, or not one you may see.",
    "405": "Method not allowed.",
    "412": "The record changed since the version named in `If-Match`: the error lists who changed which fields; "
    "the `ETag` header is the current version.",
    "429": "Throttled: retry after the `Retry-After` header's seconds.",
}


PATH_PARAMETERS = {
    "slug": ("Dyad slug: the two states' ISO alpha-2 codes in alphabetical order, e.g. `ir-sa`.", "ir-sa"),
    "code": ("ISO 3166-1 alpha-2 code of the state, e.g. `SA`.", "SA"),
}


FORMAT_DESCRIPTION = "Response format: `json`, or `csv` for one spreadsheet-ready table (same as `Accept: text/csv`)."


def _describe_parameters(operation: dict) -> None:
    for parameter in operation.get("parameters", []):
        if parameter.get("description"):
            continue
        if parameter.get("in") == "path" and parameter["name"] in PATH_PARAMETERS:
            parameter["description"], parameter["example"] = PATH_PARAMETERS[parameter["name"]]
        elif parameter.get("in") == "query" and parameter["name"] == "format":
            parameter["description"] = FORMAT_DESCRIPTION


IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "example": '"v3"',
    "description": "The record's `ETag` from your last GET: the write is refused (412) if the record changed since. "
    "Without it the write changes only the fields sent.",
}


# The writes on one versioned record (which honour If-Match).
VERSIONED_WRITES = (
    "{id}/",
    "{id}/status/",
    "{id}/missed/",
    "{id}/publish/",
    "{id}/submit/",
    "periods/{id}/actual/",
    "periods/{id}/approve/",
    "periods/{id}/return/",
)


def _writes_a_record(path: str, method: str) -> bool:
    return method in ("post", "patch") and path.endswith(VERSIONED_WRITES)


def _error_codes(path: str, method: str) -> list[str]:
    codes = ["400", "404", "429"]
    if method not in ("get", "head"):
        codes += ["401", "403"]
    if _writes_a_record(path, method):
        codes.append("412")
    return codes


def add_error_responses(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: document the error shape on every operation, and the path parameters."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            _describe_parameters(operation)
            if _writes_a_record(path, method):
                operation.setdefault("parameters", []).append(IF_MATCH)
            responses = operation.setdefault("responses", {})
            for code in _error_codes(path, method):
                responses.setdefault(
                    code,
                    {
                        "description": ERROR_DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
