"""prep_lib: the helper package behind the second-interview prep notebooks."""

from prep_lib.errors import DocumentError, PrepError

__all__ = ["DocumentError", "PrepError"]
__version__ = "0.1.0"
