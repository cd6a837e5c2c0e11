"""Reading a catalogue file as provinces publish it: an ``.xlsx`` spreadsheet (openpyxl) or a CSV file
(UTF-8, with or without a byte-order mark; separated by commas, semicolons — what Excel writes where the
decimal mark is a comma, as in Vietnamese settings — or tabs).

The result is the table's rows as text, found under its header (see
:mod:`counter_app.domain.catalogue_table`): what the rows mean is the import's business
(:mod:`counter_app.services.catalogue_import`). A file that cannot be used raises :class:`CatalogueFileError`
with one line saying why, naming the row when there is one.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from counter_app.domain import catalogue_table
from counter_app.domain.catalogue_table import Header
from counter_app.services.errors import ServiceError

#: Excel's own limit for one cell; a longer cell is not a catalogue entry
MAX_CELL = 32_767
#: a catalogue is a few hundred kilobytes; this is far above any province's
MAX_FILE_BYTES = 64 * 1024 * 1024
#: rows read at most (Excel's sheet has 1,048,576; a catalogue has a few thousand)
MAX_ROWS = 200_000
DELIMITERS = (",", ";", "\t")

_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: what breaks a line inside a cell: Excel's Alt+Enter (\n), Word's manual line break (\v), ...
#: Unicode's control characters (category Cc: C0, DEL, C1) but the tab and the line feed
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = str.maketrans(
    {"\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n", "\r": "\n"}
)


class CatalogueFileError(ServiceError):
    """The file cannot be used as a catalogue (nothing is written)."""


@dataclass(frozen=True)
class Table:
    """The rows of the catalogue's sheet as text, with where its header is.

    ``rows`` are (row number as the person sees it, 1-based; cells); ``cleaned`` the (row, column index)
    of cells from which control characters were removed.
    """

    kind: str  # "xlsx" | "csv"
    sheet: str
    header: Header
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    cleaned: tuple[tuple[int, int], ...] = ()
    raw_codes: dict[int, str] = field(default_factory=dict)  # row → code as read from a number cell


def clean_text(text: str) -> tuple[str, bool]:
    """``text`` NFC, line breaks as ``\\n``, tabs kept, every other control character (NUL included)
    removed; and whether any was."""
    text = unicodedata.normalize("NFC", text.translate(_LINE_BREAKS))
    kept = _CONTROL.sub("", text)
    return kept, len(kept) != len(text)


def _unescape(text: str) -> str:
    """OOXML's escapes of characters XML cannot hold (``_x000B_``: ECMA-376 Part 1, ST_Xstring), which
    Excel writes and openpyxl leaves as they are."""
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def cell_text(value: object) -> str:
    """A cell's value as text: numbers without a useless ``.0``, dates as ``YYYY-MM-DD``, ``x`` for a ticked
    box."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def read_table(path: Path) -> Table:
    """The catalogue table of the file at ``path`` (``.xlsx`` or CSV, told by its content)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise CatalogueFileError(
            "catalogue.file.unreadable", path=str(path), reason=exc.strerror or exc
        ) from None
    if size == 0:
        raise CatalogueFileError("catalogue.file.empty", path=str(path))
    if size > MAX_FILE_BYTES:
        raise CatalogueFileError("catalogue.file.too_large", path=str(path), limit=MAX_FILE_BYTES // 2**20)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise CatalogueFileError("catalogue.file.old_excel", path=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise CatalogueFileError("catalogue.file.not_xlsx", path=str(path), reason="không phải tệp ZIP")
    return _read_csv(path)


# --- .xlsx ---------------------------------------------------------------------------------------------


def _xlsx_rows(sheet: Any) -> Iterator[tuple[int, tuple[object, ...]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            break
        yield number, tuple(values)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as exc:
        # SyntaxError: the XML parser's ParseError (a sheet that is not well-formed XML)
        raise CatalogueFileError("catalogue.file.not_xlsx", path=str(path), reason=_reason(exc)) from None
    except Exception as exc:  # openpyxl's InvalidFileException and the like
        raise CatalogueFileError("catalogue.file.not_xlsx", path=str(path), reason=_reason(exc)) from None
    try:
        best: tuple[int, Any, list[tuple[int, tuple[object, ...]]]] | None = None
        for sheet in workbook.worksheets:
            if hasattr(sheet, "reset_dimensions"):  # exports whose stored dimensions are wrong
                sheet.reset_dimensions()
            try:
                rows = list(_xlsx_rows(sheet))
            except Exception as exc:  # a sheet whose XML is broken
                raise CatalogueFileError(
                    "catalogue.file.not_xlsx", path=str(path), reason=_reason(exc)
                ) from None
            texts = [
                tuple(_unescape(cell_text(v)) for v in values)
                for _, values in rows[: catalogue_table.HEADER_SCAN]
            ]
            found = catalogue_table.find_header(texts)
            score = (
                0
                if found is None
                else len(found.columns) + 100 * ("code" in found.columns and "name" in found.columns)
            )
            if best is None or score > best[0]:
                best = (score, sheet, rows)
        if best is None:
            raise CatalogueFileError("catalogue.file.no_rows", path=str(path))
        _, sheet, rows = best
        return _table(path, "xlsx", str(sheet.title), rows)
    finally:
        workbook.close()


# --- CSV -----------------------------------------------------------------------------------------------


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CatalogueFileError("catalogue.file.utf16", path=str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogueFileError("catalogue.file.not_utf8", path=str(path), line=line) from None


def _csv_rows(text: str, delimiter: str, limit: int | None = None) -> list[tuple[int, tuple[object, ...]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, tuple[object, ...]]] = []
    while limit is None or len(rows) < limit:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the line of the text file, where an editor finds it
            raise CatalogueFileError(
                "catalogue.file.bad_csv", line=reader.line_num, reason=_reason(exc)
            ) from None
        # the record's number: the row a spreadsheet shows when it opens the file
        rows.append((len(rows) + 1, tuple(cells)))
        if len(rows) >= MAX_ROWS:
            break
    return rows


def _read_csv(path: Path) -> Table:
    text = _decode(path)
    if not text.strip():
        raise CatalogueFileError("catalogue.file.empty", path=str(path))
    best: tuple[int, str] | None = None
    for delimiter in DELIMITERS:
        try:
            sample = _csv_rows(text, delimiter, catalogue_table.HEADER_SCAN)
        except CatalogueFileError:
            continue
        found = catalogue_table.find_header([tuple(cell_text(v) for v in cells) for _, cells in sample])
        score = (
            0
            if found is None
            else len(found.columns) + 100 * ("code" in found.columns and "name" in found.columns)
        )
        if best is None or score > best[0]:
            best = (score, delimiter)
    delimiter = best[1] if best is not None else ","
    return _table(path, "csv", path.name, _csv_rows(text, delimiter))


# --- both ----------------------------------------------------------------------------------------------


def _table(path: Path, kind: str, sheet: str, raw: Sequence[tuple[int, tuple[object, ...]]]) -> Table:
    cleaned: list[tuple[int, int]] = []
    rows: list[tuple[int, tuple[str, ...]]] = []
    numbers: dict[int, tuple[object, ...]] = {}
    for number, values in raw:
        cells = []
        for index, value in enumerate(values):
            text = cell_text(value)
            if kind == "xlsx":
                text = _unescape(text)
            text, removed = clean_text(text)
            if removed:
                cleaned.append((number, index))
            cells.append(text)
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            rows.append((number, tuple(cells)))
            numbers[number] = values
    header = catalogue_table.find_header([cells for _, cells in rows[: catalogue_table.HEADER_SCAN]])
    if header is None:
        raise CatalogueFileError("catalogue.file.no_header", path=str(path))
    if "code" not in header.columns:
        raise CatalogueFileError("catalogue.file.no_code_column", path=str(path), found=_found(header))
    if "name" not in header.columns:
        raise CatalogueFileError("catalogue.file.no_name_column", path=str(path), found=_found(header))
    code_column = header.columns["code"]
    raw_codes = {}
    for number, values in numbers.items():  # a code Excel keeps as a number: read back with its zeros
        value = values[code_column] if code_column < len(values) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            raw_codes[number] = catalogue_table.code_text(value)
    body = tuple(rows[header.row + 1 :])
    return Table(kind, sheet, header, body, tuple(cleaned), raw_codes)


def _found(header: Header) -> str:
    return ", ".join(f"«{header.headers[column]}»" for column in sorted(header.columns.values()))


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
