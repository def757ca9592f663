"""What someone in the room can do to the server, and what the server lets them.

On a venue's wifi every phone in the room can reach ``samskaping serve``, so
the server must allow a participant only what the participant page offers.
Three parts, each used by :mod:`samskaping.server.app`:

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
  One device (one remote address) may hold at most ``max_pages_per_address``
  of them, so a single phone or laptop on the venue's wifi cannot fill the
  cap; the machine itself (loopback) is exempt.
- **Login throttling** (:meth:`SamskapingLimits.login_wait`). At most
  ``login_attempts`` wrong facilitator secrets per address per
  ``login_window_seconds``; past that the login form answers HTTP 429
  without checking the secret (:func:`throttled_page`).
- **The request log** (:func:`strip_query`, :class:`QueryFreeLogFilter`,
  :func:`log_request`). A join code or a token can be in a query string, so
  no log line keeps one.
"""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import math
import os
import re
import time
import weakref
from collections import deque

from jupyter_server.services.kernels.connection.base import deserialize_binary_message, deserialize_msg_from_ws_v1
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado.log import access_log, app_log, gen_log
from traitlets import Bool, Int, default
from traitlets.config import Configurable

from samskaping.core.i18n import t

__all__ = [
    "PAGE_MESSAGE_TYPES", "WIDGET_CONTROL_TARGET", "DEFAULT_MAX_PAGES", "DEFAULT_MAX_PAGES_PER_ADDRESS",
    "RETRY_SECONDS", "FULL", "DEVICE", "allowed_message", "PageChannelsConnection", "SamskapingLimits",
    "pages_in_use", "is_loopback", "full_page", "waiting_page", "warm_kernel_waiting", "throttled_page",
    "strip_query", "QueryFreeLogFilter",
    "install_query_free_logging", "log_request",
]

# What the ipywidgets 8 front end sends on a Voilà page (recorded from the
# participant page, see tests/security/test_kernel_channel.py).
PAGE_MESSAGE_TYPES = frozenset({"kernel_info_request", "comm_info_request", "comm_open", "comm_msg", "comm_close"})
WIDGET_CONTROL_TARGET = "jupyter.widget.control"
_V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"

DEFAULT_MAX_PAGES = 120
DEFAULT_MAX_PAGES_PER_ADDRESS = 6
MAX_PAGES_ENV = "SAMSKAPING_MAX_PAGES"
RETRY_SECONDS = 30
# Why a page request was refused (SamskapingLimits.refusal).
FULL = "full"
DEVICE = "device"
# Addresses whose wrong logins are remembered at once; past it the oldest are forgotten.
_MAX_LOGIN_ADDRESSES = 4096


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


def is_loopback(address: str | None) -> bool:
    """Whether ``address`` is this machine itself (``127.x``, ``::1``, also IPv4-mapped).

    >>> is_loopback("127.0.0.1"), is_loopback("::ffff:127.0.0.2"), is_loopback("192.168.1.20"), is_loopback("x")
    (True, True, False, False)
    """
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


