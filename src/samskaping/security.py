"""What someone in the room can do to the server, and what the server lets them.

On a venue's wifi every phone in the room can reach ``samskaping serve``, so
the server must allow a participant only what the participant page offers.
Three parts, each used by :mod:`samskaping.voila_app`:

- **The kernel channel** (:class:`PageChannelsConnection`). Every page talks
  to its own Python kernel over ``/api/kernels/<id>/channels``. Voilà already
  drops ``execute_request`` and other code messages, but it lets a page open a
  comm to *any* target, so a browser could create any widget class inside its
  kernel. Here a page may send only what the ipywidgets 8 front end sends:
  ``kernel_info_request``, ``comm_info_request``, ``comm_msg``,
  ``comm_close`` and a ``comm_open`` to ``jupyter.widget.control``, all on
  the shell channel (:func:`allowed_message`).
- **The page cap** (:class:`SamskapingLimits`). Each page GET starts a
  55-105 MB kernel; past ``max_pages`` open pages the server answers with a
  short page in the reader's language and HTTP 503 (:func:`full_page`)
  instead of starting one more. Kernels waiting in a pool do not count.
- **The request log** (:func:`strip_query`, :class:`QueryFreeLogFilter`,
  :func:`log_request`). A join code or a token can be in a query string, so
  no log line keeps one.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import weakref

from jupyter_server.services.kernels.connection.base import (
    deserialize_binary_message,
    deserialize_msg_from_ws_v1,
)
from jupyter_server.services.kernels.connection.channels import (
    ZMQChannelsWebsocketConnection,
)
from tornado.log import access_log, app_log, gen_log
from traitlets import Int, default
from traitlets.config import Configurable

from .messages import t

__all__ = [
    "PAGE_MESSAGE_TYPES",
    "WIDGET_CONTROL_TARGET",
    "DEFAULT_MAX_PAGES",
    "RETRY_SECONDS",
    "allowed_message",
    "PageChannelsConnection",
    "SamskapingLimits",
    "pages_in_use",
    "full_page",
    "strip_query",
    "QueryFreeLogFilter",
    "install_query_free_logging",
    "log_request",
]

# What the ipywidgets 8 front end sends on a Voilà page (recorded from the
# participant page, see tests/security/test_kernel_channel.py).
PAGE_MESSAGE_TYPES = frozenset({"kernel_info_request", "comm_info_request", "comm_open", "comm_msg", "comm_close"})
WIDGET_CONTROL_TARGET = "jupyter.widget.control"
_V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"

DEFAULT_MAX_PAGES = 120
MAX_PAGES_ENV = "SAMSKAPING_MAX_PAGES"
RETRY_SECONDS = 30


# -- the kernel channel ----------------------------------------------------


def allowed_message(channel: object, msg_type: object, target_name: object = None) -> bool:
    """Whether a page may send this message to its kernel.

    ``target_name`` matters only for ``comm_open``: the widget manager opens
    ``jupyter.widget.control`` to fetch the widgets' state; a comm to
    ``jupyter.widget`` would build a new widget of any class in the kernel.

    >>> allowed_message("shell", "comm_msg")
    True
    >>> allowed_message("shell", "comm_open", "jupyter.widget.control")
    True
    >>> allowed_message("shell", "comm_open", "jupyter.widget")
    False
    >>> allowed_message("shell", "execute_request"), allowed_message("control", "comm_msg")
    (False, False)
    """
    if channel != "shell" or not isinstance(msg_type, str) or msg_type not in PAGE_MESSAGE_TYPES:
        return False
    return msg_type != "comm_open" or target_name == WIDGET_CONTROL_TARGET


class PageChannelsConnection(ZMQChannelsWebsocketConnection):
    """jupyter_server's kernel websocket, passing on only what a page's widgets send.

    Everything else is dropped with a warning that names the message type
    (never its content); the connection stays open for the page's widgets.
    Voilà's own ``allowed_message_types`` check still runs after this one.
    """

    def handle_incoming_message(self, incoming_msg) -> None:
        try:
            channel, msg_type, target_name = self._peek(incoming_msg)
        except Exception:  # noqa: BLE001 - unreadable (bad JSON, short frame, wrong types): drop it
            self.log.warning("Dropped a kernel message from a page that could not be read.")
            return
        if not allowed_message(channel, msg_type, target_name):
            self.log.warning(
                "Dropped a %.40r message on the %.20r channel from a page: pages may only talk to their widgets.",
                msg_type, channel,
            )
            return
        super().handle_incoming_message(incoming_msg)

    def _peek(self, ws_msg) -> tuple[object, object, object]:
        """``(channel, msg_type, comm target)`` of a message, read the way jupyter_server reads it."""
        if self.subprotocol == _V1_PROTOCOL:
            channel, parts = deserialize_msg_from_ws_v1(ws_msg)
            header = self.session.unpack(parts[0])
            content = self.session.unpack(parts[3]) if header.get("msg_type") == "comm_open" else {}
        else:
            msg = deserialize_binary_message(ws_msg) if isinstance(ws_msg, bytes) else json.loads(ws_msg)
            channel, header, content = msg.get("channel"), msg["header"], msg.get("content") or {}
        target_name = content.get("target_name") if header.get("msg_type") == "comm_open" else None
        return channel or "shell", header.get("msg_type"), target_name


# -- the page cap -----------------------------------------------------------


def pages_in_use(kernel_manager) -> int:
    """Kernels that serve a page, or are being started for one: all but those waiting ready in a pool.

    Reads Voilà 0.5's pools (``_pools``: notebook -> tasks whose result holds
    the ``kernel_id``). Without pools every kernel counts, which errs on the
    side of refusing. A pool kernel still being prepared also counts. O(k).
    """
    waiting = set()
    for pool in getattr(kernel_manager, "_pools", {}).values():
        for task in pool:
            if task.done() and not task.cancelled() and task.exception() is None:
                waiting.add(task.result().get("kernel_id"))
    return len(set(kernel_manager.list_kernel_ids()) - waiting)


class SamskapingLimits(Configurable):
    """How many pages ``samskaping serve`` keeps open at once.

    Set with ``--SamskapingLimits.max_pages=N`` or the environment variable
    ``SAMSKAPING_MAX_PAGES``. The facilitator's pages (everything but the
    participant page) may use ``staff_reserve`` more, so a full room does not
    lock the facilitator out. Page requests still loading count as open, so
    a burst of requests cannot slip past the cap before their kernels exist.
    """

    max_pages = Int(
        help="Most participant pages open at once (each one is a Python kernel of 55-105 MB). "
        f"Default: ${MAX_PAGES_ENV}, else {DEFAULT_MAX_PAGES}.",
        min=1,
    ).tag(config=True)
    staff_reserve = Int(
        4, min=0, help="Extra pages for the facilitator's notebooks once the participants have filled max_pages."
    ).tag(config=True)

    @default("max_pages")
    def _max_pages_from_env(self) -> int:
        value = os.environ.get(MAX_PAGES_ENV, "").strip()
        if not value:
            return DEFAULT_MAX_PAGES
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"{MAX_PAGES_ENV} must be a whole number of at least 1, not {value!r}.")
        return int(value)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._opening: weakref.WeakSet = weakref.WeakSet()

    def limit_for(self, participant_page: bool) -> int:
        return self.max_pages if participant_page else self.max_pages + self.staff_reserve

    def admit(self, request, kernel_manager, *, participant_page: bool) -> bool:
        """Count ``request`` as a page being opened, unless that would pass the cap."""
        if pages_in_use(kernel_manager) + len(self._opening) >= self.limit_for(participant_page):
            return False
        self._opening.add(request)
        return True

    def opened(self, request) -> None:
        """``request`` has its kernel now (or failed): its kernel counts from here on."""
        self._opening.discard(request)


def full_page(lang: str, seconds: int = RETRY_SECONDS) -> str:
    """The page a phone gets when the server is full: it says so, and tries again by itself.

    >>> "Fullt akkurat nå" in full_page("nb")
    True
    """
    title = html.escape(t("security.full.title", lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="refresh" content="{int(seconds)}"><title>{title}</title>'
        "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;font-size:1.1rem}a{display:inline-block;padding:.75rem 1.25rem;background:#1f5fa8;"
        "color:#fff;border-radius:.4rem;text-decoration:none}</style></head><body>"
        f"<h1>{title}</h1><p>{html.escape(t('security.full.body', lang, seconds=int(seconds)))}</p>"
        f"<p>{html.escape(t('security.full.help', lang))}</p>"
        f'<p><a href="">{html.escape(t("security.full.retry", lang))}</a></p></body></html>\n'
    )


# -- the request log ----------------------------------------------------------

# A "?" glued to a path, and everything after it up to a space, quote or bracket.
_QUERY = re.compile(r"(?<=[^\s?])\?[^\s'\"()<>]+")


def strip_query(text: str) -> str:
    """``text`` with the query string cut off every URL in it.

    >>> strip_query("404 GET /voila/render/deltaker.ipynb?kode=AB12CD&lang=en (10.0.0.7) 2.10ms")
    '404 GET /voila/render/deltaker.ipynb (10.0.0.7) 2.10ms'
    >>> strip_query("HTTPServerRequest(uri='/x?token=abc', host='h')")
    "HTTPServerRequest(uri='/x', host='h')"
    >>> strip_query("Is this a question? Yes.")
    'Is this a question? Yes.'
    """
    return _QUERY.sub("", text)


class QueryFreeLogFilter(logging.Filter):
    """Rewrite each record so that neither its message nor its traceback holds a query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = strip_query(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = strip_query(record.exc_text)
        return True


def install_query_free_logging(*loggers: logging.Logger) -> QueryFreeLogFilter:
    """Filter ``loggers`` and tornado's, and give stray warnings a filtered handler too.

    Tornado logs failed requests with their full URI (``tornado.access`` and
    ``tornado.general``), and without a root handler Python prints those
    unfiltered; here the root gets a stderr handler (warnings and worse, as
    before) that passes through the same filter.
    """
    query_filter = QueryFreeLogFilter()
    for logger in (*loggers, access_log, app_log, gen_log):
        if not any(isinstance(f, QueryFreeLogFilter) for f in logger.filters):
            logger.addFilter(query_filter)
    root = logging.getLogger()
    if not any(isinstance(f, QueryFreeLogFilter) for h in root.handlers for f in h.filters):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("[%(name)s] %(levelname)s | %(message)s"))
        handler.addFilter(query_filter)
        root.addHandler(handler)
    return query_filter


def log_request(handler) -> None:
    """Tornado's access log line (``log_function``), with the path but never the query string.

    Levels as tornado's, except that a page refused because the server is full
    (503, retried every 30 s by each waiting phone) is a warning, not an error.
    """
    status = handler.get_status()
    level = logging.INFO if status < 400 else logging.WARNING if status < 500 or status == 503 else logging.ERROR
    request = handler.request
    access_log.log(
        level, "%d %s %s (%s) %.2fms",
        status, request.method, request.path, request.remote_ip, 1000.0 * request.request_time(),
    )
