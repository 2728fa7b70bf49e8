"""PDF from the report HTML with weasyprint, shared between this process and a child."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path


def html_to_pdf(html: str, *, base_url: Path) -> bytes:
    """The PDF weasyprint prints from one of the report documents."""
    from weasyprint import HTML

    # weasyprint logs every CSS property it does not know; the reports' CSS is ours.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=str(base_url)).write_pdf()


def claim(target: Path) -> bool:
    """True for the one process that gets to print `target` (an exclusive claim file)."""
    try:
        os.close(os.open(f"{target}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def print_file(source: Path, target: Path) -> None:
    """Print one HTML file to a PDF file, never leaving half a PDF at `target`."""
    partial = Path(f"{target}.part")
    partial.write_bytes(html_to_pdf(source.read_text(encoding="utf-8"), base_url=source.parent))
    partial.replace(target)


class PdfPrinter:
    """Print documents in a child process while the caller draws the rest, sharing the work.

    weasyprint's layout is pure Python, so a thread would not help. A fresh
    interpreter (never multiprocessing, which would re-run the caller's main
    script) works through the documents handed to it in order; the caller, once
    done with its own work, takes those the child has not started (each document
    is claimed with an exclusive file, so it is printed once). Whatever the child
    claimed but did not finish, or could not start, is printed here at the end.
    """

    def __init__(self) -> None:
        self._child: subprocess.Popen | None = None
        self._jobs: list[tuple[Path, Path]] = []

    def __enter__(self) -> PdfPrinter:
        return self

    def __exit__(self, *exc) -> None:
        if self._child is not None and self._child.poll() is None:
            self._child.kill()
            self._child.wait()

    def queue(self, jobs: list[tuple[Path, Path]]) -> None:
        """Remember (html file, pdf file) pairs for `finish` to print here."""
        self._jobs = list(jobs)

    def print_aside(self, jobs: list[tuple[Path, Path]]) -> None:
        """Start a child printing these (html file, pdf file) pairs, in this order."""
        self.queue(jobs)
        args = [str(p) for pair in jobs for p in pair]
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-c", _CHILD, *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._child = None

    def finish(self) -> None:
        """Print, from the end of the list, what the child has not claimed; wait; print what is left."""
        for source, target in reversed(self._jobs):
            if claim(target):
                print_file(source, target)
        if self._child is not None:
            self._child.wait()
        for source, target in self._jobs:
            if not target.exists():  # the child failed or never started
                print_file(source, target)


_CHILD = "import sys; from skyslate.report.pdf import print_files; print_files(sys.argv[1:])"


def print_files(args: list[str]) -> None:
    """The child's work: IN.html OUT.pdf pairs, each printed if no one has claimed it yet."""
    for source, target in zip(args[::2], args[1::2], strict=True):
        if claim(Path(target)):
            print_file(Path(source), Path(target))
