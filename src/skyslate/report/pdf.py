"""PDF from the report HTML with weasyprint."""

from __future__ import annotations

import logging
from pathlib import Path


def html_to_pdf(html: str, *, base_url: Path) -> bytes:
    """The PDF weasyprint prints from one of the report documents."""
    from weasyprint import HTML

    # weasyprint logs every CSS property it does not know; the reports' CSS is ours.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=str(base_url)).write_pdf()
