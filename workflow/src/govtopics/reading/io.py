"""Reading and writing the files that pass between stages, with fixed encodings and formats.

Every table is UTF-8 CSV with a byte-order mark, so Excel opens it with the Chinese intact, and
floats are written with a fixed number of decimals, so two runs give byte-identical files.
User-edited word lists tolerate a BOM, CRLF line ends and ``#`` comments.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from .textcodec import decode_text_file

CSV_ENCODING = "utf-8-sig"


class InputError(ValueError):
    """A problem with the user's inputs or settings; its message says which file or key and
    what to do, and it is shown without a traceback."""


FLOAT_FORMAT = "%.6f"


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Columns that hold names and text, read as text whatever they look like: a document id "1", a
# case labelled by its year "2025" or a slogan token "12345" must not become numbers, and an
# empty cell in them is an empty string. Every other column is numeric or boolean, and an empty
# cell there (a value that is undefined, written from NaN) reads back as NaN, never as text.
TEXT_COLUMNS = frozenset(
    """doc_id case_id paragraph_id case label place province city region locality heading source
    title date publisher authors duplicate_of reason text role view view_a view_b case_a case_b
    neighbour members term frex_term topic_label shared_distinctive_terms note status encoding sha256
    left match right category kind why excluded action token parts url title_source date_source date_raw
    affiliations""".split()
)


# A text cell that starts with one of these is a formula to Excel and LibreOffice (=HYPERLINK(…),
# +, -, @; also after a tab or carriage return): such cells are written with a leading apostrophe,
# which :func:`read_table` takes off again, so a title from a page can never run in a spreadsheet.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _texts(values) -> bool:
    return values.dtype == object or pd.api.types.is_string_dtype(values.dtype)


def as_text_cell(value):
    """``value`` safe to open in a spreadsheet: a text that would start a formula gets an apostrophe
    (a number written as text, ``-0.5``, stays as it is)."""
    if isinstance(value, str) and _FORMULA.match(value) and not _number(value):
        return "'" + value
    return value


def _from_text_cell(value):
    return value[1:] if isinstance(value, str) and value.startswith("'") and _FORMULA.match(value[1:]) else value


def write_table(frame: pd.DataFrame, path: str | Path, index: bool = False, exact: bool = False) -> None:
    """Write a table as Excel-friendly UTF-8 CSV with fixed float formatting (``exact``: every
    float as the shortest text that reads back to the same number, for intermediates that later
    steps compute from); a text cell that would start a formula is written as text."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    float_format = None if exact else FLOAT_FORMAT
    text = [c for c in frame.columns if _texts(frame[c])]
    if any(as_text_cell(c) != c for c in frame.columns):  # a header of case labels (a matrix)
        frame = frame.copy()
        frame.columns = [as_text_cell(c) for c in frame.columns]
        text = [as_text_cell(c) for c in text]
    if text or (index and _texts(frame.index)):
        frame = frame.copy()
        for column in text:
            frame[column] = frame[column].map(as_text_cell)
        if index and _texts(frame.index):
            frame.index = frame.index.map(as_text_cell)
    frame.to_csv(path, index=index, encoding=CSV_ENCODING, float_format=float_format, lineterminator="\n")


def read_table(path: str | Path, dtype=None, **kwargs) -> pd.DataFrame:
    """Read a table written by :func:`write_table`.

    Text columns (:data:`TEXT_COLUMNS`, or every column with ``dtype=str``) stay text, with empty
    cells as ''; in numeric columns an empty cell is NaN; ``True``/``False`` columns are booleans.
    A file without even a header reads as an empty table.
    """
    try:
        columns = pd.read_csv(path, encoding=CSV_ENCODING, nrows=0, **kwargs).columns
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    if dtype is None:
        dtype = {c: str for c in columns if c in TEXT_COLUMNS}
    frame = pd.read_csv(path, encoding=CSV_ENCODING, keep_default_na=False, na_values=[""], dtype=dtype, **kwargs)
    text = [
        c
        for c in frame.columns
        if c in TEXT_COLUMNS or not (pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))
    ]
    frame[text] = frame[text].fillna("")
    frame.columns = [_from_text_cell(c) for c in frame.columns]
    text = [_from_text_cell(c) for c in text]
    for column in text:
        if _texts(frame[column]):
            frame[column] = frame[column].map(_from_text_cell)
    if _texts(frame.index):
        frame.index = frame.index.map(_from_text_cell)
    return frame


