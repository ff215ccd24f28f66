"""The user's research file: ``salary_research.csv`` in their data folder, and exports.

It has the research table's columns (``COLUMNS``), pay written as given, in its own period and
currency. ``new_figure`` makes a row from what a person typed, ``append_research`` and
``import_research`` add rows without ever losing what is there, ``file_rows`` and
``export_table`` write a research table back out with annual figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from prep_lib.errors import SalaryDataError
from prep_lib.files import write_private
from prep_lib.paths import user_path
from prep_lib.salary.pay import EXAMPLES, PERIODS, cell_currency, join_words, parse_pay
from prep_lib.salary.pay_words import DOLLARS
from prep_lib.salary.reading import Source, read_table
from prep_lib.salary.table import (
    COLUMNS,
    ResearchRowsError,
    check_rows,
    column_key,
    load_research,
)
from prep_lib.text import spreadsheet_cell

RESEARCH_FILE = "salary_research.csv"
BACKUP_FOLDER = "backups/salary_research"
KEEP_BACKUPS = 10


def research_path() -> Path:
    """Where the user's research file lives: ``salary_research.csv`` in their data folder."""
    return user_path(RESEARCH_FILE)


def new_figure(
    *,
    source: str,
    pay: str,
    period: str | None = None,
    currency: str | None = None,
    source_kind: str = "salary site",
    title: str = "",
    location: str = "",
    collected_on: dt.date | None = None,
    notes: str = "",
    weight: float = 1.0,
    experience: str = "",
) -> dict[str, object]:
    """One row for the research file from what a person typed (the add-a-figure form).

    ``pay`` is read with ``parse_pay``; a period or currency it states must agree with
    ``period`` and ``currency`` (the form's choices), which fill in what it does not state (a
    bare "$" agrees with any dollar chosen: CAD, AUD...). ``weight`` is how much the source
    counts (1; 0.5 for a loose match); ``experience`` the years it applies to, as
    ``years_range`` reads them ("3-5", "5+", blank for any).
    """
    figure = parse_pay(pay)
    if figure is None:
        raise SalaryDataError(f"Type the pay figure, like {EXAMPLES}.")
    chosen_currency = (currency or "").strip().upper() or None
    if figure.currency_sign == "$" and chosen_currency in DOLLARS:
        figure = dataclasses.replace(figure, currency=chosen_currency)
    if not (isinstance(weight, int | float) and 0 <= weight <= 1000):
        raise SalaryDataError(f"The weight must be a number from 0 to 1000, not {weight!r}.")
    least, most = years_range(experience)
    for what, stated, chosen in (
        ("period", figure.period, period),
        ("currency", figure.currency, chosen_currency),
    ):
        if stated and chosen and stated != chosen:
            raise SalaryDataError(
                f"The figure says {stated} but the {what} chosen is {chosen}; make them agree."
            )
    single = figure.low == figure.high
    return {
        "source": source.strip(),
        "source_kind": source_kind,
        "title": title.strip(),
        "location": location.strip(),
        "low": "" if single else figure.low,
        "median": figure.low if single else "",
        "high": "" if single else figure.high,
        "currency": figure.currency or (currency or "").strip().upper(),
        "period": figure.period or period or "",
        "collected_on": collected_on.isoformat() if collected_on else "",
        "notes": notes.strip(),
        "weight": float(weight),
        "experience_min": "" if least is None else least,
        "experience_max": "" if most is None else most,
    }


def years_range(text: str) -> tuple[int | None, int | None]:
    """The years of experience a figure applies to, as people write them: "3-5", "3 to 5",
    "5+", "up to 3", "7"; blank means any. Refuses anything else, saying what to type."""
    cleaned = " ".join(str(text).lower().replace("years", "").replace("yrs", "").split())
    if not cleaned:
        return None, None
    found = (
        re.fullmatch(r"(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})", cleaned)
        or re.fullmatch(r"(\d{1,2})\s*\+()", cleaned)
        or re.fullmatch(r"()(?:up to|under|<)\s*(\d{1,2})", cleaned)
        or re.fullmatch(r"(\d{1,2})", cleaned)
    )
    if not found:
        raise SalaryDataError(
            f"Type the years of experience like 3-5, 5+, up to 3 or 7 (blank for any), "
            f"not {text!r}."
        )
    least = int(found[1]) if found[1] else None
    most = least if found.lastindex == 1 else (int(found[2]) if found[2] else None)
    if least is not None and most is not None and least > most:
        raise SalaryDataError(f"The years run backwards in {text!r}; put the fewer first.")
    return least, most


def append_research(
    rows: pd.DataFrame | Iterable[Mapping[str, object]], *, path: Path | None = None
) -> Path:
    """Check ``rows`` (research-file columns, pay as given) and add them to the research file.

    The new rows must all pass ``load_research`` and be in the file's currency (figures in two
    currencies could not be charted together). The file (``research_path()`` unless ``path``
    is given) is rewritten whole or not at all (``write_private``), so a failed write leaves it
    exactly as it was; rows already in it, even ones ``load_research`` rejects, are kept. No cell
    is written as a live spreadsheet formula (see ``_as_cell``).
    """
    new = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    if new.empty:
        raise SalaryDataError("There is nothing to add.")
    incoming = set(load_research(new)["currency"])
    path = Path(path) if path else research_path()
    old = read_table(path, kind="research file")[0] if path.exists() else pd.DataFrame()
    held = {column_key(c): c for c in old.columns}.get("currency")
    kept = {cell_currency(code) for code in old[held] if code} if held else set()
    if kept and incoming - kept:
        raise SalaryDataError(
            f"Your research is in {join_words(sorted(kept))}; this is in "
            f"{join_words(sorted(incoming - kept))}. Convert it first (rates are never guessed)."
        )
    new = new.rename(columns=column_key)
    new = new.loc[:, [c for c in new.columns if c in COLUMNS]]
    own_names = {column_key(c): c for c in old.columns}  # keep the file's own header spelling
    new = new.rename(columns=lambda c: own_names.get(c, c))
    columns = [*old.columns, *(c for c in new.columns if c not in old.columns)]
    merged = pd.concat([old, new.reindex(columns=columns)], ignore_index=True)
    _write(path, merged.reindex(columns=columns).map(_as_cell))
    return path


