"""Forms for answering exercises; the answer rules themselves live in validation.py."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings

from .models import Exercise


class AnswerForm(forms.Form):
    client_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class FreeTextForm(AnswerForm):
    answer = forms.CharField(
        label="Your answer",
        strip=False,  # clean_answer() decides about whitespace, with a clearer message
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-counter": "true"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # clean_answer() owns every rule, NUL included, so its clearer message is shown.
        self.fields["answer"].validators = []
        limit = settings.ATTUNE["ANSWER_MAX_CHARS"]
        self.fields["answer"].widget.attrs["data-max-chars"] = str(limit)
        self.fields["answer"].help_text = f"Up to {limit:,} characters."


class ChoiceForm(AnswerForm):
    choice = forms.TypedChoiceField(
        label="Choose one", widget=forms.RadioSelect, coerce=int, required=False
    )

    def __init__(self, *args: Any, exercise: Exercise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice = self.fields["choice"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(c.pk, c.text) for c in exercise.choices.all()]


RATING_CHOICES = [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]


class SelfAssessmentForm(AnswerForm):
    def __init__(self, *args: Any, exercise: Exercise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, item in enumerate(exercise.items):
            self.fields[f"rating_{index}"] = forms.TypedChoiceField(
                label=item["statement"],
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Please rate this statement."},
            )

    def ratings(self) -> dict[int, int]:
        return {
            int(name.removeprefix("rating_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("rating_")
        }


def form_for(exercise: Exercise, data: Any = None, draft: str = "") -> AnswerForm:
    """The answer form; a free-text one starts from ``draft`` (the learner's last answer,
    or the reply a revision reworks) so revising never means retyping."""
    if exercise.kind == "multiple_choice":
        return ChoiceForm(data, exercise=exercise)
    if exercise.kind == "self_assessment":
        return SelfAssessmentForm(data, exercise=exercise)
    return FreeTextForm(data, initial={"answer": draft} if draft else None)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", "Confirm the grader's levels"), ("override", "Set the levels below")],
        widget=forms.RadioSelect,
        initial="confirm",
    )
    reason = forms.CharField(
        label="Why (kept in the history)", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, criteria: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in criteria:
            score = row["score"]
            self.fields[f"level_{score.criterion}"] = forms.TypedChoiceField(
                label=score.label,
                choices=[(i, str(i)) for i in range(score.max_level + 1)],
                coerce=int,
                initial=score.level,
                widget=forms.RadioSelect,
            )

    def levels(self) -> dict[str, int]:
        return {
            name.removeprefix("level_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("level_")
        }