def write_matrix(matrix: np.ndarray, labels: list[str], path: str | Path) -> None:
    """Write a square case × case matrix with the labels as header and first column."""
    frame = pd.DataFrame(np.asarray(matrix, dtype=float), index=labels, columns=labels)
    frame.index.name = "case"
    write_table(frame, path, index=True)


def read_matrix(path: str | Path) -> tuple[np.ndarray, list[str]]:
    """Read a matrix written by :func:`write_matrix`: (values, labels)."""
    frame = read_table(path, index_col=0)
    return frame.to_numpy(dtype=float), [str(c) for c in frame.columns]


def write_sparse(matrix, terms: list[str], path: str | Path) -> None:
    """A (rows × terms) sparse matrix as ``path`` (.npz) with its terms beside it (``path`` + ``.terms.txt``)."""
    from scipy import sparse

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    sparse.save_npz(path, sparse.csr_matrix(matrix), compressed=False)
    write_text("\n".join(terms) + "\n", f"{path}.terms.txt")


def read_sparse(path: str | Path):
    """``(matrix, terms)`` written by :func:`write_sparse`."""
    from scipy import sparse

    terms = Path(f"{path}.terms.txt").read_text(encoding="utf-8").split("\n")[:-1]
    return sparse.load_npz(path), terms


def write_jsonl(records: Iterable[dict], path: str | Path) -> None:
    """Write one JSON object per line, UTF-8, keys in a fixed order as given."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Stream the objects of a JSON-lines file."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def write_json(data, path: str | Path) -> None:
    """Write pretty, sorted, UTF-8 JSON."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
        handle.write("\n")


