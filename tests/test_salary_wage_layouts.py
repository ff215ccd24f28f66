"""Every published wage-table layout loads, with a report of what was read, kept and left out.

The fixtures copy the layouts of the real files (column names, markers, header spellings),
with made-up figures: BLS OEWS May 2021–2023 national, state and metropolitan tables (and the
all-industries "all data" layout), New York State's and Washington State's tables, and tables
in no known layout read through a column mapping (New York City's postings among them).
"""

import io

import pandas as pd
import pytest

from prep_lib.errors import SalaryDataError
from prep_lib.salary import (
    ColumnMapping,
    load_bls_oews,
    load_wage_table,
    read_mapped_table,
    read_wage_table,
    recommend_ask,
)

ALL_COLUMNS = [
    *("AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP"),
    *("OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000"),
    *("LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE"),
    *("H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"),
    *("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"),
]
AREAS = {  # AREA, AREA_TITLE, AREA_TYPE, PRIM_STATE
    "national": ("99", "U.S.", "1", "US"),
    "ohio": ("39", "Ohio", "2", "OH"),
    "washington": ("53", "Washington", "2", "WA"),
    "columbus": ("18140", "Columbus, OH", "4", "OH"),
    "nonmetro": ("3900002", "West Northwestern Ohio nonmetropolitan area", "6", "OH"),
}
# code, title, group, (H_MEAN, A_MEAN), hourly percentiles, annual percentiles, ANNUAL, HOURLY
OCCUPATIONS = [
    ("00-0000", "All Occupations", "total", ("28.01", "58,260"),
     ("13.46", "16.82", "21.81", "33.04", "51.76"),
     ("28,000", "35,000", "45,000", "69,000", "108,000"), "", ""),
    ("11-1011", "Chief Executives", "detailed", ("102.41", "213,020"),
     ("38.15", "61.29", "#", "#", "#"), ("79,350", "127,480", "#", "#", "#"), "", ""),
    ("11-9111", "Medical and Health Services Managers", "detailed", ("57.61", "119,840"),
     ("29.98", "38.25", "50.40", "66.72", "97.89"),
     ("62,350", "79,550", "104,830", "138,780", "203,600"), "", ""),
    ("25-2021", "Elementary School Teachers, Except Special Education", "detailed", ("*", "65,420"),
     ("*",) * 5, ("41,150", "49,360", "61,350", "78,010", "99,420"), "TRUE", ""),
    ("27-2011", "Actors", "detailed", ("27.73", "*"),
     ("10.69", "14.08", "23.51", "38.63", "66.03"), ("*",) * 5, "", "TRUE"),
    ("41-9012", "Models", "detailed", ("18.63", "38,750"), ("*",) * 5, ("*",) * 5, "", ""),
    ("45-3031", "Fishing and Hunting Workers", "detailed", ("*", "*"), ("*",) * 5, ("*",) * 5,
     "", ""),
]  # fmt: skip


def bls_file(areas=("national",), *, lower=False, industries=False, drop=()) -> pd.DataFrame:
    """A BLS OEWS table in the all-areas layout of May 2021–2023."""
    records = []
    for area in areas:
        code, title, kind, state = AREAS[area]
        for occ, occ_title, group, means, hourly, annual, annual_only, hourly_only in OCCUPATIONS:
            for naics, naics_title, i_group in [("000000", "Cross-industry", "cross-industry")] + (
                [("622000", "Hospitals", "3-digit")] if industries else []
            ):
                record = dict.fromkeys(ALL_COLUMNS, "")
                record |= dict(AREA=code, AREA_TITLE=title, AREA_TYPE=kind, PRIM_STATE=state)
                record |= dict(NAICS=naics, NAICS_TITLE=naics_title, I_GROUP=i_group)
                record |= dict(OWN_CODE="1235", OCC_CODE=occ, OCC_TITLE=occ_title, O_GROUP=group)
                record |= dict(TOT_EMP="**" if kind == "4" else "12,340", EMP_PRSE="2.1")
                record |= dict(H_MEAN=means[0], A_MEAN=means[1])
                record |= dict(zip(ALL_COLUMNS[20:25], hourly, strict=True))
                record |= dict(zip(ALL_COLUMNS[25:30], annual, strict=True))
                record |= dict(ANNUAL=annual_only, HOURLY=hourly_only)
                records.append(record)
    table = pd.DataFrame(records).drop(columns=list(drop))
    if lower:
        table.columns = [c.lower() for c in table.columns]
    return table


def xlsx(table: pd.DataFrame) -> bytes:
    data = io.BytesIO()
    with pd.ExcelWriter(data) as writer:
        table.to_excel(writer, sheet_name="All May 2021 data", index=False)
        pd.DataFrame({"Field": ["area"]}).to_excel(writer, sheet_name="Field Descriptions")
    return data.getvalue()


