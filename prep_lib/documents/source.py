"""Where a document comes from: a path, a ``(filename, bytes)`` pair or a FileUpload entry.

A path must name a regular file: a folder, a named pipe (FIFO), a device such as ``/dev/zero``,
a socket, a broken link or a link loop each get their own message, and none of them is read (a
FIFO is never opened, so reading cannot hang). At most ``MAX_BYTES`` + 1 bytes are ever read.
Messages show names without control characters, and a library's complaint in short.
"""

import errno
import os
import stat
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from prep_lib.documents import limits
from prep_lib.errors import DocumentError

TEXT_TYPES = (".txt", ".md")
HTML_TYPES = (".html", ".htm")
SUPPORTED_TYPES = (*TEXT_TYPES, ".pdf", ".docx", *HTML_TYPES)

_OTHER_TYPES = {
    ".doc": " Open it in Word and save it as .docx or PDF.",
    ".rtf": " Open it in a word processor and save it as .docx or PDF.",
    ".odt": " Save it from your word processor as .docx or PDF.",
    ".pages": " Export it from Pages as .docx or PDF.",
}
_NOT_A_FILE = {
    stat.S_IFDIR: "is a folder, not a file. Pick the document inside it.",
    stat.S_IFIFO: (
        "is a named pipe (FIFO), not a saved file, and is not read: reading it would wait for "
        "another program to write into it. Save the document as a file and pick that file."
    ),
    stat.S_IFCHR: "is a device, not a document, and is not read. Pick the document file itself.",
    stat.S_IFBLK: "is a disk device, not a document, and is not read. Pick the document file.",
    stat.S_IFSOCK: "is a socket, not a document, and is not read. Pick the document file itself.",
}


def read_source(source: Any) -> tuple[str, bytes]:
    """The name to show and the bytes of ``source``; ``DocumentError`` for anything else."""
    if isinstance(source, Mapping) and "content" in source:
        source = (source.get("name") or "upload", source["content"])
    if isinstance(source, tuple) and len(source) == 2:
        name, data = source
        if not isinstance(name, str) or not isinstance(data, bytes | bytearray | memoryview):
            raise DocumentError(
                "An upload must be a (filename, bytes) pair, such as one entry of a FileUpload "
                f"widget's value; got ({type(name).__name__}, {type(data).__name__})."
            )
        check_name_and_size(name, len(data))
        return shown(name), bytes(data)
    if isinstance(source, str | os.PathLike):
        return _read_path(source)
    raise DocumentError(
        "load_text expects a file path or a (filename, bytes) pair, "
        f"not {type(source).__name__}. Pass the path of your resume or posting as text."
    )


def shown(name: str) -> str:
    """A file name as messages show it: no control or bidirectional-override characters (which
    could disguise ``cv\u202etxt.exe`` as ``cvexe.txt``), at most 200 characters (the end,
    with the extension, kept)."""
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return name if len(name) <= 200 else f"{name[:180]}…{name[-19:]}"


def detail(exc: Exception) -> str:
    """A library's complaint cut to a readable length, without the raw bytes some of them quote."""
    text = str(exc).split(" starting with ")[0].splitlines()[0] if str(exc) else ""
    text = "".join(ch for ch in text if ch.isprintable())
    return (text[:100] + "…" if len(text) > 100 else text) or type(exc).__name__


def check_name_and_size(name: str, size: int) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_TYPES:
        hint = _OTHER_TYPES.get(
            suffix, " Save or export it in one of these formats, or paste the text instead."
        )
        what = f"type {shown(suffix)}" if suffix else "no file extension"
        raise DocumentError(
            f"{shown(name)} has {what}, which cannot be read. Supported types: "
            f"{', '.join(SUPPORTED_TYPES)}.{hint}"
        )
    if size == 0:
        raise DocumentError(
            f"{shown(name)} is empty (0 bytes). Check that you picked the right file."
        )
    if size > limits.MAX_BYTES:
        raise DocumentError(
            f"{shown(name)} is {size / limits.MiB:.1f} MB, over the "
            f"{limits.MAX_BYTES // limits.MiB} MB limit for documents. Resumes and postings are "
            "far smaller: export the text only, or remove images and save again."
        )


def _read_path(source: str | os.PathLike[str]) -> tuple[str, bytes]:
    try:
        path = Path(source).expanduser()
    except TypeError:  # a path-like object that gives bytes
        raise DocumentError(
            "load_text expects a path as text (str or pathlib.Path), not as bytes. Pass the path "
            "of your resume or posting as text."
        ) from None
    except RuntimeError:  # "~user" for an unknown user, or no home folder
        raise DocumentError(
            f"{shown(os.fspath(source))}: the home folder in this path cannot be found. Write "
            "the full path instead."
        ) from None
    where = shown(str(path))
    try:
        info = path.stat()
    except ValueError:  # a NUL character in the path
        raise DocumentError(f"{where} is not a valid path. Check the path and try again.") from None
    except OSError as exc:
        raise DocumentError(f"{where} {_stat_problem(path, exc)}") from None
    _require_regular(where, info.st_mode)
    check_name_and_size(path.name, info.st_size)
    try:
        # Non-blocking: should the path be swapped for a FIFO after the check, opening it cannot
        # wait for a writer; the check below then refuses it.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise DocumentError(f"{where} {_open_problem(exc)}") from None
    with os.fdopen(descriptor, "rb") as file:
        _require_regular(where, os.fstat(file.fileno()).st_mode)
        try:
            data = file.read(limits.MAX_BYTES + 1)
        except OSError as exc:
            raise DocumentError(f"{where} {_open_problem(exc)}") from None
    check_name_and_size(path.name, len(data))  # the file may have changed since the check
    return shown(path.name), data


def _require_regular(where: str, mode: int) -> None:
    if not stat.S_ISREG(mode):
        problem = _NOT_A_FILE.get(
            stat.S_IFMT(mode), "is not a regular file and is not read. Pick the document file."
        )
        raise DocumentError(f"{where} {problem}")


def _stat_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return (
            "is a symbolic link that leads back to itself (a link loop), so there is no file to "
            "read. Pick the document itself, or fix the link."
        )
    if exc.errno == errno.ENOENT and path.is_symlink():
        try:
            target = shown(os.readlink(path))
        except OSError:  # the link went away meanwhile
            target = "another file"
        return (
            f"is a link to {target}, which does not exist (it was moved or deleted). Pick the "
            "document itself."
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "does not exist. Check the path and try again."
    if exc.errno == errno.ENAMETOOLONG:
        return "is a name too long for this computer. Check the path and try again."
    return _open_problem(exc)


def _open_problem(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            "cannot be opened: you do not have permission to read it. Copy it to a folder of "
            "yours (such as Documents) and load the copy."
        )
    return (
        f"cannot be opened ({exc.strerror or type(exc).__name__}). Check that you may read it and "
        "that no other program holds it open."
    )
