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
An HTML page's main text (its chrome left out) comes from `pledgetrack.ingest.html`.

Encodings are detected, never assumed (see `decode_text`). Line endings become ``\\n`` in every format.
A file cut inside its last multi-byte character (an interrupted download or copy) is decoded up to that
character and the partial character is dropped: refusing the whole report for one lost character would
be worse, and the bytes before it are intact. Undecodable bytes anywhere else are an error, never
mojibake.
"""

from __future__ import annotations

import codecs
import io
import re
from collections import Counter
from pathlib import PurePosixPath
from typing import NamedTuple

from pledgetrack.grammar import CJK_BMP_UNIFIED, CJK_CHAR
from pledgetrack.ingest.html import html_to_text
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


# --------------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------------


class Decoded(NamedTuple):
    text: str
    encoding: str  # the codec used: 'utf-8', 'utf-8-sig', 'utf-16-le', 'gb18030', 'big5hkscs', ...
    dropped: int = 0  # bytes of a partial last character dropped (a truncated file), 0 normally


_BOMS: tuple[tuple[bytes, str, str], ...] = (  # (BOM, codec for the rest, label); UTF-32 before UTF-16
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)
_TRUNCATION_REASONS = frozenset({"unexpected end of data", "incomplete multibyte sequence", "truncated data"})
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312"})
_GB_LABELS = frozenset(
    {"gb2312", "gb_2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "csgb2312",
     "chinese", "iso-ir-58", "euc-cn", "gb18030", "csiso58gb231280"}
)  # fmt: skip
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"})
_TEXTLIKE = re.compile(
    rf"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f{CJK_BMP_UNIFIED}\uff00-\uffef]+"
)
_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """Detect the encoding of `data` and decode it; `declared` is an HTML page's <meta charset>.

    Order: a BOM wins (UTF-8/16/32); NUL or control bytes mean binary (unless BOM-less UTF-16); strict
    UTF-8 (cheap, and GBK text is practically never valid UTF-8); the declared charset when it decodes
    cleanly (a GB declaration only if the result reads like GB text, a single-byte declaration only if
    GB18030 does not read better); strict GB18030 (the superset of GB2312/GBK), checked for plausibility;
    charset-normalizer breaks the remaining ties (Big5, Shift-JIS, ...). Text that is almost all valid
    UTF-8 or GB18030 but has bad bytes in the middle raises ``decode_error`` with the offset instead of
    being guessed into mojibake.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text, dropped = _decode_tolerant(data[len(bom) :], codec)
            except UnicodeDecodeError as exc:
                raise _decode_error(data, exc, label.upper(), base=len(bom)) from None
            return Decoded(text, label, dropped)

    nul = data.find(b"\x00")
    if nul != -1:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise IngestError(
            "binary", f"NUL byte at offset {nul}: this is binary data, not text in any encoding"
        )
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls >= 3 and controls * 100 > len(data):
        raise IngestError(
            "binary", f"{controls} of {len(data)} bytes are control characters: this is binary data, not text"
        )

    try:
        text, dropped = _decode_tolerant(data, "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        return Decoded(text, "utf-8", dropped)

    codec = _codec_for_label(declared) if declared else None
    if codec and codec != "utf-8":
        honoured = _try_declared(data, codec)
        if honoured is not None:
            return honoured
    if _mostly_valid(data, "utf-8"):
        raise _decode_error(data, utf8_error, "UTF-8")

    try:
        text, dropped = _decode_tolerant(data, "gb18030")
    except UnicodeDecodeError as exc:
        gb_error = exc
    else:
        if _gb_plausible(text):
            return Decoded(text, "gb18030", dropped)
        guess = _guess(data)  # GB18030 accepts most double-byte text (Big5, Shift-JIS): let it decide
        if guess is not None and guess.encoding not in _GB_FAMILY:
            return guess
        return Decoded(text, "gb18030", dropped)
    if _mostly_valid(data, "gb18030") and _gb_plausible(data.decode("gb18030", "replace")):
        raise _decode_error(data, gb_error, "GB18030")

    guess = _guess(data)
    if guess is not None:
        return guess
    raise IngestError(
        "binary",
        f"no text encoding fits: not UTF-8 (byte offset {utf8_error.start}), not GB18030 (byte offset "
        f"{gb_error.start}), and charset-normalizer finds nothing readable: binary or random data",
    )


def _decode_tolerant(data: bytes, codec: str) -> tuple[str, int]:
    """Strict decode that forgives only a partial character at the very end (returns text, bytes dropped)."""
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError as exc:
        if exc.end >= len(data) and len(data) - exc.start < 4 and exc.reason in _TRUNCATION_REASONS:
            return data[: exc.start].decode(codec), len(data) - exc.start
        raise


def _decode_error(data: bytes, exc: UnicodeDecodeError, label: str, base: int = 0) -> IngestError:
    offset = base + exc.start
    snippet = data[offset : offset + 4].hex(" ")
    codec = {"UTF-8-SIG": "utf-8"}.get(label, label.lower())
    spots = _bad_spots(data[base:], codec)
    return IngestError(
        "decode_error",
        f"undecodable bytes ({snippet}) at byte offset {offset} in text that is otherwise {label} "
        f"({spots} bad spot{'s' if spots != 1 else ''}): the file is damaged; not guessing",
    )


def _bad_spots(data: bytes, codec: str, text: str | None = None) -> int:
    """How many undecodable spots `data` has in `codec` (U+FFFD already in the file not counted)."""
    text = data.decode(codec, "replace") if text is None else text
    return text.count("\ufffd") - data.count("\ufffd".encode(codec))


def _mostly_valid(data: bytes, codec: str) -> bool:
    """True when `data` is clearly `codec` text with a few damaged spots (≤ 2% of its non-ASCII chars).

    The first 8 KB settle the common case (text in another encoding: a third or more is bad) cheaply."""
    for chunk in (data[:8192], data) if len(data) > 16384 else (data,):
        text = chunk.decode(codec, "replace")
        bad = _bad_spots(chunk, codec, text)
        good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
        if chunk is not data and bad > 0.2 * (good + bad):
            return False
    return good >= 3 and bad <= 0.02 * (good + bad)


def _gb_plausible(text: str) -> bool:
    """Real GB text is ~99.9% GB2312 characters; Big5/UTF-8 bytes read as GB18030 are ~35%."""
    ascii_count = len(text.encode("ascii", "ignore"))
    non_ascii = len(text) - ascii_count
    if non_ascii == 0:
        return True
    in_gb2312 = (len(text.encode("gb2312", "ignore")) - ascii_count) // 2  # 2 bytes per GB2312 char
    return in_gb2312 >= 0.8 * non_ascii


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM (it has NUL bytes): accept it only if it reads as plain Chinese/Latin text."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text, dropped = _decode_tolerant(data, codec)
        except UnicodeDecodeError:
            continue
        if text and "\x00" not in text and len(_TEXTLIKE.sub("", text)) <= 0.05 * len(text):
            return Decoded(text, codec, dropped)
    return None


def _codec_for_label(label: str) -> str | None:
    """The Python codec for a declared charset label, or None (unknown, or not ASCII-compatible)."""
    label = label.strip().strip("'\"").lower()
    if label in _GB_LABELS:
        return "gb18030"  # browsers decode GB2312/GBK with GBK; GB18030 is the superset
    if label in _LATIN1_LABELS:
        return "cp1252"  # as browsers do
    if label in ("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"):
        return "big5hkscs"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    try:
        if codecs.decode(b"<html>", name) != "<html>":
            return None
    except (UnicodeDecodeError, ValueError):
        return None
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name


def _try_declared(data: bytes, codec: str) -> Decoded | None:
    """Honour an HTML declaration if it decodes cleanly and does not read worse than detection would."""
    try:
        text, dropped = _decode_tolerant(data, codec)
    except UnicodeDecodeError:
        return None
    if codec in _GB_FAMILY:
        return Decoded(text, codec, dropped) if _gb_plausible(text) else None
    if len(bytes(range(128, 256)).decode(codec, "replace")) == 128:  # a single-byte codec decodes anything
        try:
            gb, _ = _decode_tolerant(data, "gb18030")
        except UnicodeDecodeError:
            pass
        else:
            if _gb_plausible(gb) and len(CJK_CHAR.findall(gb)) >= 10:
                return None  # a Chinese page with a template's latin-1 declaration
    return Decoded(text, codec, dropped)


def _guess(data: bytes) -> Decoded | None:
    """charset-normalizer as the tie-breaker; its answer counts only if it reads as text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if not text.strip() or len(_NOT_TEXT.findall(text)) > 0.01 * len(text):
        return None
    return Decoded(text, best.encoding.replace("_", "-"), 0)


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


# --------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------

_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images → their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links → their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|ftp)://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"`+([^`]+?)`+"), r"\1"),  # code spans
    (re.compile(r"<br\s*/?>", re.I), "\n"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)


def markdown_to_text(text: str) -> str:
    """Markdown → plain text: heading markers, emphasis, link targets, quotes, bullets and rules removed.

    Heading markers go (the normalizer strips them too); heading text stays as its own line. Escaped
    characters (\\*) are protected while emphasis is removed, then restored.
    """
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() in ("---", "...")), 0)
        lines = lines[end + 1 :] if end else lines
    out: list[str] = []
    fence = ""
    for raw in lines:
        line = raw.rstrip()
        fence_match = _MD_FENCE.match(line)
        if fence:
            if fence_match and fence_match.group(1) == fence:
                fence = ""
            else:
                out.append(line)
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if _MD_SETEXT.match(line) and out and out[-1].strip():
            out.append("")  # the underline of a setext heading
            continue
        if _MD_RULE.match(line) or _MD_REFDEF.match(line) or _MD_TABLE_RULE.match(line):
            if _MD_RULE.match(line):
                out.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_BULLET.sub("", _MD_QUOTE.sub("", line))
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            line = "\t".join(cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip()[1:-1]))
        out.append(_md_inline(line))
    return _tidy_plain("\n".join(out))


def _md_inline(line: str) -> str:
    escaped: list[str] = []

    def protect(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    line = _MD_ESCAPE.sub(protect, line)
    for pattern, replacement in _MD_INLINE:
        line = pattern.sub(replacement, line)
    return re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], line)


def _tidy_plain(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, none at the ends (indentation kept)."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# --------------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------------

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
