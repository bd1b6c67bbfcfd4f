"""Checks on uploaded evidence and report files: size, extension, and the file's first bytes.

The extension alone is easy to fake, so each allowed type's signature
("magic number") is checked too; text types must be NUL-free UTF-8.

Size is refused early, before the file is stored: `core.middleware` refuses
a request whose Content-Length is over `request_limit()`, and
`SizeLimitUploadHandler` (first in FILE_UPLOAD_HANDLERS) stops reading a
file part as soon as it passes UPLOAD_MAX_BYTES, whatever the header said.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext_lazy as _

# Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD_BYTES = 256 * 1024

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}
TEXT_TYPES = ("csv", "txt")
# A type allowed in settings but without a known signature is accepted on its extension.


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the end of the sample.
        return exc.start >= len(head) - 3
    return True


def validate_upload(upload: UploadedFile) -> None:
    """Raise ValidationError unless `upload` is small enough and really of an allowed type."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(too_large_message())
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    allowed = [e.lower() for e in settings.UPLOAD_ALLOWED_EXTENSIONS]
    if extension not in allowed:
        raise ValidationError(
            _("Files of type .%(extension)s are not accepted; allowed: %(allowed)s."),
            code="file_type",
            params={"extension": extension or "?", "allowed": ", ".join(allowed)},
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if not (_looks_like_text(head) if extension in TEXT_TYPES else head.startswith(SIGNATURES.get(extension, (b"",)))):
        raise ValidationError(
            _("The file's content is not a valid .%(extension)s file."),
            code="file_content",
            params={"extension": extension},
        )


def request_limit() -> int:
    """The largest request body accepted: one file at the limit plus the form around it."""
    return settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD_BYTES


def too_large_message() -> str:
    return str(
        _("The file is too large: the limit is %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_BYTES // 1024 // 1024 or 1}
    )


class UploadTooLarge(RequestDataTooBig):
    """A request body or an uploaded file over the limit (answered 413, see core.errors)."""


class SizeLimitUploadHandler(FileUploadHandler):
    """Stop reading an uploaded file as soon as it passes UPLOAD_MAX_BYTES.

    First in FILE_UPLOAD_HANDLERS, so the handlers that keep the file (memory,
    temporary file) never receive more than the limit.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > request_limit():
            raise UploadTooLarge(too_large_message())

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            raise UploadTooLarge(too_large_message())
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
