"""Conversation exercises as pure functions: the script, branch choice, checks, turn
grading and the whole-conversation review. No ORM; see docs/conversations.md."""

from .branching import CONDITIONS, Outcome, choose, reason
from .checks import best_path, check_script, paths
from .rehearsal import rehearse
from .review import ConversationReview, TurnRecord, review
from .script import MOODS, OUTCOMES, Branch, Message, Script, read_script
from .turns import grade_turn

__all__ = [
    "CONDITIONS",
    "MOODS",
    "OUTCOMES",
    "Branch",
    "ConversationReview",
    "Message",
    "Outcome",
    "Script",
    "TurnRecord",
    "best_path",
    "check_script",
    "choose",
    "grade_turn",
    "paths",
    "read_script",
    "reason",
    "rehearse",
    "review",
]
