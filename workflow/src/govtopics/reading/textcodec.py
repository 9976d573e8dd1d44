"""Decoding the bytes of a user's file: UTF-8 (with or without BOM), UTF-16/32 with their byte-order
marks, GB18030 and Big5, the reading whose characters are the more common Chinese winning; and how
plausibly a text reads as Chinese. The lowest room: the readers, the tables' io and the cleaning
(its repair of garbled runs) all decode and judge text through it, and it imports no module of ours.
"""

from __future__ import annotations

from opencc import OpenCC

ENCODINGS = ("utf-8", "gb18030", "big5")
# Byte-order marks of the UTF-16 and UTF-32 files that Windows tools save as "Unicode".
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_t2s = OpenCC("t2s")


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return True
    sample = data[:65536]
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > 0.01 * len(sample)


def plausibility(text: str) -> float:
    """Share of CJK characters that are common (in GB2312 once converted to Simplified)."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    ok = 0
    for char in _t2s.convert("".join(cjk)):
        try:
            char.encode("gb2312")
            ok += 1
        except UnicodeEncodeError:
            pass
    return ok / len(cjk)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes, returning ``(text, encoding)``.

    UTF-8 (with or without BOM) is taken when it decodes; otherwise GB18030 and Big5 are both
    tried and the reading whose characters are the more common Chinese characters wins.
    Raises ``UnicodeDecodeError``-free ``ValueError`` when nothing decodes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise ValueError(
                    f"starts with a {encoding.upper()} byte-order mark but is not {encoding} text"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in ENCODINGS[1:]:
        try:
            readings.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise ValueError("not UTF-8, GB18030 or Big5 text")
    return max(readings, key=lambda r: plausibility(r[0]))


def decode_text_file(data: bytes) -> str:
    """The text of a user's table or word list (any encoding :func:`decode_bytes` reads; UTF-16 with
    its byte-order mark); ``ValueError`` saying why for binary or undecodable bytes."""
    if _looks_binary(data) and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        raise ValueError("binary data (NUL or control bytes)")
    return decode_bytes(data)[0]
