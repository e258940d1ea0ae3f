"""Feedback tips tailored to the learner's communication style.

Each style has a habit that slips in under pressure (course.yaml, ``watch_out``): the
tip names it, once, on the criterion where it shows, and only when that criterion is
below its top level. Keyed by rubric because the habit shows differently in each.
"""

from __future__ import annotations

# style -> rubric -> (criterion the tip belongs to, the tip)
STYLE_TIPS: dict[str, dict[str, tuple[str, str]]] = {
    "direct": {
        "customer_reply": (
            "emotional_reaction",
            "Being direct is a strength; just don't skip the feeling on the way to the fix.",
        ),
        "reflection": ("names_feeling", "Stay with the feeling a moment before the fix."),
        "emotion_need": ("names_emotion", "Pause on the feeling before the request."),
        "expert_analysis": ("explains_effect", "Say what the words do for the person."),
    },
    "analytical": {
        "customer_reply": (
            "emotional_reaction",
            "Lead with the person, then the policy or the detail.",
        ),
        "reflection": ("names_feeling", "Name the feeling, not only what happened."),
        "emotion_need": ("names_emotion", "Look past the facts to the feeling."),
        "expert_analysis": ("explains_effect", "Tie each technique to its effect on the person."),
    },
    "supportive": {
        "customer_reply": ("next_step", "Warmth works best with a plainly stated no or next step."),
        "reflection": ("commits_to_change", "State the change as plainly as a next step."),
        "emotion_need": ("names_need", "Say the need plainly, even one that is hard to meet."),
        "expert_analysis": ("identifies_technique", "Name the technique plainly."),
    },
    "expressive": {
        "customer_reply": (
            "exploration",
            "Ask before you tell: let the customer fill in what matters to them.",
        ),
        "reflection": ("names_reaction", "Keep to what you actually did, in a sentence or two."),
        "emotion_need": ("names_need", "Take the need from their words, not your own story."),
        "expert_analysis": (
            "cites_evidence",
            "Quote their exact words rather than retelling them.",
        ),
    },
}
# Older or alternative slugs for the same four styles.
STYLE_ALIASES = {"driver": "direct", "amiable": "supportive", "analyst": "analytical"}


def style_tip(style: str | None, rubric: str, criterion: str) -> str:
    """The style's tip for ``criterion`` in ``rubric``, or "" when it has none there."""
    slug = STYLE_ALIASES.get(style or "", style or "")
    target = STYLE_TIPS.get(slug, {}).get(rubric)
    return target[1] if target and target[0] == criterion else ""
