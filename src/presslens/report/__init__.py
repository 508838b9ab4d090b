"""Renderers of an :class:`~presslens.schema.Analysis`: HTML report, Markdown and terminal text."""

from __future__ import annotations

from .html import render_html
from .markdown import render_markdown
from .text import render_text

__all__ = ["render_html", "render_markdown", "render_text"]