def research_rows(path: Path | None = None) -> pd.DataFrame:
    """Every row of the research file as written (text cells, columns named as ``COLUMNS``),
    the rows ``load_research`` leaves out too, so that they can be fixed or deleted."""
    path = Path(path) if path else research_path()
    if not path.exists() or not path.read_bytes().strip():
        return pd.DataFrame(columns=list(COLUMNS), dtype=object)
    rows = read_table(path, kind="research file")[0].rename(columns=column_key)
    return rows.reindex(columns=[*COLUMNS, *(c for c in rows.columns if c not in COLUMNS)])


def replace_research_row(
    index: int, row: Mapping[str, object] | None, *, path: Path | None = None
) -> dict[str, str]:
    """Replace row ``index`` (0: the first figure) of the research file with ``row`` (checked
    as ``append_research`` checks it), or delete it when ``row`` is None; return the row as it
    was, which ``put_back_research_row`` puts back. A copy of the whole file as it was is kept
    first (``backups/salary_research`` in the data folder, the newest ``KEEP_BACKUPS``)."""
    path = Path(path) if path else research_path()
    old = read_table(path, kind="research file")[0] if path.exists() else pd.DataFrame()
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(old):
        raise SalaryDataError(
            f"There is no figure {index!r} in your research file; pick one from the list."
        )
    before = {str(k): str(v) for k, v in old.iloc[index].items()}
    rest = old.drop(index=old.index[index])
    if row is not None:
        new = pd.DataFrame([dict(row)])
        load_research(new)  # the same checks as a figure added
        own_names = {column_key(c): c for c in old.columns}
        new = new.rename(columns=column_key)
        new = new.loc[:, [c for c in new.columns if c in COLUMNS]]
        new = new.rename(columns=lambda c: own_names.get(c, c)).map(_as_cell)
        columns = [*old.columns, *(c for c in new.columns if c not in old.columns)]
        rest = pd.concat(
            [rest.iloc[:index], new.reindex(columns=columns).fillna(""), rest.iloc[index:]],
            ignore_index=True,
        ).reindex(columns=columns)
    _keep_copy(path)
    _write(path, rest.fillna("").map(_as_cell))
    return before


def put_back_research_row(index: int, row: Mapping[str, str], *, path: Path | None = None) -> None:
    """Put a row that ``replace_research_row`` took out back at ``index``, as it was written."""
    path = Path(path) if path else research_path()
    old = read_table(path, kind="research file")[0] if path.exists() else pd.DataFrame()
    back = pd.DataFrame([dict(row)])
    columns = [*old.columns, *(c for c in back.columns if c not in old.columns)]
    index = max(0, min(index, len(old)))
    merged = pd.concat([old.iloc[:index], back, old.iloc[index:]], ignore_index=True)
    _write(path, merged.reindex(columns=columns).fillna("").map(_as_cell))


def _keep_copy(path: Path) -> None:
    """Keep a copy of the research file as it is, before a change that removes what was
    typed; the oldest copies beyond ``KEEP_BACKUPS`` are deleted."""
    folder = user_path(BACKUP_FOLDER)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    write_private(folder / f"before-edit-{stamp}.csv", path.read_bytes(), error=SalaryDataError)
    for old in sorted(folder.glob("before-edit-*.csv"), reverse=True)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)


def import_research(source: Source, *, path: Path | None = None) -> int:
    """Add every figure of another research CSV to the research file; returns how many.

    All its rows are checked first: one bad row and nothing is added.
    """
    rows, name = read_table(source, kind="research file")
    _, problems = check_rows(rows, periods=PERIODS, rates=None, currency=None)
    if problems:
        raise ResearchRowsError(problems, name)
    append_research(rows, path=path)
    return len(rows)


def file_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A research table as the research file stores it: annual figures, period "annual"."""
    table = frame.loc[:, list(COLUMNS)].assign(period="annual")
    table["collected_on"] = table["collected_on"].dt.strftime("%Y-%m-%d")
    return table.map(_as_cell)


def export_table(frame: pd.DataFrame, path: Path) -> Path:
    """Save a research table as CSV with annual figures; it loads back as it is."""
    _write(Path(path), file_rows(frame))
    return Path(path)


def _as_cell(value: object) -> str:
    """A value as the text of a CSV cell that a spreadsheet never runs as a formula.

    Numbers are written plainly (a negative number is a number, not a formula); so is text that
    is just a number ("-5", "+3.5", "1e5"), so that a mistyped value still loads back as typed
    and is reported as it is (``spreadsheet_cell``'s rule); any other text that a spreadsheet
    would run gets a leading apostrophe, which ``load_research`` removes again on reading.
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating):
        return str(int(value)) if float(value).is_integer() else f"{value:.12g}"
    text = str(value)
    return str(spreadsheet_cell(text))


def _write(path: Path, table: pd.DataFrame) -> None:
    write_private(path, table.to_csv(index=False), error=SalaryDataError)
