"""Salary research: pay figures from many sources on one scale, a chart of them, and an ask.

One module per job:

- ``pay``: reading a pay figure from text (``parse_pay``), periods to a year (``to_annual``),
  amounts written for people (``format_money``);
- ``pay_words``: the words and symbols pay is written with (periods, currencies, scales);
- ``reading``: reading a CSV or Excel file (a path or an upload) with clear errors;
- ``table``: the research table every loader returns (``COLUMNS``), reading and checking it
  (``load_research``, ``check_table``, ``RowProblem``, ``ResearchRowsError``);
- ``wage_tables``: the published layouts of public wage tables (BLS, New York, Washington);
- ``importers``: wage tables, job-board exports and any CSV through a column mapping, each
  with an ``ImportReport`` (``read_wage_table``, ``read_mapped_table``, ``load_bls_oews``,
  ``load_ny_wages``, ``load_wage_table``, ``load_posting_ranges``);
- ``research_file``: the user's own research file and exports (``append_research``,
  ``import_research``, ``export_table``);
- ``ask``: the market for a filter and the ask inside it (``summarize``, ``recommend_ask``);
- ``offer``: an offer beside your current job and your ask, every part a yearly value
  (``package``, ``Package``, ``compare_offer``, ``OfferComparison``);
- ``chart``: every source as a bar (``plot_ranges``), loaded only when first used, so that
  importing the package (or ``prep_lib.salary.ask``) does not load matplotlib.

Every public name is also available from ``prep_lib.salary`` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prep_lib.salary.ask import (
    ASK_BAND,
    ASK_FULL_YEARS,
    ASK_HIGHEST,
    ASK_PER_STRENGTH,
    ASK_PER_YEAR,
    ASK_ROUNDING,
    ASK_START,
    STRENGTHS,
    Ask,
    SalarySummary,
    Strength,
    current_pay,
    filter_research,
    recommend_ask,
    summarize,
)
from prep_lib.salary.importers import (
    TOP_CODE,
    ColumnMapping,
    Imported,
    ImportReport,
    load_bls_oews,
    load_ny_wages,
    load_posting_ranges,
    load_wage_table,
    read_mapped_table,
    read_wage_table,
)
from prep_lib.salary.offer import OfferComparison, Package, compare_offer, package
from prep_lib.salary.pay import PERIODS, Pay, format_money, parse_pay, to_annual
from prep_lib.salary.reading import Source
from prep_lib.salary.research_file import (
    RESEARCH_FILE,
    append_research,
    export_table,
    file_rows,
    import_research,
    new_figure,
    put_back_research_row,
    replace_research_row,
    research_path,
    research_rows,
    years_range,
)
from prep_lib.salary.table import (
    COLUMNS,
    PAY_COLUMNS,
    SOURCE_KINDS,
    ResearchRowsError,
    RowProblem,
    check_table,
    load_research,
)

if TYPE_CHECKING:
    from prep_lib.salary.chart import KIND_COLORS, plot_ranges

_CHART_NAMES = ("KIND_COLORS", "plot_ranges")

__all__ = [
    "ASK_BAND",
    "ASK_FULL_YEARS",
    "ASK_HIGHEST",
    "ASK_PER_STRENGTH",
    "ASK_PER_YEAR",
    "ASK_ROUNDING",
    "ASK_START",
    "COLUMNS",
    "KIND_COLORS",
    "PAY_COLUMNS",
    "PERIODS",
    "RESEARCH_FILE",
    "SOURCE_KINDS",
    "STRENGTHS",
    "TOP_CODE",
    "Ask",
    "ColumnMapping",
    "ImportReport",
    "Imported",
    "OfferComparison",
    "Package",
    "Pay",
    "ResearchRowsError",
    "RowProblem",
    "SalarySummary",
    "Source",
    "Strength",
    "append_research",
    "check_table",
    "compare_offer",
    "current_pay",
    "export_table",
    "file_rows",
    "filter_research",
    "format_money",
    "import_research",
    "load_bls_oews",
    "load_ny_wages",
    "load_posting_ranges",
    "load_research",
    "load_wage_table",
    "new_figure",
    "package",
    "parse_pay",
    "plot_ranges",
    "put_back_research_row",
    "read_mapped_table",
    "read_wage_table",
    "recommend_ask",
    "replace_research_row",
    "research_path",
    "research_rows",
    "summarize",
    "to_annual",
    "years_range",
]


def __getattr__(name: str) -> Any:
    """The chart's names, imported (with matplotlib) on first use."""
    if name in _CHART_NAMES:
        from prep_lib.salary import chart

        return getattr(chart, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
