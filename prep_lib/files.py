"""Writing the user's files: whole or not at all, readable by their owner only.

``write_private`` is the one way the package writes a file: the content goes to a temporary
file beside the target, is flushed to disk, and replaces the target in one step, so a crash, a
full disk or a refused folder leaves the old file as it was and no temporary file behind.
``write_version`` saves beside an earlier version instead of over it (saved plans, reports).
``create_private`` makes an empty owner-only file (the interview log's SQLite file).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from prep_lib.errors import PrepError, SaveError


def write_private(
    path: str | os.PathLike[str],
    content: str | bytes,
    *,
    error: type[PrepError] = SaveError,
) -> Path:
    """Write ``content`` (text as UTF-8) to ``path``, owner-only, replacing any old file only
    once the new one is complete; return the path. Failures raise ``error`` with the reason."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    temporary: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, name = tempfile.mkstemp(prefix=f".{target.name[:100]}.", dir=target.parent)
        temporary = Path(name)  # mkstemp makes it readable by its owner only
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise error(
            f"Cannot save {target} ({exc.strerror or exc}); nothing was changed. Choose a "
            "folder you can write to, with space left on its disk."
        ) from None
    return target


def create_private(path: str | os.PathLike[str], *, error: type[PrepError] = SaveError) -> Path:
    """Create an empty file readable by its owner only (its folder too), unless it exists."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise error(f"Cannot create {target} ({exc.strerror or exc}).") from None
    return target


def write_version(
    path: str | os.PathLike[str],
    content: str | bytes,
    *,
    error: type[PrepError] = SaveError,
) -> Path:
    """Write ``content`` as ``write_private`` does, but never over a file that holds something
    else: then the next free ``<name> (2).<suffix>``, ``(3)``... is written, so every version
    saved is kept. When ``path`` or one of its versions already holds exactly this content,
    nothing is written. Returns the file that holds the content."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    for number in range(1, 10_000):
        candidate = (
            target if number == 1 else target.with_name(f"{target.stem} ({number}){target.suffix}")
        )
        try:
            if candidate.read_bytes() == data:
                return candidate
        except (FileNotFoundError, NotADirectoryError):  # a folder refused: write_private says
            return write_private(candidate, data, error=error)
        except OSError as exc:
            raise error(
                f"Cannot save {candidate}: the file there cannot be read to compare "
                f"({exc.strerror or exc}); nothing was changed."
            ) from None
    raise error(f"{target.parent} holds 10,000 versions of {target.name}; move some away.")
