"""A config file of parameters: a small TOML file, read safely (a regular file, at most 1 MiB), whose
numbers are read exactly from their text."""

from __future__ import annotations

import stat
import tomllib
from decimal import Decimal
from pathlib import Path

from .numbers import ParameterError

__all__ = ["MAX_CONFIG_BYTES", "load_config"]

#: A config file is read only up to this size.
MAX_CONFIG_BYTES = 1 << 20


def load_config(path: str | Path) -> dict[str, object]:
    """Read a TOML config file into a mapping for :meth:`Params.from_mapping`.

    TOML floats are read as exact Decimals from their text (never through float). Errors name the file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
    ...     _ = f.write('slope = 7\\nnudge = 0.01\\npoints = [-3, 0.5]\\n')
    >>> load_config(f.name)
    {'slope': 7, 'nudge': Decimal('0.01'), 'points': [-3, Decimal('0.5')]}
    >>> os.unlink(f.name)
    """
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would hang, /dev/zero would never end
            raise ParameterError("config", f"{path} is not a regular file")
        if info.st_size > MAX_CONFIG_BYTES:
            raise ParameterError(
                "config", f"{path} is larger than {MAX_CONFIG_BYTES} bytes; a config is a few lines"
            )
        with path.open("rb") as f:
            raw = f.read(MAX_CONFIG_BYTES + 1)
    except OSError as err:
        raise ParameterError("config", f"cannot read {path}: {err.strerror or err}") from None
    if len(raw) > MAX_CONFIG_BYTES:  # grew since it was looked at
        raise ParameterError(
            "config", f"{path} is larger than {MAX_CONFIG_BYTES} bytes; a config is a few lines"
        )
    try:
        text = raw.decode("utf-8")
        return tomllib.loads(text, parse_float=Decimal)
    except UnicodeDecodeError:
        raise ParameterError("config", f"{path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise ParameterError("config", f"{path} is not valid TOML: {err}") from None
    except RecursionError:  # (tomllib reads nested arrays and tables by recursion)
        raise ParameterError(
            "config", f"{path} nests its values too deeply; a config is a few lines"
        ) from None
