"""Evidence uploads are checked for size, extension and content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import validate_upload


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", b"%PDF-1.7\n..."),
        ("a.png", b"\x89PNG\r\n\x1a\n...."),
        ("a.JPG", b"\xff\xd8\xff\xe0...."),
        ("a.docx", b"PK\x03\x04...."),
        ("a.csv", "name,value\nÅland,1\n".encode()),
    ],
)
def test_genuine_files_of_allowed_types_pass(name, content):
    validate_upload(upload(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.exe", b"MZ....", "not accepted"),
        ("a", b"%PDF-1.7", "not accepted"),
        ("a.pdf", b"<html>", "not a valid .pdf"),
        ("a.png", b"%PDF-1.7", "not a valid .png"),
        ("a.txt", b"\x00\x01binary", "not a valid .txt"),
    ],
)
def test_wrong_types_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(upload(name, content))


def test_files_over_the_limit_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="too large"):
        validate_upload(upload("a.pdf", b"%PDF-1.7 and more than ten bytes"))
