"""Importers for public wage tables and job-board exports, on small fixtures in the real layouts."""

import pandas as pd
import pytest

from prep_lib.errors import SalaryDataError
from prep_lib.salary import (
    ResearchRowsError,
    load_bls_oews,
    load_ny_wages,
    load_posting_ranges,
    load_wage_table,
)

BLS_COLUMNS = [
    *("OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT"),
    *("PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE"),
    *("H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"),
    *("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"),
]
# code, title, group, hourly percentiles, annual percentiles, ANNUAL, HOURLY (BLS markers as in the
# real table: # top-coded, * not available)
BLS_ROWS = [
    ("00-0000", "All Occupations", "total", (13.97, 17.14, 23.11, 37.01, 58.4),
     (29050, 35660, 48060, 76980, 121470), "", ""),
    ("11-1011", "Chief Executives", "detailed", (38.9, 63.5, 99.37, "#", "#"),
     (80910, 132070, 206680, "#", "#"), "", ""),
    ("11-9110", "Medical and Health Services Managers", "broad",
     (32.64, 41.38, 53.21, 75.79, 104.21), (67900, 86080, 110680, 157640, 216750), "", ""),
    ("11-9111", "Medical and Health Services Managers", "detailed",
     (32.64, 41.38, 53.21, 75.79, 104.21), (67900, 86080, 110680, 157640, 216750), "", ""),
    ("11-1031", "Legislators", "detailed", ("*",) * 5, (19840, 25210, 47290, 82310, 127020),
     "TRUE", ""),
    ("13-1074", "Farm Labor Contractors", "detailed", (12.84, 17.44, 21.99, 29.79, 43.09),
     (26700, 36280, 45730, 61970, 89640), "", ""),
    ("27-2011", "Actors", "detailed", (13.0, 17.0, 20.5, 37.3, 100.01), ("*",) * 5, "", "TRUE"),
]  # fmt: skip


def bls_table(area: str | None = None) -> pd.DataFrame:
    records = []
    for code, title, group, hourly, annual, annual_only, hourly_only in BLS_ROWS:
        record = dict.fromkeys(BLS_COLUMNS, "")
        record |= {"OCC_CODE": code, "OCC_TITLE": title, "O_GROUP": group, "TOT_EMP": 1000}
        record |= dict(zip(BLS_COLUMNS[12:17], hourly, strict=True))
        record |= dict(zip(BLS_COLUMNS[17:22], annual, strict=True))
        record |= {"ANNUAL": annual_only, "HOURLY": hourly_only}
        records.append(record)
    table = pd.DataFrame(records)
    if area:
        table.insert(0, "AREA_TITLE", area)
    return table


@pytest.fixture
def bls_xlsx(tmp_path):
    path = tmp_path / "national_M2023_dl.xlsx"
    with pd.ExcelWriter(path) as writer:
        bls_table().to_excel(writer, sheet_name="national_M2023_dl", index=False)
        pd.DataFrame({"Field": ["OCC_CODE"], "Field Description": ["code"]}).to_excel(
            writer, sheet_name="Field Descriptions", index=False
        )
    return path


def test_bls_xlsx_gives_annual_percentiles(bls_xlsx):
    row = load_bls_oews(bls_xlsx, occupation="11-9111").iloc[0]
    assert [row[c] for c in ("low", "p25", "median", "p75", "high")] == [
        67900,
        86080,
        110680,
        157640,
        216750,
    ]
    assert row["source"] == "BLS OEWS May 2023, 11-9111 (United States)"
    assert (row["location"], row["source_kind"], row["period"]) == (
        "United States",
        "government",
        "annual",
    )
    assert not row["top_coded"]


def test_top_coded_figures_are_a_flagged_lower_bound(bls_xlsx):
    row = load_bls_oews(bls_xlsx, occupation="Chief Executives").iloc[0]
    assert (row["median"], row["p75"], row["high"]) == (206680, 239200, 239200)
    assert row["top_coded"] and "at least $239,200 a year" in row["notes"]


def test_not_available_is_blank_and_hourly_only_rows_are_converted(bls_xlsx):
    actors = load_bls_oews(bls_xlsx, occupation="actors")
    assert list(actors["title"]) == ["Actors"]  # not "Farm Labor Contractors"
    assert actors["period"][0] == "hourly"
    assert actors["median"][0] == pytest.approx(20.5 * 2080)
    legislators = load_bls_oews(bls_xlsx, occupation="11-1031").iloc[0]
    assert legislators["median"] == 47290 and legislators["period"] == "annual"


