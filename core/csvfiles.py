"""CSV that opens cleanly in a spreadsheet: UTF-8 with a byte-order mark, true/false, no live formulas.

Excel reads a CSV without a BOM in the machine's legacy code page ("Türkiye"
turns into "TÃ¼rkiye"); with the BOM it reads UTF-8. Booleans are written
`true`/`false` rather than Python's `True`/`False`, and empty values as an
empty cell.
"""

import csv
from collections.abc import Iterable
from typing import Protocol


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """One value as a spreadsheet should see it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value  # text a spreadsheet would run as a formula (CSV injection)
    return value


def write_table(out: Writable, header: list[str], rows: Iterable[Iterable], *, lineterminator: str = "\r\n") -> None:
    """The BOM, the header and every row, each value through `cell`."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
