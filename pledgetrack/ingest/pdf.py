"""PDF → plain text, page by page, without the running headers and page numbers.

In: a PDF file's bytes. Out: its text layer, or `IngestError` (``pdf_no_text`` for a scan that needs OCR,
``pdf_unreadable`` for a corrupt or password-protected file).
"""

from __future__ import annotations

import io
import re
from collections import Counter

from pledgetrack.model import IngestError

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[\s\-—–－_·•]*$"
    r"|^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.I,
)
_EDGE_LINES = 2  # running headers/footers live in a page's first and last two lines


def pdf_to_text(data: bytes) -> str:
    """The text layer of a PDF: pages joined by a blank line, running headers/footers and page numbers off.

    Raises ``pdf_unreadable`` (corrupt, encrypted) or ``pdf_no_text`` (no text layer: a scan needing OCR).
    """
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError("pdf_unreadable", "the PDF is encrypted with a password")
        pages: list[str] = []
        for number, page in enumerate(reader.pages, 1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged content streams
                raise IngestError(
                    "pdf_unreadable", f"page {number} of the PDF cannot be read: {exc}"
                ) from exc
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - corrupt files fail anywhere inside pypdf, with any exception
        raise IngestError("pdf_unreadable", f"the PDF is corrupt ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise IngestError("pdf_unreadable", "the PDF has no pages")
    cleaned = _strip_running_lines([page.replace("\x00", "").split("\n") for page in pages])
    text = "\n\n".join(page for page in cleaned if page)
    if not text.strip():
        raise IngestError(
            "pdf_no_text",
            f"the PDF's {len(pages)} page(s) have no text layer (a scanned document?): it needs OCR first",
        )
    return text


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _strip_running_lines(pages: list[list[str]]) -> list[str]:
    """Drop page numbers at a page's edges, and edge lines repeated on most pages (running headers)."""

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", _squash(line))

    counts: Counter[str] = Counter()
    for lines in pages:
        kept = [line for line in lines if line.strip()]
        counts.update({key(line) for line in kept[:_EDGE_LINES] + kept[-_EDGE_LINES:]})
    n = len(pages)
    running = {k for k, c in counts.items() if n >= 3 and c >= max(3, 0.6 * n)}
    out: list[str] = []
    for lines in pages:
        kept = [line.rstrip() for line in lines if line.strip()]
        edges = {*range(_EDGE_LINES), *range(len(kept) - _EDGE_LINES, len(kept))}
        body = [
            line
            for i, line in enumerate(kept)
            if not (i in edges and (key(line) in running or _PAGE_NUMBER.match(line.strip())))
        ]
        out.append("\n".join(body).strip())
    return out
