"""Review notes: what the importer was unsure of, kept as a message and its parameters so that
each editor reads it in the interface's language, and tied to the fact it concerns."""

from django.utils.translation import gettext, gettext_noop


class Note(str):
    """A note whose `str` is its English text (for the command line, logs and the dry run's
    JSON); `message` and `params` give it again in any language (`translated`). `about` names
    the fact it concerns, so that settling the fact settles the note:
    `("person", name)`, `("figure", sentence, value, unit)` or `("meeting", field name)`."""

    message: str
    params: dict
    about: tuple

    def __new__(cls, message: str, *, about: tuple = (), **params):
        note = super().__new__(cls, message % params if params else message)
        note.message, note.params, note.about = message, params, about
        return note

    def translated(self) -> str:
        return gettext(self.message) % self.params if self.params else gettext(self.message)

    @property
    def text(self) -> str:
        """As `ReviewNote.text`: templates show either."""
        return self.translated()


def note_text(note) -> str:
    """A note, or any other line for the editor, in the interface's language."""
    return note.translated() if isinstance(note, Note) else str(note)


# The note the writer leaves when it composes a title (`meetings.services`).
NO_TITLE = Note(
    gettext_noop("The article has no headline; the title was composed: check it."),
    about=("meeting", "title"),
)
