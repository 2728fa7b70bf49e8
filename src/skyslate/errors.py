"""Every error the core raises; front ends turn them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class SkyslateError(Exception):
    """Bad input or an impossible request, described for a person."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return where + self.message

    def to_dict(self) -> dict:
        """The one JSON error shape shared by the CLI and the web API."""
        return {
            "error": type(self).__name__,
            "message": str(self),
            "path": self.path,
            "line": self.line,
        }


class ScriptError(SkyslateError):
    """A screenplay that cannot be read (Fountain, FDX, USS)."""


class SkyError(SkyslateError):
    """A sky request that makes no sense: bad site, span or time zone."""


class ElementSetError(SkyError):
    """A malformed or inconsistent TLE / 3-line element set."""


class InstanceError(SkyslateError):
    """A talent-scheduling instance file that cannot be read."""


class ProjectError(SkyslateError):
    """A project file (skyslate.toml) that is invalid."""


@dataclass
class Conflict:
    """One reason a requirement cannot be met, in words, with what it names."""

    text: str
    scenes: list[str] = field(default_factory=list)


class InfeasibleError(SkyslateError):
    """No schedule satisfies every requirement; `conflicts` says why."""

    def __init__(self, message: str, conflicts: list[Conflict] | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.conflicts = list(conflicts or [])

    def __str__(self) -> str:
        lines = [super().__str__()]
        lines += [f"  - {c.text}" for c in self.conflicts]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["conflicts"] = [c.text for c in self.conflicts]
        return data


class ReportError(SkyslateError):
    """Reports that cannot be written: a folder not writable, a schedule of another version."""
