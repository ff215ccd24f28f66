"""Reading a table from a file: CSV or Excel, a path or an upload, with clear errors.

``read_table`` returns every cell as text (stripped), so that the checks that follow see what
the file says; it refuses files too large (on disk, or an Excel file that unpacks to far more
than any wage table), empty, binary, in UTF-16 or an old Excel format, and CSV rows with more
values than the header, each with a message saying what to do.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from pathlib import Path

import pandas as pd

from prep_lib.documents import ArchiveLimits, check_archive
from prep_lib.errors import SalaryDataError

Source = str | os.PathLike[str] | tuple[str, bytes]
"""A file to read: a path, or ``(filename, bytes)`` as a FileUpload widget gives it."""

FILE_LIMIT = 50 * 1024 * 1024
# What an Excel file may unpack to: the largest BLS tables (metropolitan areas, all data) unpack
# to a few hundred MB; a file that unpacks to more is refused before pandas reads it.
WORKBOOK_LIMITS = ArchiveLimits(member_bytes=256 * 2**20, total_bytes=512 * 2**20, xml_tags=10**12)


def read_table(source: Source, *, kind: str) -> tuple[pd.DataFrame, str]:
    """Read a CSV or Excel file (path or upload) as text cells; clear errors for bad files."""
    if isinstance(source, tuple) and len(source) == 2:
        name, data = source
    elif not isinstance(source, str | os.PathLike):
        raise SalaryDataError(
            f"A {kind} is given as a file path or an upload, not as {type(source).__name__}."
        )
    else:
        path = Path(source).expanduser()
        name = path.name
        if not path.is_file():
            raise SalaryDataError(f"The {kind} {path} does not exist.")
        if path.stat().st_size > FILE_LIMIT:
            raise SalaryDataError(f"{name} is larger than 50 MB, too large for a {kind}.")
        data = path.read_bytes()
    if not isinstance(data, bytes | bytearray | memoryview):
        raise SalaryDataError(f"The {kind} {name} must be given as bytes.")
    data = bytes(data)
    if len(data) > FILE_LIMIT:
        raise SalaryDataError(f"{name} is larger than 50 MB, too large for a {kind}.")
    if not data.strip():
        raise SalaryDataError(f"{name} is empty.")
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_archive(name, data, WORKBOOK_LIMITS, error=SalaryDataError)
        try:
            frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=str).fillna("")
        except Exception as error:  # openpyxl raises many types for a damaged file
            raise SalaryDataError(
                f"{name} could not be read as an Excel workbook ({type(error).__name__}). "
                "Open it in Excel and save it again as .xlsx or CSV."
            ) from None
    elif suffix == ".xls":
        raise SalaryDataError(f"{name} is in the old Excel format; save it as .xlsx or CSV.")
    elif suffix in (".csv", ".txt"):
        frame = _parse_csv(_decode(data, name), name)
    else:
        raise SalaryDataError(f"{name} is not a CSV or Excel file (.csv or .xlsx).")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(lambda column: column.str.strip()), name


def _parse_csv(text: str, name: str) -> pd.DataFrame:
    """Every cell as text; a row with more values than the header is refused, not shifted."""
    too_many = "row {row} has {found} values where the header has {expected}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)  # pandas would drop values
            return pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                index_col=False,
                skipinitialspace=True,
            )
    except pd.errors.EmptyDataError:
        raise SalaryDataError(f"{name} has no header row.") from None
    except (pd.errors.ParserError, pd.errors.ParserWarning) as error:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        detail = (
            too_many.format(row=found[2], found=found[3], expected=found[1])
            if found
            else "row 2 has more values than the header"
        )
        raise SalaryDataError(
            f"{name} is not a well-formed CSV file: {detail}. A comma inside a value needs "
            'the value in double quotes ("Columbus, OH").'
        ) from None


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), or Windows-1252 as Excel saves CSV on Windows."""
    if b"\x00" in data:
        raise SalaryDataError(
            f"{name} is not a text CSV file (it may be UTF-16 or binary). "
            "Save it as 'CSV UTF-8' and try again."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise SalaryDataError(
            f"{name} is not in a text encoding this tool reads. Save it as 'CSV UTF-8'."
        ) from None
