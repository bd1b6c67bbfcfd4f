"""Checks on uploaded evidence and report files: size, extension, and the file's first bytes.

The extension alone is easy to fake, so each allowed type's signature
("magic number") is checked too; text types must be NUL-free UTF-8.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

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
        raise ValidationError(f"The file is too large: the limit is {limit // 1024 // 1024 or 1} MB.")
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    allowed = [e.lower() for e in settings.UPLOAD_ALLOWED_EXTENSIONS]
    if extension not in allowed:
        raise ValidationError(f"Files of type .{extension or '?'} are not accepted; allowed: {', '.join(allowed)}.")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if not (_looks_like_text(head) if extension in TEXT_TYPES else head.startswith(SIGNATURES.get(extension, (b"",)))):
        raise ValidationError(f"The file's content is not a valid .{extension} file.")