LAYOUTS = [
    ("national_M2021_dl.xlsx", bls_file(lower=True), "BLS OEWS May 2021, national table"),
    ("national_M2022_dl.xlsx", bls_file(), "BLS OEWS May 2022, national table"),
    ("national_M2023_dl.xlsx", bls_file(drop=ALL_COLUMNS[:8]), "BLS OEWS May 2023, national"),
    ("state_M2021_dl.xlsx", bls_file(["ohio", "washington"], lower=True), "May 2021, state"),
    ("state_M2022_dl.csv", bls_file(["ohio", "washington"]), "BLS OEWS May 2022, state table"),
    ("state_M2023_dl.xlsx", bls_file(["ohio", "washington"]), "BLS OEWS May 2023, state table"),
    ("MSA_M2021_dl.csv", bls_file(["columbus"], lower=True), "May 2021, metropolitan table"),
    ("MSA_M2022_dl.xlsx", bls_file(["columbus"]), "BLS OEWS May 2022, metropolitan table"),
    ("MSA_M2023_dl.xlsx", bls_file(["columbus", "nonmetro"]), "May 2023, all areas table"),
    ("all_data_M_2023.xlsx", bls_file(["national", "ohio"], industries=True), "all areas"),
]


def upload(name: str, table: pd.DataFrame) -> tuple[str, bytes]:
    if name.endswith(".xlsx"):
        return name, xlsx(table)
    return name, table.to_csv(index=False).encode()


@pytest.mark.parametrize(("name", "table", "layout"), LAYOUTS, ids=[n for n, _, _ in LAYOUTS])
def test_every_bls_layout_loads_with_a_report(name, table, layout):
    imported = read_wage_table(upload(name, table))
    report, rows = imported.report, imported.rows
    areas = table.iloc[:, 1].nunique() if "AREA_TITLE" in table.columns.str.upper() else 1
    assert layout in report.layout
    assert report.rows_read == len(table)
    assert report.rows_kept == len(rows) == 6 * areas  # every occupation but the empty one
    skipped = dict(report.skipped)
    assert skipped["no wage published (every wage cell is * or blank)"] == areas
    assert any("only a mean wage" in note and "Models" in note for note in report.notes)
    models = rows[rows["title"] == "Models"].iloc[0]
    assert models["median"] == 38_750 and pd.isna(models["low"]) and pd.isna(models["high"])
    assert "Only the mean wage was published" in models["notes"]
    assert str(report).startswith(f"{name} (")


def test_national_tables_say_united_states_and_use_each_years_top_code():
    rows_2021 = read_wage_table(upload("national_M2021_dl.xlsx", bls_file(lower=True))).rows
    rows_2022 = read_wage_table(upload("national_M2022_dl.xlsx", bls_file())).rows
    chiefs = [r[r["title"] == "Chief Executives"].iloc[0] for r in (rows_2021, rows_2022)]
    assert [c["high"] for c in chiefs] == [208_000, 239_200]
    assert "at least $208,000 a year or $100.00 an hour" in chiefs[0]["notes"]
    assert all(c["top_coded"] for c in chiefs)
    assert set(rows_2021["location"]) == {"United States"}
    assert rows_2021["source"][0] == "BLS OEWS May 2021, 00-0000 (United States)"


def test_a_table_without_a_year_in_its_name_says_which_top_code_it_used():
    report = read_wage_table(upload("wages.xlsx", bls_file())).report
    assert any("$239,200" in note for note in report.notes)


def test_hourly_only_and_annual_only_occupations():
    rows = read_wage_table(upload("state_M2022_dl.csv", bls_file(["ohio"]))).rows.set_index("title")
    assert rows.loc["Actors", "period"] == "hourly"
    assert rows.loc["Actors", "median"] == pytest.approx(23.51 * 2080)
    teachers = rows.loc["Elementary School Teachers, Except Special Education"]
    assert teachers["period"] == "annual" and teachers["median"] == 61_350


def test_state_and_metro_tables_filter_by_area_and_occupation():
    table = bls_file(["ohio", "washington", "columbus"])
    imported = read_wage_table(upload("MSA_M2023_dl.csv", table), occupation="11-9111",
                               area="columbus")  # fmt: skip
    assert list(imported.rows["location"]) == ["Columbus, OH"]
    assert dict(imported.report.skipped) == {
        "other occupations or areas than the ones asked for": len(table) - 1
    }


def test_industry_rows_are_left_out_when_all_industry_rows_exist():
    table = bls_file(["national"], industries=True)
    report = read_wage_table(upload("all_data_M_2023.xlsx", table)).report
    assert dict(report.skipped)["rows for single industries (all-industry kept)"] == 7
    assert report.rows_kept == 6


