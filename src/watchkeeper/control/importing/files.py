"""Reading export files for import: every file's layout is checked (and its rows counted) before
anything is written, so a wrong file among several stops the whole import cleanly."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from watchkeeper.control.importing.profiles import Profile
from watchkeeper.control.importing.rules import WrongLayout, check_header

# Excel and many CAD systems write a byte-order mark; csv must not see it as part of a name.
ENCODING = "utf-8-sig"


class ImportRefused(Exception):
    """A file cannot be imported at all (wrong layout, unreadable); nothing has been written."""


@dataclass
class SourceFile:
    path: Path
    name: str
    index: dict[str, int]
    rows: int
    sha256: str
    data: bytes | None = None  # an uploaded file is held in memory; a path is re-read

    def cells(self) -> Iterator[tuple[int, list[str]]]:
        """(line number in the file, cells) for every data row; line 1 is the header."""
        with self._open() as fh:
            reader = csv.reader(fh)
            next(reader, None)
            for cells in reader:
                if any(c.strip() for c in cells):
                    yield reader.line_num, cells

    def _open(self):
        if self.data is not None:
            return io.StringIO(self.data.decode(ENCODING), newline="")
        return open(self.path, encoding=ENCODING, newline="")  # noqa: SIM115 (caller closes)


def inspect(profile: Profile, path: Path, data: bytes | None = None, name: str = "") -> SourceFile:
    """Check one file against the profile; raises ImportRefused naming the file and what is wrong."""
    name = name or path.name
    try:
        raw = data if data is not None else path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode(ENCODING)
    except UnicodeDecodeError:
        raise ImportRefused(f"{name}: is not a UTF-8 CSV file") from None
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, [])
        index = check_header(profile, header)
        rows = sum(1 for cells in reader if any(c.strip() for c in cells))
    except WrongLayout as exc:
        raise ImportRefused(f"{name}: not a {profile.name} export ({exc})") from None
    except csv.Error as exc:
        raise ImportRefused(f"{name}: is not a readable CSV file ({exc})") from None
    return SourceFile(path=path, name=name, index=index, rows=rows, sha256=hashlib.sha256(raw).hexdigest(), data=data)