def write_text(text: str, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(text, encoding="utf-8", newline="\n")


def read_word_list(path: str | Path) -> list[str]:
    """Lines of a user-edited word list: BOM, CRLF, blank lines and ``#`` comments tolerated, and
    read like a corpus file: UTF-8, UTF-16 with a BOM, GB18030 (Notepad's "ANSI" on a Chinese
    Windows) or Big5; a binary or undecodable file is an :class:`InputError` naming it."""
    try:
        text = decode_text_file(Path(path).read_bytes())
    except ValueError as exc:
        raise InputError(
            f"{path}: cannot be read as a word list ({exc}); save it as text, one word per line (UTF-8 or GBK)"
        ) from None
    words = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


def describe_failure(error: BaseException) -> str:
    """The one line a researcher can act on for a step's failure, '' for an unexpected one (then
    the traceback is shown): the message of an :class:`InputError`, or a full disk with the file
    being written."""
    import errno

    if isinstance(error, InputError):
        return str(error)
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        where = f" at {error.filename}" if error.filename else ""
        return (
            f"the disk is full{where}: free some space (older runs' folders under results/ can go) and run the same "
            "command again; the steps that finished are kept"
        )
    if isinstance(error, MemoryError):
        return (
            "out of memory: lower corpus.shard_size or corpus.shard_chars in the config (smaller jobs), or run with "
            "fewer --cores"
        )
    return ""


class _Tee:
    def __init__(self, *streams):
        self.streams = streams

    def write(self, text):
        for stream in self.streams:
            stream.write(text)
            stream.flush()

    def flush(self):
        for stream in self.streams:
            stream.flush()


def log_to(path: str | Path) -> None:
    """Send a pipeline step's messages to its log file (``log:`` of its rule) and the console.

    An :class:`InputError` is shown as one line, ``Error: …``, without a traceback.
    """
    import logging
    import sys
    import traceback

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole step
    console = sys.__stderr__
    sys.stderr = _Tee(handle, console)
    logging.basicConfig(stream=handle, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", force=True)
    logging.captureWarnings(True)

    def hook(kind, error, trace):
        said = describe_failure(error)
        if said:
            sys.stderr.write(f"Error: {said}\n")
        else:
            sys.stderr.write("".join(traceback.format_exception(kind, error, trace)))

    sys.excepthook = hook


def progress(items: Iterable, total: int, what: str, seconds: float = 10.0) -> Iterator:
    """Yield ``items`` unchanged, telling the step log and the console how far a long step is:
    ``clean: 1200/10000 documents (12%), 35 s so far, about 4 min left``, at most every
    ``seconds`` and once at the end, so a long run is never silent and a short one barely speaks."""
    import sys
    import time

    start = last = time.monotonic()
    done = 0
    for item in items:
        yield item
        done += 1
        now = time.monotonic()
        if now - last >= seconds or done == total:
            last = now
            elapsed = now - start
            left = elapsed / done * (total - done) if done else 0.0
            share = f" ({done / total:.0%})" if total else ""
            sys.stderr.write(
                f"{what}: {done}/{total}{share}, {_duration(elapsed)} so far, about {_duration(left)} left\n"
            )


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def failed_step_messages(log_dir: str | Path, since: float) -> str:
    """What went wrong in the steps that failed in this run, for the end of the console output:
    the ``Error: …`` line of each step log written since ``since`` (a time stamp), or the last
    line of an unexpected traceback with the log to send with a bug report."""
    lines = []
    for path in sorted(Path(log_dir).glob("*.log")):
        if path.stat().st_mtime < since:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        errors = [line for line in text.splitlines() if line.startswith("Error: ")]
        if errors:
            lines.append(f"{errors[-1]}\n  (step log: {path})")
        elif "Traceback (most recent call last)" in text:
            last = text.strip().splitlines()[-1]
            lines.append(f"Error: a step failed unexpectedly: {last}\n  (please report it with the step log: {path})")
    if not lines:
        return "govtopics stopped: see the messages above."
    return "\ngovtopics stopped.\n" + "\n".join(lines)


def stage(snakemake):
    """Start a stage's script: its log, then its inputs, outputs and params (Snakemake's objects).

    Every stage has one shape: the script reads its inputs, calls one library function that
    returns the stage's results keyed by the rule's output names, and :func:`write_outputs`
    writes each by its type."""
    log_to(snakemake.log[0])
    return snakemake.input, snakemake.output, snakemake.params


def write_outputs(results: dict, out, exact: tuple[str, ...] = ()) -> None:
    """Write a stage's ``results`` to the rule's outputs of the same names, each by its type: a
    DataFrame as a table (``exact`` names: every float exact), (array, labels) as a square matrix,
    (sparse matrix, terms) as sparse weights, a dict as JSON, a str as text, any other iterable
    as JSON lines (streamed). A result the rule has no output for is an error."""
    from scipy import sparse

    for name, value in results.items():
        path = out[name]
        if isinstance(value, pd.DataFrame):
            write_table(value, path, exact=name in exact)
        elif isinstance(value, tuple) and sparse.issparse(value[0]):
            write_sparse(*value, path)
        elif isinstance(value, tuple):
            write_matrix(*value, path)
        elif isinstance(value, dict):
            write_json(value, path)
        elif isinstance(value, str):
            write_text(value, path)
        else:
            write_jsonl(value, path)


def write_array(array: np.ndarray, path: str | Path) -> None:
    """A numpy array in its own binary format (hashes between two stages)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        np.save(handle, array, allow_pickle=False)


def read_array(path: str | Path) -> np.ndarray:
    return np.load(path, allow_pickle=False)


_HELD: list = []  # the open lock files of this process (a lock lasts as long as its file is open)


def hold_run_lock(folder: str | Path) -> None:
    """Take the lock of a run's results folder for the life of this process, or stop with one line
    if another run holds it. Two runs writing one folder break each other: following Snakemake's
    own advice in the second (--unlock, then --rerun-incomplete) deleted the files the first was
    writing, and the first ended in "please report". The operating system lets the lock go when its
    process ends, even killed, so it never needs unlocking."""
    import datetime as dt
    import fcntl
    import os

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / ".govtopics.lock", "a+", encoding="utf-8")  # noqa: SIM115 - kept open: it is the lock
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise InputError(
            f"another govtopics run is writing {folder}/ ({holder}): let it finish, or stop it first (Ctrl+C in its "
            "terminal); Snakemake's --unlock does not stop it, and --rerun-incomplete would delete the files it is "
            "writing. To run beside it, give this run another name (--config run=NAME)"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"process {os.getpid()}, started {dt.datetime.now().isoformat(timespec='seconds')}\n")
    handle.flush()
    _HELD.append(handle)
