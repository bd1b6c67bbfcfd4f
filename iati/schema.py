"""Validation against the official IATI activity schema 2.03, vendored in iati/schemas/2.03/ (see its LICENSE.md)."""

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "2.03"


def safe_parser(**options) -> etree.XMLParser:
    """An lxml parser that never expands entities, loads a DTD or touches the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, **options
    )


@cache
def activity_schema() -> etree.XMLSchema:
    """The 2.03 activity schema; it includes iati-common.xsd and imports xml.xsd from the same folder."""
    document = etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd"), safe_parser())
    return etree.XMLSchema(document)


def schema_errors(document: bytes | etree._Element | etree._ElementTree) -> list[str]:
    """Every way `document` breaks the 2.03 activity schema, as "line N: message"; empty when valid."""
    if isinstance(document, bytes):
        document = etree.fromstring(document, safe_parser())
    schema = activity_schema()
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