def test_a_table_with_only_the_median():
    table = bls_file()[["OCC_CODE", "OCC_TITLE", "A_MEDIAN"]]
    imported = read_wage_table(upload("national_M2022_dl.csv", table))
    rows = imported.rows.set_index("title")
    assert rows.loc["Medical and Health Services Managers", "median"] == 104_830
    assert pd.isna(rows.loc["Medical and Health Services Managers", "low"])
    assert imported.report.rows_kept == 4  # actors, models and fishers publish * only
    assert rows.loc["Chief Executives", "top_coded"]


def test_a_value_that_is_no_number_leaves_its_row_out_not_the_file():
    table = bls_file()
    table.loc[2, "A_MEDIAN"] = "n.a."
    imported = read_wage_table(upload("national_M2022_dl.csv", table))
    assert imported.report.rows_kept == 5
    assert "neither numbers nor BLS markers" in str(imported.report)
    assert "Medical and Health Services Managers" not in set(imported.rows["title"])


def test_bls_rows_feed_the_ask():
    rows = load_bls_oews(upload("state_M2021_dl.xlsx", bls_file(["ohio"], lower=True)))
    ask = recommend_ask(rows[rows["title"].str.contains("Health Services")], years=5)
    assert 79_550 <= ask.target <= 138_780


WASHINGTON = (
    "ID,Year,Area code,Area name,SOC code,Occupational title,Employment,Average wage,"
    "25th Percentile,50th Percentile,75th Percentile,Annual wage\n"
    "1,2022,000053,Washington,11-1011,Chief Executives,2992,134.42,82.20,,,279590.00\n"
    "2,2022,000053,Washington,11-1031,Legislators,1318,,,,,119380.00\n"
    "3,2022,000053,Washington,11-9111,Medical and Health Services Managers,5547,66.62,47.28,"
    "60.50,78.26,138580.00\n"
    "4,2022,000053,Washington,17-3028,Calibration Technologists and Technicians,94,,,,,\n"
    '5,2022,042660,"Seattle-Tacoma-Bellevue, WA",11-9111,Medical and Health Services '
    "Managers,3820,70.10,47.91,61.84,80.04,145810.00\n"
)


def test_washington_layout_hourly_percentiles_and_a_mean():
    imported = read_wage_table(("oews-washington.csv", WASHINGTON.encode()))
    report = imported.report
    assert (report.rows_read, report.rows_kept) == (5, 4)
    assert report.layout == "Washington State ESD wages 2022"
    assert dict(report.skipped) == {"no wage published (blank)": 1}
    rows = imported.rows.set_index("source")
    managers = rows.loc["Washington ESD wages 2022, 11-9111 (Washington)"]
    assert managers["median"] == pytest.approx(60.50 * 2080)
    assert managers["p25"] == pytest.approx(47.28 * 2080) and managers["period"] == "hourly"
    assert "The mean is $138,580 a year." in managers["notes"]
    legislators = rows.loc["Washington ESD wages 2022, 11-1031 (Washington)"]
    assert legislators["median"] == 119_380 and legislators["period"] == "annual"
    chiefs = rows.loc["Washington ESD wages 2022, 11-1011 (Washington)"]
    assert chiefs["p25"] == pytest.approx(82.20 * 2080) and pd.isna(chiefs["median"])
    assert "Not published: the 50th, 75th percentile." in chiefs["notes"]
    seattle = read_wage_table(("wa.csv", WASHINGTON.encode()), area="Seattle").rows
    assert list(seattle["location"]) == ["Seattle-Tacoma-Bellevue, WA"]


def test_new_york_rows_without_any_wage_are_left_out_and_counted():
    csv = (
        "Area Type, Area, Area Name, Standard Occupational Code, Occupational Title, Employment,"
        "Mean Wage, Median Wage, Entry Wage, Experienced Wage   \n"
        "1,36,New York State,11-9111,Medical and Health Services Managers,25430,175024,140752,"
        "93508,215783\n"
        "1,36,New York State,45-3031,Fishing and Hunting Workers,,,,,\n"
    )
    imported = read_wage_table(("oews-newyork.csv", csv.encode()))
    assert imported.report.rows_kept == 1
    assert dict(imported.report.skipped) == {"no wage published (blank)": 1}


