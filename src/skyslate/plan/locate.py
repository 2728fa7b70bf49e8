"""Where each key of a TOML document sits: key path -> 1-based line, for error messages.

`tomllib` gives values but no positions, so errors found after parsing (a bad rate,
an unknown scene) could not say where they are. This reader walks the same text
once more and records the line of every key, array element and table header.
It assumes the text is valid TOML (tomllib has already accepted it).
"""

from __future__ import annotations

from bisect import bisect_right

Path = tuple  # a key path: strings for keys, ints (0-based) for array elements

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class KeyLines:
    """The line of every key path in one TOML text; `line(path)` falls back to the nearest parent."""

    def __init__(self, text: str):
        self._text = text
        self._i = 0
        self._newlines = [n for n, c in enumerate(text) if c == "\n"]
        self.lines: dict[Path, int] = {}
        self._array_counts: dict[Path, int] = {}
        self._walk()

    def line(self, path) -> int:
        """The line of `path`, or of its longest recorded parent, or 1."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    # -- the walk -------------------------------------------------------------

    def _line_at(self, index: int) -> int:
        return bisect_right(self._newlines, index - 1) + 1

    def _record(self, path: Path, index: int) -> None:
        line = self._line_at(index)
        for end in range(1, len(path) + 1):
            self.lines.setdefault(path[:end], line)

    def _peek(self, n: int = 1) -> str:
        return self._text[self._i : self._i + n]

    def _skip_blank(self, newlines: bool) -> None:
        text = self._text
        while self._i < len(text):
            c = text[self._i]
            if c in " \t\r" or (newlines and c == "\n"):
                self._i += 1
            elif c == "#":
                while self._i < len(text) and text[self._i] != "\n":
                    self._i += 1
            else:
                break

    def _resolve(self, key: Path) -> Path:
        """Insert the current index after every array-of-tables prefix of a header key."""
        resolved: tuple = ()
        for n, part in enumerate(key):
            resolved += (part,)
            if n < len(key) - 1 and resolved in self._array_counts:
                resolved += (self._array_counts[resolved],)
        return resolved

    def _walk(self) -> None:
        table: Path = ()
        text = self._text
        while True:
            self._skip_blank(newlines=True)
            if self._i >= len(text):
                return
            start = self._i
            if self._peek(2) == "[[":
                self._i += 2
                key = self._resolve(self._key())
                self._skip_blank(False)
                self._i += 2
                count = self._array_counts.get(key, -1) + 1
                self._array_counts[key] = count
                # nested arrays of tables restart under each new parent entry
                for other in [p for p in self._array_counts if p[: len(key)] == key and p != key]:
                    del self._array_counts[other]
                table = key + (count,)
                self._record(table, start)
            elif self._peek() == "[":
                self._i += 1
                table = self._resolve(self._key())
                self._skip_blank(False)
                self._i += 1
                self._record(table, start)
            else:
                key = self._key()
                self._record(table + key, start)
                self._skip_blank(False)
                self._i += 1  # '='
                self._value(table + key)

    def _key(self) -> Path:
        parts = []
        while True:
            self._skip_blank(False)
            c = self._peek()
            if c in ('"', "'"):
                parts.append(self._string())
            else:
                begin = self._i
                while self._i < len(self._text) and self._text[self._i] in _BARE:
                    self._i += 1
                parts.append(self._text[begin : self._i])
            self._skip_blank(False)
            if self._peek() != ".":
                return tuple(parts)
            self._i += 1

    def _string(self) -> str:
        text = self._text
        quote = text[self._i]
        if text.startswith(quote * 3, self._i):
            end = text.find(quote * 3, self._i + 3)
            # a closing run may hold up to two extra quotes that belong to the string
            while text.startswith(quote, end + 3):
                end += 1
            value = text[self._i + 3 : end]
            self._i = end + 3
            return value
        self._i += 1
        begin = self._i
        while text[self._i] != quote:
            if quote == '"' and text[self._i] == "\\":
                self._i += 1
            self._i += 1
        self._i += 1
        return text[begin : self._i - 1]

    def _value(self, path: Path) -> None:
        self._skip_blank(False)
        c = self._peek()
        text = self._text
        if c in ('"', "'"):
            self._string()
        elif c == "[":
            self._i += 1
            n = 0
            while True:
                self._skip_blank(True)
                if self._peek() == "]":
                    self._i += 1
                    return
                self._record(path + (n,), self._i)
                self._value(path + (n,))
                n += 1
                self._skip_blank(True)
                if self._peek() == ",":
                    self._i += 1
        elif c == "{":
            self._i += 1
            while True:
                self._skip_blank(False)
                if self._peek() == "}":
                    self._i += 1
                    return
                if self._peek() == ",":
                    self._i += 1
                    continue
                start = self._i
                key = self._key()
                self._record(path + key, start)
                self._skip_blank(False)
                self._i += 1  # '='
                self._value(path + key)
        else:
            while self._i < len(text) and text[self._i] not in ",]}\n#":
                self._i += 1