def test_broad_and_detailed_duplicates_appear_once(bls_xlsx):
    rows = load_bls_oews(bls_xlsx, occupation="health services managers")
    assert list(rows["source"]) == ["BLS OEWS May 2023, 11-9111 (United States)"]
    assert len(load_bls_oews(bls_xlsx)) == len(BLS_ROWS) - 1


def test_bls_csv_state_table_with_areas(tmp_path):
    table = pd.concat([bls_table("Ohio"), bls_table("Columbus, OH")])
    path = tmp_path / "state_M2023_dl.csv"
    table.to_csv(path, index=False)
    rows = load_bls_oews(path, occupation="11-9111", area="columbus")
    assert list(rows["location"]) == ["Columbus, OH"]
    assert len(load_bls_oews(path, occupation="11-9111")) == 2


def test_bls_errors_are_clear(tmp_path, bls_xlsx):
    with pytest.raises(SalaryDataError, match="no rows for occupation '99-9999'"):
        load_bls_oews(bls_xlsx, occupation="99-9999")
    with pytest.raises(SalaryDataError, match="area 'Texas'"):
        load_bls_oews(bls_xlsx, area="Texas")
    (tmp_path / "other.csv").write_text("name,pay\nA,1\n")
    with pytest.raises(SalaryDataError, match="not a BLS OEWS wage table"):
        load_bls_oews(tmp_path / "other.csv")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(SalaryDataError, match=r"damaged or incomplete.*save it again"):
        load_bls_oews(tmp_path / "broken.xlsx")


NY_CSV = (
    "Area Type, Area, Area Name, Standard Occupational Code, Occupational Title, Employment,"
    "Mean Wage, Median Wage, Entry Wage, Experienced Wage          \n"
    "1,36,New York State,11-9111,Medical and Health Services Managers,25430,"
    "175024,140752,93508,215783\n"
    "10,7,New York City,11-9111,Medical and Health Services Managers,12440,"
    "188926,163943,104421,231179\n"
    "1,36,New York State,53-3052,Bus Drivers, Transit,16600,76104,89753,54546,86882\n"
    "1,36,New York State,29-1211,Anesthesiologists,2210,321243,,98912,\n"
).replace("Bus Drivers, Transit", '"Bus Drivers, Transit"')


def test_new_york_layout(tmp_path):
    path = tmp_path / "oews-newyork.csv"
    path.write_text(NY_CSV)
    rows = load_ny_wages(path)
    city = rows[rows["location"] == "New York City, NY"].iloc[0]
    assert (city["low"], city["median"], city["high"]) == (104421, 163943, 231179)
    assert city["source"] == "NY State DOL wages, 11-9111 (New York City)"
    bus = rows[rows["title"] == "Bus Drivers, Transit"].iloc[0]
    assert pd.isna(bus["median"]) and "median" in bus["notes"]  # median above experienced
    doctors = rows[rows["title"] == "Anesthesiologists"].iloc[0]
    assert doctors["low"] == 98912 and pd.isna(doctors["high"])
    assert "No experienced wage" in doctors["notes"]
    assert list(load_ny_wages(path, area="city")["location"]) == ["New York City, NY"]


def test_wage_table_layout_is_detected(tmp_path, bls_xlsx):
    (tmp_path / "ny.csv").write_text(NY_CSV)
    assert load_wage_table(tmp_path / "ny.csv")["source"][0].startswith("NY State DOL")
    assert load_wage_table(bls_xlsx, occupation="11-9111")["median"][0] == 110680
    (tmp_path / "other.csv").write_text("Company,Role,Pay\nAcme,Manager,85000\n")
    with pytest.raises(SalaryDataError, match="choose which of its columns hold the pay"):
        load_wage_table(tmp_path / "other.csv")


def postings() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Job ID": [1, 2, 3, 4, 5],
            "Business Title": [
                "Account Manager",
                "Supervisor â€“ Downstate",
                "Public Health Nurse",
                "Per Diem Psychiatrist",
                "Security Analyst",
            ],
            "Salary Range From": ["42405", "66390", "32.11", "496.88", "0"],
            "Salary Range To": ["65485", "97379", "36.93", "496.88", "95000"],
            "Salary Frequency": ["Annual", "Annual", "Hourly", "Daily", "Annual"],
            "Work Location": ["100 Gold Street"] * 5,
            "Posting Date": ["2013-10-24T00:00:00.000"] * 4 + [None],
        }
    )


