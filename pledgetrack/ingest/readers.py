"""Readers: the bytes of an inbox file → a `Document` (its text, how it was decoded, what it really was).

Everything here is a pure function of (name, bytes): no I/O, no Prefect, no DuckDB. A file that cannot
become text raises `IngestError` with a stable code:

- ``empty``: 0 bytes, or nothing but whitespace (also after HTML/Markdown/PDF extraction);
- ``binary``: bytes that no text encoding fits (NUL bytes, control bytes, mostly undecodable);
- ``unsupported_format``: an extension we do not read whose content is not HTML or PDF either, or a
  recognisable binary format (ZIP/.docx, OLE2/.doc, images, archives, RTF) whatever its name;
- ``pdf_no_text``: a PDF without a text layer (a scan: it needs OCR);
- ``pdf_unreadable``: a corrupt or password-protected PDF, or a ``.pdf`` that is not a PDF;
- ``decode_error``: undecodable bytes in the middle of otherwise valid text (with the byte offset).

The content decides, not the name: ``%PDF-`` is read as PDF whatever the extension, a ``.txt``/``.md``
that clearly is an HTML page is read as HTML, an ``.html`` without a single tag is read as text, and
`Document.format` says what the file really was.
Each format has its module: `decode` (bytes → text), `html` (a page's main text, its chrome left out),
`markdown`, `pdf`; this one tells which a file is and calls it.

Encodings are detected, never assumed (`decode.decode_text`). Line endings become ``\\n`` in every format.
A file cut inside its last multi-byte character (an interrupted download or copy) is decoded up to that
character and the partial character is dropped: refusing the whole report for one lost character would
be worse, and the bytes before it are intact. Undecodable bytes anywhere else are an error, never
mojibake.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from pledgetrack.ingest.decode import Decoded, decode_text
from pledgetrack.ingest.html import html_to_text
from pledgetrack.ingest.markdown import markdown_to_text
from pledgetrack.ingest.pdf import pdf_to_text
from pledgetrack.model import Document, IngestError

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "Decoded",
    "decode_text",
    "html_to_text",
    "markdown_to_text",
    "pdf_to_text",
    "read_document",
]

SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
_HTML_EXTENSIONS = frozenset({".html", ".htm"})
_PDF_MAGIC = re.compile(rb"%PDF-\d")

# Recognisable binary formats: a file starting with one of these is not text whatever it is called.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP container (e.g. .docx, .xlsx, .wps)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 document (e.g. .doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
)


def read_document(name: str, data: bytes) -> Document:
    """Turn one file's bytes into a `Document`, or raise `IngestError` saying why it cannot be read."""
    if not data:
        raise IngestError("empty", "the file is empty (0 bytes)")
    if not data.strip():
        raise IngestError("empty", f"the file contains only whitespace ({len(data)} bytes)")
    ext = _extension(name)
    shown = ext or "(no extension)"

    if _PDF_MAGIC.search(data, 0, 1024):  # the header may follow up to 1 KB of junk
        return Document(name, pdf_to_text(data), "", "pdf")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError("unsupported_format", f"the file (named {shown}) is {what}, which is not read")

    raw_html = _looks_like_html(data[:8192].removeprefix(b"\xef\xbb\xbf").decode("latin-1"))
    if ext not in SUPPORTED_EXTENSIONS and not raw_html:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        raise IngestError(
            "unsupported_format",
            f"{shown} files are not read (supported: {supported}) and the content is neither HTML nor PDF",
        )
    if ext == ".pdf" and not raw_html:
        raise IngestError("pdf_unreadable", "the file is named .pdf but has no %PDF- header: it is not a PDF")

    declared = _declared_charset(data) if (raw_html or ext in _HTML_EXTENSIONS) else None
    decoded = decode_text(data, declared)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("empty", f"the file contains only whitespace once decoded ({decoded.encoding})")

    kind = SUPPORTED_EXTENSIONS.get(ext, "html")
    if kind == "pdf" or (kind in ("txt", "md") and (raw_html or _looks_like_html(text))):
        kind = "html"
    elif kind == "html" and not _TAG.search(text, 0, 65536):
        kind = "txt"

    if kind == "html":
        text = html_to_text(text)
        what = "the HTML page has no text outside scripts, styles and site chrome (is it rendered by JS?)"
    elif kind == "md":
        text = markdown_to_text(text)
        what = "the Markdown file has no text once its markup is removed"
    else:
        what = ""
    if not text.strip():
        raise IngestError("empty", what)
    return Document(name, text, decoded.encoding, kind)


def _extension(name: str) -> str:
    """The lower-case extension of a file name, a path (/ or \\) or a URL (query and fragment ignored)."""
    path = name.split("?", 1)[0].split("#", 1)[0] if "://" in name else name
    return PurePosixPath(path.replace("\\", "/")).suffix.lower()


_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"\A\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.I)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (<meta charset>, http-equiv, <?xml encoding>)."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


_HTML_START = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)[^>]*>")


def _looks_like_html(text: str) -> bool:
    """Clearly an HTML page: it starts like one, or has <html> near the top and a </html> or <body>."""
    if _HTML_START.match(text):
        return True
    head = text[:8192]
    return bool(re.search(r"<html\b", head, re.I) and re.search(r"<body\b|</html\s*>", text, re.I))
