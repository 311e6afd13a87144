"""How a CSV file was saved: its encoding and its delimiter.

Accepted encodings: UTF-8 (with or without byte-order mark), UTF-16 with byte-order mark
(Excel's "Unicode text"), and Windows-1252 (what a German Excel writes for "CSV
(Trennzeichen-getrennt)"). Windows-1252 decodes almost any bytes, so its text must also
look like German or English writing: a file that mixes UTF-8 with other bytes, or that
was saved in another legacy encoding (e.g. Mac Roman, where "Müller" arrives as "MŸller"),
is refused with the line it went wrong in, instead of importing garbled names.

The delimiter is the one of `,`, `;` and tab that splits the header row into the most
known column names; an Excel `sep=;` first line names it explicitly.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable

DELIMITERS = (",", ";", "\t")
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
SEP_LINE = re.compile(r"^sep=(.)\r?$")
# UTF-8 lead byte and continuation: "ü" in UTF-8 read as Windows-1252 is "Ã¼".
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
# Characters that never occur in names and organisations but do in misread legacy text.
IMPLAUSIBLE = re.compile(r"[ƒ†‡ˆ‰‹›˜Ÿ¤¦¬¯]|(?<=[A-Za-zß])[ŠŒŽ„”™](?=[a-zß])")


class UndecodableText(ValueError):
    """The bytes are not text in an accepted encoding; `line` is where it shows first,
    `sample` the garbled word there."""

    def __init__(self, code: str, line: int, sample: str = "") -> None:
        super().__init__(code, line, sample)
        self.code, self.line, self.sample = code, line, sample


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding it was read with."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if UTF8_SEQUENCE.search(data):
            raise UndecodableText("mixed_encoding", data.count(b"\n", 0, error.start) + 1) from None
    text = _strict(data, "cp1252")
    garbled = IMPLAUSIBLE.search(text)
    if garbled:
        line = text.count("\n", 0, garbled.start()) + 1
        raise UndecodableText("unknown_encoding", line, _word_around(text, garbled.start()))
    return text, "cp1252"


def sniff_delimiter(text: str, known: Callable[[str], bool]) -> tuple[str, bool]:
    """The delimiter, and whether the first line is an Excel `sep=` line to skip."""
    explicit = SEP_LINE.match(text.split("\n", 1)[0])
    if explicit and explicit.group(1) in DELIMITERS:
        return explicit.group(1), True
    first_line = next((line for line in text.splitlines() if line.strip()), "")

    def fit(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:  # a cell over the limit: the reader reports it with its line
            return 0, 0
        return sum(1 for cell in cells if known(cell)), len(cells)

    return max(DELIMITERS, key=fit), False


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[:error.start].decode(encoding, errors="replace")
        sample = _word_around(data.decode(encoding, errors="replace"), len(before))
        raise UndecodableText("unknown_encoding", before.count("\n") + 1, sample) from None


def _word_around(text: str, index: int) -> str:
    start = max(text.rfind(" ", 0, index), text.rfind("\n", 0, index),
                text.rfind(",", 0, index), text.rfind(";", 0, index)) + 1
    end = min((i for i in (text.find(c, index) for c in " \n,;\r") if i >= 0), default=len(text))
    return text[start:end][:40]
