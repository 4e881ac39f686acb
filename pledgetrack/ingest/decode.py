"""Bytes → text, with the encoding detected, never assumed.

In: a file's bytes and the charset an HTML page declares, if any. Out: `Decoded` (the text, the codec used),
or `IngestError` (``binary``, ``decode_error``) saying why the bytes are not text. BOMs, UTF-8, UTF-16
without a BOM, and the GB and Big5 families are told apart by what decodes cleanly and reads as Chinese;
a file cut inside its last multi-byte character is decoded up to it.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from pledgetrack.grammar import CJK_BMP_UNIFIED, CJK_CHAR
from pledgetrack.model import IngestError


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
