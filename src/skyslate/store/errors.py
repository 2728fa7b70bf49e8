"""What the store refuses: a missing record, a save based on an old revision."""

from __future__ import annotations

from skyslate.errors import SkyslateError


class NotFoundError(SkyslateError):
    """No project, board, revision, job or file with that id."""


class ConflictError(SkyslateError):
    """A write that clashes with what is stored (a duplicate name, an old revision)."""


class StaleRevisionError(ConflictError):
    """A save based on an old revision of a board; `current` is the board's revision now."""

    def __init__(self, message: str, *, current: int):
        super().__init__(message)
        self.current = current

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["revision"] = self.current
        return data
