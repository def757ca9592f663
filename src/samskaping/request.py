"""What a Voilà page knows about the request that opened it.

A preheated Voilà kernel runs the notebook *before* anyone asks for the page,
so the query string (the join code) is not there yet. The kit waits for it
only in that case: importing ``voila.utils`` costs seconds, which a preheated
kernel pays while it waits in the pool, not while a participant waits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import parse_qs

__all__ = ["PageRequest", "page_request"]


@dataclass(frozen=True)
class PageRequest:
    """The parts of a request a page uses: its query and where it was served."""

    query: dict[str, str] = field(default_factory=dict)
    base_url: str = ""

    @classmethod
    def from_query_string(cls, query_string: str, base_url: str = "") -> "PageRequest":
        """
        >>> PageRequest.from_query_string("kode=ab12cd&lang=en").query
        {'kode': 'ab12cd', 'lang': 'en'}
        """
        parsed = parse_qs(query_string or "", keep_blank_values=False)
        return cls({key: values[-1] for key, values in parsed.items()}, base_url)

    def get(self, key: str, default: str = "") -> str:
        return self.query.get(key, default)


def page_request() -> PageRequest:
    """The request of the page this kernel serves (waiting for it if preheated)."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import wait_for_request

        wait_for_request()
    return PageRequest.from_query_string(os.environ.get("QUERY_STRING", ""), _base_url())


def _base_url() -> str:
    """The address participants use: set by ``samskaping serve``, else the request's host."""
    if os.environ.get("SAMSKAPING_URL"):
        return os.environ["SAMSKAPING_URL"].rstrip("/")
    host = os.environ.get("SERVER_NAME", "")
    port = os.environ.get("SERVER_PORT", "")
    if not host:
        return ""
    return f"http://{host}:{port}" if port else f"http://{host}"
