"""Reading a screenplay file safely: size limit, binary and encoding checks, line endings."""

from __future__ import annotations

from pathlib import Path

from skyslate.errors import ScriptError

MAX_SCRIPT_BYTES = 20 * 1024 * 1024  # a feature script is ~200 KB; 20 MB is a hostile file


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, refusing missing files, directories and files over 20 MB."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ScriptError("no such file", path=path) from None
    except OSError as error:
        raise ScriptError(f"cannot read the file ({error.strerror})", path=path) from None
    if path.is_dir():
        raise ScriptError("is a directory, not a screenplay", path=path)
    if size > MAX_SCRIPT_BYTES:
        raise ScriptError(
            f"file is {size:,} bytes; screenplays over 20 MB ({MAX_SCRIPT_BYTES:,} bytes)"
            " are refused",
            path=path,
            line=1,  # the whole file is refused; line 1 keeps the FILE:LINE shape editors read
        )
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit so a file that grew after stat() is still caught.
            data = handle.read(MAX_SCRIPT_BYTES + 1)
    except OSError as error:
        raise ScriptError(f"cannot read the file ({error.strerror})", path=path) from None
    if len(data) > MAX_SCRIPT_BYTES:
        raise ScriptError("screenplays over 20 MB are refused", path=path, line=1)
    return data


def line_of_offset(data: bytes | str, offset: int) -> int:
    """The 1-based line on which a byte (or character) offset falls."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1


def decode_text(data: bytes, path: str | Path | None = None) -> str:
    """UTF-8 text with BOM removed and every line ending made `\\n`; ScriptError if not text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ScriptError(
            "not a text file (it contains NUL bytes); expected Fountain text or FDX XML",
            path=path,
            line=line_of_offset(data, nul),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScriptError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the script as UTF-8",
            path=path,
            line=line_of_offset(data, error.start),
        ) from None
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """Drop a leading BOM and turn CRLF / CR line endings into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
