"""The static corpus browser: documents, predictions, statistics and leaderboard results in; HTML pages and SVG plots out. Pure.

`caveat render` (:mod:`caveat.commands.render`) is the IO edge that reads the corpus and writes what
:func:`build_site` returns.
"""
from __future__ import annotations

from .site import build_site

__all__ = ["build_site"]