NYC = (
    "Job ID,Agency,Posting Type,Business Title,Salary Range From,Salary Range To,"
    "Salary Frequency,Work Location,Posting Date\n"
    "87990,DEPT OF BUSINESS SERV.,Internal,Account Manager,42405,65485,Annual,"
    "110 William St.,2013-10-24T00:00:00.000\n"
    "132292,NYC HOUSING AUTHORITY,External,Supervisor â€“ Downstate,51907.68,54580.32,Annual,"
    "Manhattan,2014-01-09T00:00:00.000\n"
    "201412,HRA/DEPT OF SOCIAL SERVICES,Internal,Temporary Painter,35,35,Hourly,Bronx,"
    "2015-06-01T00:00:00.000\n"
    "190001,DEPT OF HEALTH,External,Per Diem Doctor,496.88,496.88,Daily,Queens,\n"
    "190002,DEPT OF HEALTH,External,Public Health Nurse,26.104,30.0378,Hourly,Queens,\n"
    "190003,DEPT OF TRANSPORTATION,External,Analyst,0,95000,Annual,Queens,"
    "NYCHA has no residency requirement.\n"
    "190004,DEPT OF TRANSPORTATION,External,Planner,60000,55000,Annual,Queens,\n"
)
NYC_MAPPING = ColumnMapping(
    low="Salary Range From",
    high="Salary Range To",
    period_column="Salary Frequency",
    title="Business Title",
    location="Work Location",
    date="Posting Date",
    source_name="NYC Jobs",
    source_kind="posting",
)


def test_new_york_city_postings_through_a_column_mapping():
    imported = read_mapped_table(("NYC_Jobs.csv", NYC.encode("utf-8")), NYC_MAPPING)
    report, rows = imported.report, imported.rows.set_index("title")
    assert (report.rows_read, report.rows_kept, report.rows_skipped) == (7, 6, 1)
    assert dict(report.skipped) == {"low: low is above high (e.g. '60000')": 1}
    assert "1 row(s) give 0 as the lowest pay" in str(report)
    assert "1 date(s) not written like 2026-11-05" in str(report)
    assert rows.loc["Supervisor – Downstate", "low"] == 51_907.68  # mis-decoded dash repaired
    assert rows.loc["Temporary Painter", "median"] == 35 * 2080
    assert rows.loc["Per Diem Doctor", "median"] == pytest.approx(496.88 * 260)
    assert rows.loc["Public Health Nurse", "low"] == pytest.approx(26.104 * 2080)  # not 26,104
    assert pd.isna(rows.loc["Analyst", "low"]) and rows.loc["Analyst", "high"] == 95_000
    assert rows.loc["Account Manager", "source"] == "NYC Jobs: Account Manager"
    assert set(rows["source_kind"]) == {"posting"}


def test_a_european_csv_through_a_mapping_is_never_read_as_thirty():
    csv = "Firma;Stelle;Von;Bis\nAcme;Controller;30.000;35.000\nBeta;Analyst;42.500;48.000\n"
    csv = csv.replace(";", ",")
    mapping = ColumnMapping(low="Von", high="Bis", currency="EUR", title="Stelle")
    rows = read_mapped_table(("gehalt.csv", csv.encode()), mapping).rows
    assert list(rows["low"]) == [30_000, 42_500] and list(rows["high"]) == [35_000, 48_000]


def test_a_mapping_reads_pay_as_people_write_it():
    csv = (
        "Company,Role,Pay,Every,Money\n"
        'Acme,Manager,"$85,000",year,USD\n'
        "Beta,Lead,85K,Annual,usd\n"
        "Gamma,Clerk,$22.50,per hour,USD\n"
        "Delta,Odd,lots,year,USD\n"
    )
    mapping = ColumnMapping(median="Pay", period_column="Every", currency_column="Money",
                            title="Role", source_name="Friends' survey")  # fmt: skip
    imported = read_mapped_table(("survey.csv", csv.encode()), mapping)
    assert list(imported.rows["median"]) == [85_000, 85_000, 22.5 * 2080]
    assert imported.rows["source"][0] == "Friends' survey: Manager"
    (reason,) = dict(imported.report.skipped)
    assert reason.startswith("median: No pay figure found")


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (ColumnMapping(low="Minimum"), "no column 'Minimum'"),
        (ColumnMapping(title="Role"), "at least one column of pay"),
        (ColumnMapping(median="Pay", period="fortnight-ish"), "Unknown period"),
        (ColumnMapping(median="Pay", source_kind="gossip"), "Unknown kind of source"),
    ],
)
def test_a_bad_mapping_is_a_clear_error(mapping, message):
    with pytest.raises(SalaryDataError, match=message):
        read_mapped_table(("survey.csv", b"Company,Role,Pay\nAcme,Manager,85000\n"), mapping)


def test_an_unknown_layout_points_to_the_mapping():
    with pytest.raises(SalaryDataError, match="read_mapped_table"):
        load_wage_table(("survey.csv", b"Company,Role,Pay\nAcme,Manager,85000\n"))
