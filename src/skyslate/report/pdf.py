"""PDF from the report HTML with weasyprint, the longest documents printed in a second process."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path


def html_to_pdf(html: str, *, base_url: Path) -> bytes:
    """The PDF weasyprint prints from one of the report documents."""
    from weasyprint import HTML

    # weasyprint logs every CSS property it does not know; the reports' CSS is ours.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=str(base_url)).write_pdf()


class PdfPrinter:
    """Print some documents in a child process while the caller draws the rest.

    weasyprint's layout is pure Python, so a thread would not help. A fresh
    interpreter running `print_files` lays out the long documents on the second
    core; unlike multiprocessing it never re-runs the caller's main script.
    Whatever the child could not print is printed here.
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

    def print_aside(self, jobs: list[tuple[Path, Path]]) -> None:
        """Start printing each (html file, pdf file) pair in one child process."""
        self._jobs = list(jobs)
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
        """Wait for the child; print here whatever it did not."""
        if self._child is not None:
            self._child.wait()
        for source, target in self._jobs:
            if self._child is None or self._child.returncode != 0 or not target.exists():
                target.write_bytes(
                    html_to_pdf(source.read_text(encoding="utf-8"), base_url=source.parent)
                )


_CHILD = "import sys; from skyslate.report.pdf import print_files; print_files(sys.argv[1:])"


def print_files(args: list[str]) -> None:
    """Print HTML files to PDF files, given as IN.html OUT.pdf pairs (the child's work)."""
    for source, target in zip(args[::2], args[1::2], strict=True):
        html = Path(source).read_text(encoding="utf-8")
        partial = Path(target + ".part")
        partial.write_bytes(html_to_pdf(html, base_url=Path(source).parent))
        partial.replace(target)  # the parent never sees half a PDF