class SamskapingLimits(Configurable):
    """How many pages ``samskaping serve`` keeps open at once, and how often a login may fail.

    Set with ``--SamskapingLimits.max_pages=N`` or the environment variable
    ``SAMSKAPING_MAX_PAGES``. The facilitator's pages (everything but the
    participant page) may use ``staff_reserve`` more, so a full room does not
    lock the facilitator out. Page requests still loading count as open, so
    a burst of requests cannot slip past the cap before their kernels exist.

    Each page's kernel is noted with the address that asked for it
    (:meth:`page_kernel`) and forgotten once the kernel is gone, so one
    address can be held to ``max_pages_per_address`` (plus ``staff_reserve``
    for the facilitator's pages). Loopback is exempt unless ``limit_loopback``:
    the facilitator and the benchmarks open many pages from the machine itself.

    Wrong facilitator secrets are remembered per address for
    ``login_window_seconds`` (at most ``login_attempts`` each, and at most
    4096 addresses), so the state stays small.
    """

    max_pages = Int(
        help="Most participant pages open at once (each one is a Python kernel of 55-105 MB). "
        f"Default: ${MAX_PAGES_ENV}, else {DEFAULT_MAX_PAGES}.",
        min=1,
    ).tag(config=True)
    staff_reserve = Int(
        4, min=0, help="Extra pages for the facilitator's notebooks once the participants have filled max_pages."
    ).tag(config=True)
    max_pages_per_address = Int(
        DEFAULT_MAX_PAGES_PER_ADDRESS, min=1,
        help="Most pages one remote address (one device on the wifi) may have open or opening at once.",
    ).tag(config=True)
    limit_loopback = Bool(
        False, help="Hold this machine itself (127.x, ::1) to max_pages_per_address too (for tests)."
    ).tag(config=True)
    login_attempts = Int(
        5, min=1, help="Wrong facilitator secrets one address may try within login_window_seconds."
    ).tag(config=True)
    login_window_seconds = Int(
        300, min=1, help="How long a wrong facilitator secret counts against its address, in seconds."
    ).tag(config=True)

    @default("max_pages")
    def _max_pages_from_env(self) -> int:
        value = os.environ.get(MAX_PAGES_ENV, "").strip()
        if not value:
            return DEFAULT_MAX_PAGES
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"{MAX_PAGES_ENV} must be a whole number of at least 1, not {value!r}.")
        return int(value)

    def __init__(self, clock=time.monotonic, **kwargs):
        super().__init__(**kwargs)
        self._opening: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # request still opening -> address
        self._requesters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # admitted request -> address
        self._kernel_addresses: dict[str, str | None] = {}  # kernel id -> the address its page came from
        self._wrong_logins: dict[str, deque] = {}  # address -> times of its last wrong secrets
        self._clock = clock

    def limit_for(self, participant_page: bool) -> int:
        return self.max_pages if participant_page else self.max_pages + self.staff_reserve

    def refusal(self, request, kernel_manager, *, participant_page: bool, address: str | None = None) -> str | None:
        """Why ``request`` may not open a page (:data:`FULL` or :data:`DEVICE`), else ``None``.

        ``None`` also counts ``request`` as a page being opened by ``address``.
        The whole server being full wins over one device having too many. O(k)
        in the kernels and page requests open.
        """
        if pages_in_use(kernel_manager) + len(self._opening) >= self.limit_for(participant_page):
            return FULL
        if self._counts(address):
            limit = self.max_pages_per_address + (0 if participant_page else self.staff_reserve)
            if self.pages_of(address, kernel_manager) >= limit:
                return DEVICE
        self._opening[request] = self._requesters[request] = address
        return None

    def admit(self, request, kernel_manager, *, participant_page: bool, address: str | None = None) -> bool:
        """Count ``request`` as a page being opened, unless that would pass a cap."""
        return self.refusal(request, kernel_manager, participant_page=participant_page, address=address) is None

    def opened(self, request) -> None:
        """``request`` has its kernel now (or failed): its kernel counts from here on."""
        self._opening.pop(request, None)

    def page_kernel(self, request, kernel_id: str) -> None:
        """``request`` got ``kernel_id``: note its address for the per-address cap (even if it has hung up).

        Exempt addresses are not noted, so a benchmark from loopback leaves nothing behind.
        """
        address = self._requesters.get(request)
        if self._counts(address):
            self._kernel_addresses[kernel_id] = address
        self.opened(request)

    def pages_of(self, address: str | None, kernel_manager) -> int:
        """Pages ``address`` has open (kernels still alive) or is opening; forgets kernels that are gone."""
        alive = set(kernel_manager.list_kernel_ids())
        for kernel_id in [k for k in self._kernel_addresses if k not in alive]:
            del self._kernel_addresses[kernel_id]
        opened = sum(1 for a in self._kernel_addresses.values() if a == address)
        return opened + sum(1 for a in self._opening.values() if a == address)

    def _counts(self, address: str | None) -> bool:
        return bool(address) and (self.limit_loopback or not is_loopback(address))

    # -- login throttling -----------------------------------------------------

    def login_wait(self, address: str) -> int:
        """Seconds ``address`` must wait before its next try at the secret; 0 if it may try now."""
        failures = self._recent_wrong_logins(address)
        if len(failures) < self.login_attempts:
            return 0
        return max(1, math.ceil(failures[0] + self.login_window_seconds - self._clock()))

    def login_failed(self, address: str) -> None:
        """``address`` typed a wrong secret."""
        failures = self._recent_wrong_logins(address)
        if not failures:
            self._wrong_logins.pop(address, None)
            if len(self._wrong_logins) >= _MAX_LOGIN_ADDRESSES:
                self._forget_old_logins()
            failures = self._wrong_logins[address] = deque(maxlen=self.login_attempts)
        failures.append(self._clock())

    def login_succeeded(self, address: str) -> None:
        """``address`` typed the right secret: its wrong tries are forgotten."""
        self._wrong_logins.pop(address, None)

    def _recent_wrong_logins(self, address: str) -> deque:
        failures = self._wrong_logins.get(address, deque())
        since = self._clock() - self.login_window_seconds
        while failures and failures[0] <= since:
            failures.popleft()
        return failures

    def _forget_old_logins(self) -> None:
        """Drop addresses whose wrong tries have all expired; if still too many, the longest quiet ones."""
        for address in list(self._wrong_logins):
            if not self._recent_wrong_logins(address):
                del self._wrong_logins[address]
        quiet_first = sorted(self._wrong_logins, key=lambda a: self._wrong_logins[a][-1])
        for address in quiet_first[: max(0, len(quiet_first) - _MAX_LOGIN_ADDRESSES + 1)]:
            del self._wrong_logins[address]


