"""Reading and validating one exercise from a lesson's front matter."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from exercises.grading import MAX_LEVEL, RUBRICS
from exercises.grading import conversation as talk
from exercises.grading.channels import CHANNELS

from .checks import Checker
from .spec import ChoiceSpec, ExerciseSpec, ReferenceReplySpec

KINDS = ("free_text", "multiple_choice", "self_assessment", "conversation")
QUALITIES = ("strong", "adequate", "poor")
# Rubrics whose exercises answer a customer, so the customer's words are required.
NEEDS_SCENARIO = ("customer_reply", "emotion_need")


def read_exercise(
    check: Checker, raw: Any, file: str, index: int, style_slugs: set[str]
) -> ExerciseSpec | None:
    where = f"exercises[{index}]."
    data = check.mapping(raw, file, f"exercises[{index}]")
    if not data:
        return None
    slug = check.slug(data, file, where)
    kind = check.text(data, "kind", file, where)
    if kind and kind not in KINDS:
        check.fail(file, f"{where}kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    common = ExerciseSpec(
        slug=slug,
        kind=kind,
        title=check.text(data, "title", file, where),
        prompt=check.text(data, "prompt", file, where),
        source=file,
    )
    if kind == "multiple_choice":
        return replace(common, options=_options(check, data, file, where))
    if kind == "self_assessment":
        return replace(common, items=_items(check, data, file, where, style_slugs))
    if kind == "free_text":
        return _free_text(check, data, file, where, common, style_slugs)
    if kind == "conversation":
        return _conversation(check, data, file, where, common, style_slugs)
    return None


def _options(check: Checker, data: dict[str, Any], file: str, where: str) -> tuple[ChoiceSpec, ...]:
    raw_options = check.sequence(data.get("options"), file, f"{where}options", required=True)
    options = []
    for i, raw in enumerate(raw_options):
        option = check.mapping(raw, file, f"{where}options[{i}]")
        options.append(
            ChoiceSpec(
                text=check.text(option, "text", file, f"{where}options[{i}]."),
                correct=option.get("correct") is True,
                explanation=check.text(option, "explanation", file, f"{where}options[{i}]."),
            )
        )
    if raw_options and len(options) < 2:
        check.fail(file, f"{where}options", "needs at least two options")
    if options and sum(o.correct for o in options) != 1:
        check.fail(file, f"{where}options", "exactly one option must be `correct: true`")
    return tuple(options)


def _items(
    check: Checker, data: dict[str, Any], file: str, where: str, style_slugs: set[str]
) -> tuple[dict[str, str], ...]:
    raw_items = check.sequence(data.get("items"), file, f"{where}items", required=True)
    items = []
    for i, raw in enumerate(raw_items):
        item = check.mapping(raw, file, f"{where}items[{i}]")
        statement = check.text(item, "statement", file, f"{where}items[{i}].")
        style = check.text(item, "style", file, f"{where}items[{i}].")
        if style and style not in style_slugs:
            check.fail(file, f"{where}items[{i}].style", f"{style!r} is not a style in course.yaml")
        items.append({"statement": statement, "style": style})
    if raw_items and len(items) < 4:
        check.fail(file, f"{where}items", "needs at least four statements")
    return tuple(items)


def _free_text(
    check: Checker,
    data: dict[str, Any],
    file: str,
    where: str,
    common: ExerciseSpec,
    style_slugs: set[str],
) -> ExerciseSpec:
    rubric = check.text(data, "rubric", file, where)
    criteria = RUBRICS.get(rubric, ())
    if rubric and not criteria:
        check.fail(file, f"{where}rubric", f"{rubric!r} is not one of {', '.join(RUBRICS)}")
    pass_mark = data.get("pass_mark", 60)
    if not isinstance(pass_mark, int) or not 1 <= pass_mark <= 100:
        check.fail(file, f"{where}pass_mark", "must be a whole number from 1 to 100")
        pass_mark = 60
    scenario = _scenario(check, data, file, where, style_slugs, required=rubric in NEEDS_SCENARIO)
    expected = check.mapping(data.get("expected") or {}, file, f"{where}expected")
    replies = _reference_replies(check, data, file, where, criteria)
    if rubric == "customer_reply" and len({r.quality for r in replies}) < len(QUALITIES):
        check.fail(
            file,
            f"{where}reference_replies",
            "a customer reply needs reference replies of quality strong, adequate and poor",
        )
    return replace(
        common,
        rubric=rubric,
        pass_mark=pass_mark,
        scenario=scenario,
        expected={str(k): [str(v) for v in vs or []] for k, vs in expected.items()},
        reference_replies=tuple(replies),
        revises=str(data.get("revises") or ""),
    )


def _scenario(
    check: Checker,
    data: dict[str, Any],
    file: str,
    where: str,
    style_slugs: set[str],
    *,
    required: bool,
) -> dict[str, str]:
    if data.get("scenario") is None:
        if required:
            check.fail(file, f"{where}scenario", "is required for this rubric")
        return {}
    raw = check.mapping(data["scenario"], file, f"{where}scenario")
    field = f"{where}scenario."
    scenario = {
        "channel": check.text(raw, "channel", file, field),
        "customer": check.text(raw, "customer", file, field, required=False),
        "situation": check.text(raw, "situation", file, field, required=False),
        "style": check.text(raw, "style", file, field, required=False),
        "message": check.text(raw, "message", file, field),
    }
    if scenario["channel"] and scenario["channel"] not in CHANNELS:
        check.fail(file, f"{field}channel", f"must be one of {', '.join(CHANNELS)}")
    if scenario["style"] and scenario["style"] not in style_slugs:
        check.fail(file, f"{field}style", f"{scenario['style']!r} is not a style in course.yaml")
    return scenario


def _reference_replies(
    check: Checker, data: dict[str, Any], file: str, where: str, criteria: tuple[str, ...]
) -> list[ReferenceReplySpec]:
    replies = []
    raw_replies = check.sequence(data.get("reference_replies"), file, f"{where}reference_replies")
    for i, raw in enumerate(raw_replies):
        field = f"{where}reference_replies[{i}]."
        reply = check.mapping(raw, file, field.rstrip("."))
        quality = check.text(reply, "quality", file, field)
        if quality and quality not in QUALITIES:
            check.fail(file, f"{field}quality", f"must be one of {', '.join(QUALITIES)}")
        labels = check.mapping(reply.get("labels"), file, f"{field}labels")
        for criterion in criteria:
            level = labels.get(criterion)
            if not isinstance(level, int) or not 0 <= level <= MAX_LEVEL:
                check.fail(file, f"{field}labels.{criterion}", f"must be 0, 1 or {MAX_LEVEL}")
        for extra in set(labels) - set(criteria):
            check.fail(file, f"{field}labels.{extra}", "is not a criterion of this rubric")
        replies.append(
            ReferenceReplySpec(
                quality=quality,
                text=check.text(reply, "text", file, field),
                labels={k: v for k, v in labels.items() if isinstance(v, int)},
                note=check.text(reply, "note", file, field, required=False),
            )
        )
    return replies


def _conversation(
    check: Checker,
    data: dict[str, Any],
    file: str,
    where: str,
    common: ExerciseSpec,
    style_slugs: set[str],
) -> ExerciseSpec:
    """A multi-turn role-play; every reply is graded as a ``customer_reply``."""
    pass_mark = data.get("pass_mark", 60)
    if not isinstance(pass_mark, int) or not 1 <= pass_mark <= 100:
        check.fail(file, f"{where}pass_mark", "must be a whole number from 1 to 100")
        pass_mark = 60
    expected = check.mapping(data.get("expected") or {}, file, f"{where}expected")
    hints = {str(k): [str(v) for v in vs or []] for k, vs in expected.items()}
    field = f"{where}conversation."
    script, problems = talk.read_script(data.get("conversation"), frozenset(talk.CONDITIONS))
    if script is not None and not problems:
        problems = talk.check_script(script)
    if script is not None and not problems:
        problems = talk.rehearse(script, pass_mark=pass_mark, expected=hints)
    for name, reason in problems:
        check.fail(file, f"{field}{name}", reason)
    if script is None or problems:
        return common
    if script.style and script.style not in style_slugs:
        check.fail(file, f"{field}style", f"{script.style!r} is not a style in course.yaml")
    opening = script.message(script.start)
    return replace(
        common,
        rubric="customer_reply",
        pass_mark=pass_mark,
        expected=hints,
        # The opening as a scenario, so whatever reads an exercise's customer still works.
        scenario={
            "channel": script.channel,
            "customer": script.customer,
            "situation": script.situation,
            "style": script.style,
            "message": opening.text,
        },
        conversation=script.to_dict(),
    )
