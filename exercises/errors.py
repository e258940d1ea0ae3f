"""The one domain error of the exercises app; views map it to form errors in one place."""


class SubmissionRejected(Exception):
    """The answer cannot be accepted; the message is shown to the learner as is."""

    def __init__(self, message: str, *, field: str = "answer") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