def test_posting_ranges_with_mixed_frequencies():
    rows = load_posting_ranges(
        postings(),
        low="Salary Range From",
        high="Salary Range To",
        frequency="Salary Frequency",
        title="Business Title",
        location="Work Location",
        date="Posting Date",
    )
    assert list(rows["period"]) == ["annual", "annual", "hourly", "daily", "annual"]
    assert rows["title"][1] == "Supervisor – Downstate"  # mis-decoded dash repaired
    assert (rows["low"][2], rows["high"][2]) == (pytest.approx(32.11 * 2080), 36.93 * 2080)
    daily = rows.iloc[3]
    assert daily["median"] == pytest.approx(496.88 * 260) and pd.isna(daily["low"])
    up_to = rows.iloc[4]
    assert pd.isna(up_to["low"]) and up_to["high"] == 95000
    assert rows["collected_on"][0] == pd.Timestamp("2013-10-24")
    assert rows["source"][0] == "Job posting: Account Manager"


def test_posting_problems_are_reported_not_dropped():
    frame = postings()
    frame.loc[0, "Salary Frequency"] = "Quarterly"
    frame.loc[1, "Salary Range To"] = "lots"
    kwargs = {"low": "Salary Range From", "high": "Salary Range To"}
    with pytest.raises(ResearchRowsError) as caught:
        load_posting_ranges(frame, frequency="Salary Frequency", **kwargs)
    assert {(p.row, p.column) for p in caught.value.problems} == {(2, "period"), (3, "high")}
    rows, problems = load_posting_ranges(
        frame, frequency="Salary Frequency", errors="skip", **kwargs
    )
    assert len(rows) == 3 and len(problems) == 2
    with pytest.raises(SalaryDataError, match="no column 'Pay'"):
        load_posting_ranges(frame, low="Pay", high="Salary Range To", frequency="Salary Frequency")


LOADERS = [load_bls_oews, load_ny_wages, load_wage_table]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("utf16.csv", "OCC_CODE,OCC_TITLE,A_MEDIAN\n".encode("utf-16"), "UTF-16"),
        ("short.csv", b"OCC_CODE,OCC_TITLE,A_MEDIAN\n11-9111,Managers,1,2\n", "row 2 has more"),
        ("table.pdf", b"%PDF-1.4", "not a CSV or Excel file"),
    ],
    ids=["empty", "wrong encoding", "malformed row", "wrong type of file"],
)
def test_wage_loaders_refuse_bad_files(tmp_path, loader, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(SalaryDataError, match=message):
        loader(tmp_path / name)


@pytest.mark.parametrize("loader", LOADERS)
def test_wage_loaders_refuse_huge_files_and_wrong_types(tmp_path, monkeypatch, loader):
    monkeypatch.setattr("prep_lib.salary.reading.FILE_LIMIT", 1000)
    (tmp_path / "big.csv").write_text("OCC_CODE\n" + "11-9111\n" * 200)
    with pytest.raises(SalaryDataError, match="larger than"):
        loader(tmp_path / "big.csv")
    with pytest.raises(SalaryDataError, match="file path or an upload, not as int"):
        loader(42)


def test_hostile_titles_stay_plain_text(tmp_path):
    table = bls_table()
    table.loc[3, "OCC_TITLE"] = "<script>alert('x')</script> Managers"
    table.to_csv(tmp_path / "bls.csv", index=False)
    rows = load_bls_oews(tmp_path / "bls.csv", occupation="11-9111")
    assert rows["title"][0] == "<script>alert('x')</script> Managers"


def test_postings_must_be_a_table():
    with pytest.raises(SalaryDataError, match="must be a table"):
        load_posting_ranges("NYC_Jobs.csv", low="a", high="b", frequency="c")


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read(monkeypatch):
    """A few MB on disk, 1 GB of sheet XML inside: refused at once, never given to pandas."""
    from hostile_files import Repeated, write_zip

    def never(*_args, **_kwargs):
        raise AssertionError("pandas was asked to read the bomb")

    monkeypatch.setattr(pd, "read_excel", never)
    sheet = Repeated(b"<worksheet><sheetData>", b"<row><c><v>1</v></c></row>", 40_000_000)
    bomb = write_zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet})
    assert len(bomb) < 20 * 2**20
    with pytest.raises(SalaryDataError, match=r"wages\.xlsx"):
        load_bls_oews(("wages.xlsx", bomb))
