"""The second-interview plan: one brief per interviewer, what to rehearse, the ask, the checklist.

``build_plan(log, application_id, round_id)`` reads the interview log and returns a ``Plan``:

- for each interviewer of the round: who they are, two or three fresh stories (told to nobody at
  the company yet, the best fit for the posting first, and first of all those proving a key term
  the resume misses; ranked by ``prep_lib.stories``), three to five questions to ask that suit
  their role and were not asked before at this company, and the facts they already heard from you;
- for the round: the questions you rated low before and the common second-round questions, each
  with the outline of a story that answers it, weakest first; facts told differently to different
  people; the salary ask; the checklist, with what the log shows as done;
- after the round: a thank-you draft per interviewer naming what you discussed.

Building reads the log and never writes to it. One module per part:

- ``content``: the editable words (``prep_lib/data/plan_content.toml``) and their checks;
- ``model``: the typed records (``Plan``, ``Brief``, ``ChecklistEntry``...);
- ``build``: ``build_plan``, and the rehearsal list;
- ``rounds``: the application and round a plan is for, checked, and the next round;
- ``questions``: the kind of each interviewer and the questions to ask them;
- ``checklist``: the round's checklist, the standard items merged with the logged ones;
- ``thank_yous``: the thank-you drafts;
- ``render``: Markdown, printable HTML and calendar (.ics) exports, and ``save``;
- ``dates``: the log's dates as dates, and as a person reads them.
"""

from prep_lib.plan.build import build_plan, rehearsal_items
from prep_lib.plan.checklist import checklist_entries
from prep_lib.plan.content import CONTENT_PATH, KINDS, Content, load_content
from prep_lib.plan.model import (
    Brief,
    ChecklistEntry,
    Plan,
    QuestionToAsk,
    RehearsalItem,
    ThankYouDraft,
)
from prep_lib.plan.questions import QUESTIONS_PER_PERSON, interviewer_kind
from prep_lib.plan.render import EXPORT_FORMATS
from prep_lib.plan.rounds import next_round
from prep_lib.stories import MIN_STORY_FIT, STORIES_PER_PERSON, StoryIdea

__all__ = [
    "CONTENT_PATH",
    "EXPORT_FORMATS",
    "KINDS",
    "MIN_STORY_FIT",
    "QUESTIONS_PER_PERSON",
    "STORIES_PER_PERSON",
    "Brief",
    "ChecklistEntry",
    "Content",
    "Plan",
    "QuestionToAsk",
    "RehearsalItem",
    "StoryIdea",
    "ThankYouDraft",
    "build_plan",
    "checklist_entries",
    "interviewer_kind",
    "load_content",
    "next_round",
    "rehearsal_items",
]
