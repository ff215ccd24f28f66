"""The interview log: whom you met, what you told them, what you asked, and what is still to do.

One SQLite file (stdlib ``sqlite3``) in the user's data folder holds every application (company and
role), its rounds and interviewers, the candidate's STAR stories and who heard which, questions both
ways, facts stated, thank-you notes, references and checklists. Interviewers compare notes, so the
queries answer what a candidate must not get wrong: which stories a panel has not heard yet, which
facts were told differently to different people, what is overdue. The log stores and looks up; it
ranks nothing (which unheard story fits a posting best is ``prep_lib.stories``' job).

Ids are ints; dates are ``datetime.date`` (or ``YYYY-MM-DD`` text) in and ``YYYY-MM-DD`` text in
the tables out. ``InterviewLog`` is assembled from one part per job, each in its own module:

- ``schema``: the tables and the migrations that bring an older file up to date;
- ``checks``: checking what the user typed (``FieldError`` names the input at fault);
- ``store``: the SQLite file, its transactions, and errors about the file itself;
- ``applications``: an application and what it keeps (resume, posting, pay range, the company's
  other postings, status history);
- ``entries``: adding and updating entries (``add_...``, ``record_...``, ``mark_...``);
- ``edits``: editing and deleting any entry (``edit``, ``removal``, ``delete``, ``undo``);
- ``lookups``: the queries (``stories``, ``story_grid``, ``fact_conflicts``, ``thank_yous_due``...);
- ``backups``: the JSON backup format, automatic backups kept in rotation, reading a backup;
- ``validate``: checking every row of a backup (or of a salvage) before it enters a log;
- ``company``: research notes, contacts, presentations and other round tasks, news, the scan
  history and pay packages (``vcards`` writes the people as a .vcf file);
- ``rescue``: ``backup()``, ``restore()``, ``check()``, ``salvage()`` of a damaged file;
- ``exchange``: CSV export and seed files (and, here, ``open_demo_log``).
"""

from __future__ import annotations

import datetime as dt
import os

from prep_lib.log.applications import MAX_DOCUMENT_CHARS, STATUSES, Applications
from prep_lib.log.backups import BACKUP_FORMAT, KEEP
from prep_lib.log.checks import FieldError
from prep_lib.log.company import PACKAGE_PARTS, RESEARCH_TOPICS, TASK_KINDS, Company
from prep_lib.log.edits import Edits, Removal
from prep_lib.log.entries import Entries
from prep_lib.log.exchange import SEED_FILE, Exchange
from prep_lib.log.lookups import Lookups
from prep_lib.log.rescue import Rescue, SalvageReport, put_in_place
from prep_lib.log.schema import MIGRATIONS, SCHEMA_VERSION, TABLES
from prep_lib.log.store import BUSY_TIMEOUT_S, LOG_FILE, DamagedLogError, Store
from prep_lib.paths import sample_path, user_path

DEMO_FILE = "demo_interview_log.sqlite"
# "Today" for the sample candidate: after the first round, a few days before the second, so the
# demo shows an overdue thank-you and an upcoming round whatever the real date is.
DEMO_TODAY = dt.date(2026, 11, 28)


class InterviewLog(Exchange, Rescue, Edits, Entries, Applications, Company, Lookups, Store):
    """The interview log in one SQLite file; ``path=None`` is the user's data folder's log.

    Open it once per notebook; ``close()`` it (or use ``with``) when done. Several notebooks may
    have the same file open: writes wait for each other for up to ``BUSY_TIMEOUT_S`` seconds.
    Its methods come from one module per job (see the package's docstring).
    """


def open_demo_log(path: str | os.PathLike[str] | None = None) -> InterviewLog:
    """The sample candidate's log, in the data folder: created from the seed on first use and
    reused afterwards (so what you add in the notebooks stays).

    Use it with ``today=DEMO_TODAY`` in date-dependent queries to see what the sample candidate
    sees. ``log.find_application("Larkspur Valley Health")`` gives the application's id.
    """
    log = InterviewLog(path if path is not None else user_path(DEMO_FILE))
    try:
        log.import_seed(sample_path(SEED_FILE), reuse=True)
    except BaseException:
        log.close()
        raise
    return log


__all__ = [
    "BACKUP_FORMAT",
    "BUSY_TIMEOUT_S",
    "DEMO_FILE",
    "DEMO_TODAY",
    "KEEP",
    "LOG_FILE",
    "MAX_DOCUMENT_CHARS",
    "MIGRATIONS",
    "PACKAGE_PARTS",
    "RESEARCH_TOPICS",
    "SCHEMA_VERSION",
    "SEED_FILE",
    "STATUSES",
    "TABLES",
    "TASK_KINDS",
    "DamagedLogError",
    "FieldError",
    "InterviewLog",
    "Removal",
    "SalvageReport",
    "open_demo_log",
    "put_in_place",
]
