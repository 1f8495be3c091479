"""hpsim's errors, as the CLI reports them: ``file:line:col: error: message``."""


class Error(Exception):
    """An error from hpsim, with where it is: ``file``, ``line`` and ``column`` (None
    when unknown) and ``message`` (without the place). ``str(error)`` is the line the
    CLI prints."""

    def __init__(self, text, file=None, line=None, column=None, message=None):
        super().__init__(text)
        self.file = file
        self.line = line
        self.column = column
        self.message = text if message is None else message


class InputError(Error, ValueError):
    """Bad input: a deck, rig, sweep spec or catalog entry that hpsim cannot read, or a
    name it does not know."""


class SimulationError(Error, RuntimeError):
    """A circuit that does not solve (a singular matrix, a result that is not finite);
    the place is the analysis card."""


class HpsimWarning(UserWarning):
    """Something the user should know about a result (as the CLI's warnings)."""
