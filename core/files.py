"""Uploaded evidence and reports: where they are stored and how they are handed out.

Files go through Django's storage API (a filesystem here, an object store in
production: set STORAGES["default"]) and are never served from MEDIA_URL:
each record's download view checks that the user may see the record, then
answers through `file_response`. Stored names are random, so neither an
uploader's file name nor a guessable path reaches the storage or a URL.
"""

import mimetypes
import uuid
from pathlib import PurePath

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


def random_upload_name(folder: str, filename: str) -> str:
    """`folder/<random hex>.<the upload's extension>`."""
    extension = PurePath(filename).suffix.lower()
    return f"{folder}/{uuid.uuid4().hex}{extension}"


def file_response(stored: FieldFile, download_name: str) -> FileResponse:
    """The stored file as a download: attachment, a type from its extension, nosniff."""
    name = stored.name or ""
    if not name or not stored.storage.exists(name):
        raise Http404(_("No file."))
    extension = PurePath(name).suffix.lower()
    content_type = mimetypes.guess_type(f"x{extension}")[0] or "application/octet-stream"
    response = FileResponse(
        stored.storage.open(name, "rb"),
        as_attachment=True,
        filename=f"{download_name}{extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def delete_after_commit(stored: FieldFile | None) -> None:
    """Delete a file that no record names any more, once the transaction that dropped it commits."""
    if stored and stored.name:
        storage, name = stored.storage, stored.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)
