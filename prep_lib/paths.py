"""Where things live: the sample candidate in the project, the user's files in their data folder.

The data folder is platformdirs' user data folder for "second-interview-prep" (for example
``~/.local/share/second-interview-prep`` on Linux), or the folder named by the environment variable
``PREP_LIB_HOME`` when it is set. Tests and demos set ``PREP_LIB_HOME`` so that they never touch a
real one. Nothing personal is ever written inside the project folder.
"""

import os
from pathlib import Path

import platformdirs

from prep_lib.errors import PrepError

APP_NAME = "second-interview-prep"
HOME_ENV = "PREP_LIB_HOME"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"


def sample_path(name: str = "") -> Path:
    """Path of a file of the fictional sample candidate (``data/sample/<name>``)."""
    if not SAMPLE_DIR.is_dir():
        raise PrepError(
            f"The sample data folder {SAMPLE_DIR} is missing. Install prep_lib from a copy of the "
            "project (pip install -e .) so that data/sample/ sits next to the package."
        )
    path = SAMPLE_DIR / name
    if name and not path.exists():
        raise PrepError(f"The sample file {name!r} does not exist in {SAMPLE_DIR}.")
    return path


def data_home() -> Path:
    """The user's data folder, created (readable by its owner only) on first use."""
    override = os.environ.get(HOME_ENV, "").strip()
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))
    home = home.resolve()
    if home == PROJECT_ROOT or PROJECT_ROOT in home.parents:
        raise PrepError(
            f"The data folder {home} is inside the project folder, where personal files could end "
            f"up in the repository. Point {HOME_ENV} at a folder outside {PROJECT_ROOT}."
        )
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise PrepError(
            f"Cannot create the data folder {home} ({exc.strerror}). Set {HOME_ENV} to a folder "
            "you can write to."
        ) from None
    return home


def outside_project(path: str | os.PathLike[str], *, error: type[PrepError] = PrepError) -> Path:
    """``path`` made absolute, refused with ``error`` when it lies inside the project folder,
    where personal files could end up in the repository."""
    resolved = Path(path).expanduser().resolve()
    if resolved == PROJECT_ROOT or PROJECT_ROOT in resolved.parents:
        raise error(
            f"{resolved} is inside the project folder, where personal data could end up in the "
            "repository. Keep your files in your data folder (the default) or another folder "
            "outside the project."
        )
    return resolved


def user_path(name: str) -> Path:
    """Path of a file in the user's data folder (the folder is created; the file is not)."""
    return data_home() / name
