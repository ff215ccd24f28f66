"""The log's tables and how an older file is brought up to date.

The schema carries its version in ``PRAGMA user_version``. Each entry of ``MIGRATIONS`` upgrades
a file by one version; a file at version n gets ``MIGRATIONS[n:]`` applied, in one transaction,
keeping its data. Never edit a released entry: add a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: applications, rounds, people, stories and everything said in the rooms
        """CREATE TABLE application (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL, company_key TEXT NOT NULL,
            role TEXT NOT NULL, role_key TEXT NOT NULL,
            posting_text TEXT NOT NULL DEFAULT '', posting_path TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '', applied_on TEXT,
            UNIQUE (company_key, role_key))""",
        """CREATE TABLE round (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            name TEXT NOT NULL, name_key TEXT NOT NULL, date TEXT,
            format TEXT NOT NULL DEFAULT '', agenda TEXT NOT NULL DEFAULT '',
            UNIQUE (application_id, name_key))""",
        """CREATE TABLE interviewer (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            name TEXT NOT NULL, name_key TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '', team TEXT NOT NULL DEFAULT '',
            tenure TEXT NOT NULL DEFAULT '', background TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            UNIQUE (application_id, name_key))""",
        """CREATE TABLE round_interviewer (
            round_id INTEGER NOT NULL REFERENCES round(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            PRIMARY KEY (round_id, interviewer_id))""",
        """CREATE TABLE story (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL, title_key TEXT NOT NULL UNIQUE,
            situation TEXT NOT NULL, task TEXT NOT NULL, action TEXT NOT NULL,
            result TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '[]')""",
        """CREATE TABLE story_use (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES story(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            round_id INTEGER NOT NULL REFERENCES round(id),
            told_on TEXT, landed TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX story_use_by_story ON story_use (story_id, interviewer_id)",
        "CREATE INDEX story_use_by_interviewer ON story_use (interviewer_id)",
        """CREATE TABLE question_asked (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES round(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            text TEXT NOT NULL, category TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5))""",
        """CREATE TABLE my_question (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            text TEXT NOT NULL, category TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE my_question_ask (
            id INTEGER PRIMARY KEY,
            question_id INTEGER NOT NULL REFERENCES my_question(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            round_id INTEGER NOT NULL REFERENCES round(id),
            answer TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE fact (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES round(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            topic TEXT NOT NULL, value TEXT NOT NULL)""",
        """CREATE TABLE thank_you (
            id INTEGER PRIMARY KEY,
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            round_id INTEGER NOT NULL REFERENCES round(id),
            due TEXT NOT NULL, sent_on TEXT, channel TEXT NOT NULL DEFAULT '',
            topic TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE reference (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            name TEXT NOT NULL, name_key TEXT NOT NULL,
            relationship TEXT NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '',
            permission INTEGER NOT NULL DEFAULT 0, contacted_on TEXT,
            approached_by_employer INTEGER NOT NULL DEFAULT 0,
            asked_about TEXT NOT NULL DEFAULT '',
            UNIQUE (application_id, name_key))""",
    ),
    (  # 2: a story's metrics; a checklist per round
        "ALTER TABLE story ADD COLUMN metrics TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE checklist_item (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES round(id),
            item TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)""",
    ),
    (  # 3: answers rehearsed before a round, with a self-rating
        """CREATE TABLE rehearsal (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            question TEXT NOT NULL, question_key TEXT NOT NULL,
            answer TEXT NOT NULL DEFAULT '',
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            practiced_on TEXT NOT NULL)""",
    ),
    (  # 4: the application as the unit of a job search: the resume and the posting it was
        # compared with, the posting's pay range (as typed, in its own period), the company's
        # other postings, the status history, the salary choices its ask is made from, and the
        # text of a thank-you note as edited. (The application's old status and applied_on
        # columns are moved into the history and no longer written.)
        "ALTER TABLE application ADD COLUMN posting_name TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE application ADD COLUMN resume_text TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE application ADD COLUMN resume_name TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE application ADD COLUMN pay_low REAL",
        "ALTER TABLE application ADD COLUMN pay_high REAL",
        "ALTER TABLE application ADD COLUMN pay_currency TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE application ADD COLUMN pay_period TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE application ADD COLUMN pay_text TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE application ADD COLUMN candidate TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE application ADD COLUMN salary_choices TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE company_posting (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            name TEXT NOT NULL, text TEXT NOT NULL)""",
        """CREATE TABLE application_status (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            status TEXT NOT NULL, date TEXT)""",
        """INSERT INTO application_status (application_id, status, date)
           SELECT id, 'applied', applied_on FROM application WHERE applied_on IS NOT NULL""",
        """INSERT INTO application_status (application_id, status, date)
           SELECT id, lower(trim(status)), NULL FROM application
           WHERE lower(trim(status)) IN ('first round', 'second round', 'offer', 'rejected',
                                         'withdrawn')""",
        "ALTER TABLE thank_you ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    ),
    (  # 5: what you know about the company and what comes after the rooms (prep_lib.log.company):
        # research notes, people you talked to, presentations and other tasks of a round, news
        # for a follow-up, the scan history of resume versions, pay packages (offer, current job)
        """CREATE TABLE research_note (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            topic TEXT NOT NULL, note TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '', noted_on TEXT)""",
        """CREATE TABLE contact (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            name TEXT NOT NULL, name_key TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '', relationship TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '', talked_on TEXT,
            told_me TEXT NOT NULL DEFAULT '', referred_me INTEGER NOT NULL DEFAULT 0,
            UNIQUE (application_id, name_key))""",
        """CREATE TABLE round_task (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES round(id),
            kind TEXT NOT NULL, topic TEXT NOT NULL, minutes REAL,
            known TEXT NOT NULL DEFAULT '', practice TEXT NOT NULL DEFAULT '',
            materials TEXT NOT NULL DEFAULT '', outline TEXT NOT NULL DEFAULT '[]')""",
        """CREATE TABLE news (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            text TEXT NOT NULL, noted_on TEXT)""",
        """CREATE TABLE scan (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            scanned_at TEXT NOT NULL, resume_label TEXT NOT NULL DEFAULT '',
            resume_hash TEXT NOT NULL, posting_hash TEXT NOT NULL,
            score REAL NOT NULL, missing TEXT NOT NULL DEFAULT '[]')""",
        """CREATE TABLE package (
            id INTEGER PRIMARY KEY,
            application_id INTEGER REFERENCES application(id),
            label TEXT NOT NULL, base REAL NOT NULL, bonus REAL NOT NULL DEFAULT 0,
            equity REAL NOT NULL DEFAULT 0, retirement REAL NOT NULL DEFAULT 0,
            leave_days REAL NOT NULL DEFAULT 0, other REAL NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT '', currency TEXT NOT NULL DEFAULT 'USD',
            received_on TEXT)""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
# Every table, parents before children (the order a restore inserts them in).
TABLES = (
    "application", "round", "interviewer", "round_interviewer", "story", "story_use",
    "question_asked", "my_question", "my_question_ask", "fact", "thank_you", "reference",
    "checklist_item", "rehearsal", "company_posting", "application_status",
    "research_note", "contact", "round_task", "news", "scan", "package",
)  # fmt: skip
# What a user calls a row of each table, in messages.
NOUNS = {
    "application": "application",
    "round": "round",
    "interviewer": "interviewer",
    "story": "story",
    "my_question": "question of yours",
    "thank_you": "thank-you note",
    "reference": "reference",
    "checklist_item": "checklist item",
    "rehearsal": "rehearsal",
    "story_use": "story told",
    "question_asked": "question asked of you",
    "my_question_ask": "time you asked one of your questions",
    "fact": "fact stated",
    "company_posting": "company posting",
    "application_status": "status",
    "research_note": "research note",
    "contact": "contact",
    "round_task": "presentation, case or test",
    "news": "piece of news",
    "scan": "comparison",
    "package": "pay package",
}