def _notice_page(lang: str, title: str, paragraphs: list[str], *, refresh: int | None, retry: str | None,
                 url: str = "") -> str:
    """A short page in the style of the kit's notices: a title, a few sentences, maybe a retry button.

    It reloads itself after ``refresh`` seconds (``url``, else the same address).
    """
    target = f";url={url}" if url else ""
    meta = f'<meta http-equiv="refresh" content="{html.escape(f"{int(refresh)}{target}")}">' if refresh else ""
    button = f'<p><a href="{html.escape(url)}">{html.escape(retry)}</a></p>' if retry else ""
    body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
    title = html.escape(title)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{meta}<title>{title}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;font-size:1.1rem}a{display:inline-block;padding:.75rem 1.25rem;background:#1f5fa8;"
        "color:#fff;border-radius:.4rem;text-decoration:none}</style></head><body>"
        f"<h1>{title}</h1>{body}{button}</body></html>\n"
    )


def full_page(lang: str, seconds: int = RETRY_SECONDS, *, reason: str = FULL) -> str:
    """The page a phone gets when the server (or this device's share of it) is full: it says so, and tries
    again by itself.

    >>> "Fullt akkurat nå" in full_page("nb")
    True
    >>> "mange sider åpne" in full_page("nb", reason=DEVICE)
    True
    """
    part = "security.device" if reason == DEVICE else "security.full"
    return _notice_page(
        lang, t(f"{part}.title", lang),
        [t(f"{part}.body", lang, seconds=int(seconds)), t(f"{part}.help", lang)],
        refresh=seconds, retry=t("security.full.retry", lang),
    )


def waiting_page(lang: str, seconds: int, url: str) -> str:
    """What a phone sees while its page's kernel is still starting: a friendly word, then ``url`` by itself.

    >>> page = waiting_page("nb", 2, "/voila/render/deltaker.ipynb?kode=AB&vent=1")
    >>> "Et øyeblikk" in page, 'content="2;url=/voila/render/deltaker.ipynb?kode=AB&amp;vent=1"' in page
    (True, True)
    """
    return _notice_page(lang, t("security.wait.title", lang), [t("security.wait.body", lang)],
                        refresh=seconds, retry=t("security.wait.retry", lang), url=url)


def warm_kernel_waiting(kernel_manager, notebook: str) -> bool | None:
    """Whether a started, ready kernel waits in ``notebook``'s pool; ``None`` when that page has no pool.

    Reads Voilà 0.5's pools as :func:`pages_in_use` does. A pool kernel still
    starting does not count: a page given one would wait for it with nothing on screen.
    """
    pool = getattr(kernel_manager, "_pools", {}).get(notebook)
    if not pool:
        configured = getattr(kernel_manager, "kernel_pools_config", {}) or {}
        size = (configured.get(notebook) or configured.get("default") or {}).get("pool_size", 0)
        return False if pool is not None and size else None
    return any(task.done() and not task.cancelled() and task.exception() is None for task in pool)


def throttled_page(lang: str, seconds: int) -> str:
    """The login form's answer after too many wrong secrets from one address: wait this many minutes.

    >>> "Vent 5 min" in throttled_page("nb", 300)
    True
    """
    minutes = max(1, math.ceil(seconds / 60))
    return _notice_page(
        lang, t("security.throttled.title", lang),
        [t("security.throttled.body", lang, minutes=minutes), t("security.throttled.help", lang)],
        refresh=None, retry=None,
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
