"""Comments on proposals and ideas."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from events.inputs import multiline_clean
from planning.models import Comment, Idea, Proposal

COMMENT_MAX = 5000


def author_name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def comment_add(
    *,
    author: AbstractBaseUser,
    text: object,
    proposal: Proposal | None = None,
    idea: Idea | None = None,
    internal: bool = False,
) -> Comment:
    """Add a comment to a proposal or an idea; ValidationError (field "text") if it
    is empty, too long or holds control characters."""
    if (proposal is None) == (idea is None):
        raise TypeError("A comment is about exactly one proposal or idea.")
    text = multiline_clean(
        text,
        field="text",
        max_length=COMMENT_MAX,
        messages={
            "invalid": _("Please write a comment."),
            "required": _("Please write a comment."),
            "too_long": _("At most %(max)d characters, please."),
            "invalid_characters": _("The comment contains characters we cannot store."),
        },
    )
    return Comment.objects.create(
        author=author,
        author_name=author_name(author),
        proposal=proposal,
        idea=idea,
        text=text,
        internal=internal,
    )
