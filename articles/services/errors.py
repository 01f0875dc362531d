"""Errors raised by the editorial services."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError


class WorkflowError(ValidationError):
    """The state machine or the publish gate refused: one message per problem.

    A ValidationError, so forms and the admin can show ``.messages`` as they are.
    """

    def __init__(self, messages: str | Iterable[str]):
        if isinstance(messages, str):
            messages = [messages]
        super().__init__([str(message) for message in messages])
