"""The render's own error: a render that cannot complete, with one line for the user. Here, below
every module that raises it, so that none of them imports another only for its name."""

from __future__ import annotations

__all__ = ["RenderError"]


class RenderError(RuntimeError):
    """A render that cannot complete; its message is one line for the user."""
