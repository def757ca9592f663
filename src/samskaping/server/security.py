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
- **Websockets** (:meth:`SamskapingLimits.socket_refusal`). Any page knows
  its kernel's id, and each websocket to it holds about ten file
  descriptors, so without a cap one page could open sockets until the server
  has no descriptors left for anyone. At most ``max_sockets_per_page`` per
  kernel (a page uses one or two), ``max_sockets_per_address`` per device and
  ``max_sockets`` in all, and never past ``fd_headroom`` descriptors short of
  the process's limit, which the server raises to the hard limit at start
  (:func:`raise_fd_limit`).
- **The Host allowlist** (:meth:`SamskapingLimits.host_allowed`). A web page
  the laptop visits could rebind its own name to 127.0.0.1 and read the
  server as if it were this machine; every request whose ``Host`` is not
  loopback or an ``allowed_hosts`` name (``serve --lan``: the LAN address
  and this machine's name) gets a short 403 page (:func:`host_page`).
- **Counted, not logged one by one** (:class:`RefusalTally`, :data:`REFUSALS`).
  Refused sockets, messages and hosts, and a full file table, are counted by
  kind and logged as one summary line at most once a minute, so a flood
  cannot fill the disk with log.
- **The request log** (:func:`strip_query`, :class:`QueryFreeLogFilter`,
  :func:`log_request`). A join code or a token can be in a query string, so
  no log line keeps one, whatever the logger, tracebacks and request reprs
  included.
"""

from __future__ import annotations

import errno
import html
import ipaddress
import json
import logging
import math
import os
import re
import time
import weakref
from collections import Counter, deque

from jupyter_server.services.kernels.connection.base import deserialize_binary_message, deserialize_msg_from_ws_v1
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado.httputil import HTTPServerRequest
from tornado.ioloop import IOLoop
from tornado.log import access_log, app_log, gen_log
from traitlets import Bool, Int, List, Unicode, default
from traitlets.config import Configurable

from samskaping.core.i18n import t

try:
    import resource
except ImportError:  # Windows: no file descriptor limits to read or raise
    resource = None

__all__ = [
    "PAGE_MESSAGE_TYPES", "WIDGET_CONTROL_TARGET", "DEFAULT_MAX_PAGES", "DEFAULT_MAX_PAGES_PER_ADDRESS",
    "RETRY_SECONDS", "FULL", "DEVICE", "RATE", "allowed_message", "PageChannelsConnection", "SamskapingLimits",
    "pages_in_use", "is_loopback", "full_page", "waiting_page", "waiting_target", "warm", "warm_kernel_waiting",
    "throttled_page", "strip_query", "QueryFreeLogFilter",
    "install_query_free_logging", "log_request",
    "RefusalTally", "REFUSALS", "SUMMARY_SECONDS", "PAGE", "FILES", "SOCKET_STATUS", "FDS_PER_SOCKET",
    "open_fds", "fd_limit", "fd_room", "raise_fd_limit", "add_guarded_accept_handler",
    "LOOPBACK_HOSTS", "host_name", "host_page",
]

# What the ipywidgets 8 front end sends on a Voilà page (recorded from the
# participant page, see tests/security/test_kernel_channel.py).
PAGE_MESSAGE_TYPES = frozenset({"kernel_info_request", "comm_info_request", "comm_open", "comm_msg", "comm_close"})
WIDGET_CONTROL_TARGET = "jupyter.widget.control"
# Message types named in the count of refused messages; any other is "another type" (a client's text is never logged).
_KNOWN_MESSAGE_TYPES = PAGE_MESSAGE_TYPES | {
    "execute_request", "inspect_request", "complete_request", "history_request", "is_complete_request",
    "shutdown_request", "interrupt_request", "debug_request", "input_reply", "apply_request", "kernel_info_reply",
}
_V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"

DEFAULT_MAX_PAGES = 120
DEFAULT_MAX_PAGES_PER_ADDRESS = 6
MAX_PAGES_ENV = "SAMSKAPING_MAX_PAGES"
RETRY_SECONDS = 30
# Why a page request was refused (SamskapingLimits.refusal).
FULL = "full"
DEVICE = "device"
RATE = "rate"  # one address has opened pages (started kernels) too fast
# Why a websocket was refused (SamskapingLimits.socket_refusal): FULL, DEVICE, or these.
PAGE = "page"  # the page's kernel has as many as a page needs
FILES = "files"  # the server is short of file descriptors
#: The HTTP status a refused websocket gets, before any upgrade: one client asking too much, or the server full.
SOCKET_STATUS = {PAGE: 429, DEVICE: 429, FULL: 503, FILES: 503}
#: About how many file descriptors one kernel websocket holds (its TCP socket, four ZMQ channels, more while
#: connecting); used only to keep the headroom.
FDS_PER_SOCKET = 12
#: A refused or failed event is logged at most once a SUMMARY_SECONDS, as a count.
SUMMARY_SECONDS = 60
#: Hosts every request may name: this machine itself.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Addresses whose wrong logins (and kernels whose websocket opens) are remembered at once; past it the oldest go.
_MAX_ADDRESSES = 4096


# -- refused and failed events, counted ---------------------------------------


class RefusalTally:
    """Refused and failed events, counted by kind and logged as one summary line at most once an ``interval``.

    A flood (thousands of forbidden kernel messages, hundreds of websockets,
    a full file table) must not become as many log lines: the first event
    after a quiet interval is logged at once, the rest are counted and go out
    in the next summary (:meth:`flush`, which the server calls every few
    seconds). ``kind`` is always a fixed text of the kit's, never what a
    client sent; past ``max_kinds`` kinds in one interval the rest count as
    "other". ``totals`` keeps every count since the start. O(1) a note.
    """

    def __init__(self, logger: logging.Logger | None = None, *, interval: float = SUMMARY_SECONDS,
                 clock=time.monotonic, max_kinds: int = 32):
        self.logger = logger or app_log
        self.interval = interval
        self.max_kinds = max_kinds
        self.totals: Counter = Counter()
        self._counts: Counter = Counter()
        self._clock = clock
        self._last: float | None = None  # when the last summary went out

    def note(self, kind: str, count: int = 1) -> None:
        """Count ``count`` events of ``kind``; logs a summary if none went out within the interval."""
        if kind not in self._counts and len(self._counts) >= self.max_kinds:
            kind = "other"
        self._counts[kind] += count
        self.totals[kind] += count
        self.flush()

    def flush(self, *, force: bool = False) -> bool:
        """Log what was counted since the last summary, unless one went out within the interval (``force``:
        even then, as the server stops). Whether a line went out."""
        now = self._clock()
        if not self._counts or (not force and self._last is not None and now - self._last < self.interval):
            return False
        parts = "; ".join(f"{count} x {kind}" for kind, count in self._counts.most_common())
        self.logger.warning("Refused or failed (counted, at most one line a minute): %s.", parts)
        self._counts.clear()
        self._last = now
        return True


#: The server's one tally (the kernel channel and the handlers note into it; the app flushes it).
REFUSALS = RefusalTally()


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

    Everything else is dropped and counted in :data:`REFUSALS` by message type
    (a known Jupyter type by name, anything else as "another type"; never the
    content), so a flood of them is one summary line a minute, not a line
    each; the connection stays open for the page's widgets. Voilà's own
    ``allowed_message_types`` check still runs after this one.
    """

    def handle_incoming_message(self, incoming_msg) -> None:
        try:
            channel, msg_type, target_name = self._peek(incoming_msg)
        except Exception:  # noqa: BLE001 - unreadable (bad JSON, short frame, wrong types): drop it
            REFUSALS.note("kernel message from a page that could not be read")
            return
        if not allowed_message(channel, msg_type, target_name):
            name = msg_type if isinstance(msg_type, str) and msg_type in _KNOWN_MESSAGE_TYPES else "another type"
            where = channel if channel in ("shell", "control", "stdin", "iopub") else "another channel"
            REFUSALS.note(f"kernel message a page may not send ({name} on {where})")
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
    waiting = {task.result().get("kernel_id") for pool in getattr(kernel_manager, "_pools", {}).values()
               for task in pool if warm(task)}
    return len(set(kernel_manager.list_kernel_ids()) - waiting)


def warm(task) -> bool:
    """Whether a task of Voilà's pool holds a started kernel, ready for a page (not starting, not failed)."""
    return task.done() and not task.cancelled() and task.exception() is None


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

    Open websockets are counted per kernel, per address and in all
    (:meth:`socket_refusal`, :meth:`socket_closed`); the Host a request names
    must be this machine or one of ``allowed_hosts`` (:meth:`host_allowed`).
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
    pages_per_address_per_minute = Int(
        20, min=1,
        help="Most pages (kernels) one remote address may open within a minute: opening and closing pages in a loop "
        "starts a kernel each time and slows everyone else. Loopback: see limit_loopback.",
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
    max_sockets_per_page = Int(
        3, min=1, help="Most websockets open at once to one page's kernel (a page uses one or two)."
    ).tag(config=True)
    socket_opens_per_minute = Int(
        30, min=1, help="Most websockets one page's kernel may open within a minute (a page opens one or two, "
        "and again only when its connection drops)."
    ).tag(config=True)
    max_sockets_per_address = Int(
        24, min=1, help="Most websockets one remote address may have open at once (loopback: see limit_loopback)."
    ).tag(config=True)
    max_sockets = Int(
        help="Most websockets open at once on the whole server. Default: 3 for each of max_pages + staff_reserve.",
        min=1,
    ).tag(config=True)
    fd_headroom = Int(
        256, min=16,
        help="File descriptors kept free for new pages: no websocket is opened past the process's limit minus this.",
    ).tag(config=True)
    max_connections_per_address = Int(
        64, min=1,
        help="Most TCP connections one remote address may hold open at once (a browser uses about six); "
        "past it a new one is closed at once. Loopback: see limit_loopback.",
    ).tag(config=True)
    allowed_hosts = List(
        Unicode(),
        help="Host names and addresses the server answers to besides this machine itself (localhost, 127.x, ::1); "
        "serve --lan adds the LAN address and this machine's name. '*' answers to any (behind a proxy that checks).",
    ).tag(config=True)

    @default("max_sockets")
    def _three_sockets_a_page(self) -> int:
        return 3 * (self.max_pages + self.staff_reserve)

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
        self._page_starts: dict[str, deque] = {}  # address -> times it opened a page within the last minute
        self._kernel_addresses: dict[str, str | None] = {}  # kernel id -> the address its page came from
        self._wrong_logins: dict[str, deque] = {}  # address -> times of its last wrong secrets
        self._clock = clock
        self._sockets: dict[object, tuple[str, str | None]] = {}  # open websocket -> (its kernel, counted address)
        self._kernel_sockets: Counter = Counter()
        self._address_sockets: Counter = Counter()
        self._socket_opens: dict[str, deque] = {}  # kernel id -> when its last websockets opened

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
            if not self._may_start(address):
                return RATE
        self._opening[request] = self._requesters[request] = address
        return None

    def _may_start(self, address: str) -> bool:
        """Whether ``address`` has opened fewer than ``pages_per_address_per_minute`` pages in the last minute.

        A page counts when it gets its kernel (:meth:`page_kernel`), so a phone
        shown "Et øyeblikk …" and coming back is not counted for each round.
        """
        starts = self._page_starts.get(address)
        now = time.monotonic()
        while starts and now - starts[0] >= 60:
            starts.popleft()
        return not starts or len(starts) < self.pages_per_address_per_minute

    def _started(self, address: str) -> None:
        """Note that ``address`` opened a page now; at most 4,096 addresses are kept (the quietest go first)."""
        starts = self._page_starts.pop(address, None) or deque()
        starts.append(time.monotonic())
        self._page_starts[address] = starts  # most recently active last
        while len(self._page_starts) > _MAX_ADDRESSES:
            self._page_starts.pop(next(iter(self._page_starts)))

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
            self._started(address)
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

    # -- websockets -------------------------------------------------------------

    def socket_refusal(self, socket, kernel_id: str, address: str | None, *, per_page: int | None = None,
                       device: bool = True) -> str | None:
        """Why ``socket`` may not open to ``kernel_id`` (:data:`PAGE`, :data:`DEVICE`, :data:`FULL` or
        :data:`FILES`), else ``None``, which also counts it open until :meth:`socket_closed`.

        ``per_page`` replaces ``max_sockets_per_page`` (Voilà's request socket:
        one); ``device=False`` leaves the address uncounted. O(1), plus one
        look at the process's open file descriptors.
        """
        if self._kernel_sockets[kernel_id] >= (self.max_sockets_per_page if per_page is None else per_page):
            return PAGE
        now = self._clock()
        opens = self._socket_opens.get(kernel_id)
        if opens is not None and len(opens) >= self.socket_opens_per_minute and now - opens[0] < 60:
            return PAGE  # opening and closing in a loop: each open costs the kernel and the server work
        counted = address if device and self._counts(address) else None
        if counted and self._address_sockets[counted] >= self.max_sockets_per_address:
            return DEVICE
        if len(self._sockets) >= self.max_sockets:
            return FULL
        if not fd_room(FDS_PER_SOCKET + self.fd_headroom):
            return FILES
        self._sockets[socket] = (kernel_id, counted)
        self._kernel_sockets[kernel_id] += 1
        if opens is None:
            if len(self._socket_opens) >= _MAX_ADDRESSES:
                self._forget_old_opens(now)
            opens = self._socket_opens[kernel_id] = deque(maxlen=self.socket_opens_per_minute)
        opens.append(now)
        if counted:
            self._address_sockets[counted] += 1
        return None

    def socket_closed(self, socket) -> None:
        """``socket`` is closed (or never opened): it no longer counts. Safe to call twice."""
        kernel_id, address = self._sockets.pop(socket, (None, None))
        if kernel_id is None:
            return
        self._kernel_sockets[kernel_id] -= 1
        if self._kernel_sockets[kernel_id] <= 0:
            del self._kernel_sockets[kernel_id]
        if address:
            self._address_sockets[address] -= 1
            if self._address_sockets[address] <= 0:
                del self._address_sockets[address]

    def _forget_old_opens(self, now: float) -> None:
        """Forget kernels that opened nothing within a minute; if still too many, the longest quiet ones."""
        for kernel_id in [k for k, opens in self._socket_opens.items() if now - opens[-1] >= 60]:
            del self._socket_opens[kernel_id]
        quiet_first = sorted(self._socket_opens, key=lambda k: self._socket_opens[k][-1])
        for kernel_id in quiet_first[: max(0, len(quiet_first) - _MAX_ADDRESSES + 1)]:
            del self._socket_opens[kernel_id]

    def sockets_open(self, kernel_id: str | None = None) -> int:
        """Websockets open now, to ``kernel_id`` or in all."""
        return len(self._sockets) if kernel_id is None else self._kernel_sockets[kernel_id]

    def connection_allowed(self, address: str | None, open_now: int) -> bool:
        """Whether ``address``, holding ``open_now`` connections, may open one more."""
        return not self._counts(address) or open_now < self.max_connections_per_address

    # -- the Host a request names -------------------------------------------------

    def host_allowed(self, host: str | None) -> bool:
        """Whether the server answers a request naming ``host`` (its ``Host`` header, maybe with a port).

        >>> limits = SamskapingLimits(allowed_hosts=["192.168.1.23", "Laptop-17"])
        >>> [limits.host_allowed(h) for h in ("127.0.0.1:8866", "localhost", "[::1]:8866", "192.168.1.23:8866")]
        [True, True, True, True]
        >>> [limits.host_allowed(h) for h in ("laptop-17.:8866", "rebind.attacker.example", "192.168.1.24", "")]
        [True, False, False, False]
        """
        name = host_name(host or "")
        if name in LOOPBACK_HOSTS or (name[:4] == "127." and is_loopback(name)):
            return True
        allowed = {host_name(h) for h in self.allowed_hosts}
        return "*" in allowed or (bool(name) and name in allowed)

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
            if len(self._wrong_logins) >= _MAX_ADDRESSES:
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
        for address in quiet_first[: max(0, len(quiet_first) - _MAX_ADDRESSES + 1)]:
            del self._wrong_logins[address]


# -- file descriptors ------------------------------------------------------------


def fd_limit() -> tuple[int, int] | None:
    """The process's ``(soft, hard)`` limit on open files, or ``None`` where there is none to read (Windows)."""
    if resource is None:
        return None
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def raise_fd_limit() -> tuple[int, int] | None:
    """Raise the soft limit on open files as far as the hard limit lets it; the ``(soft, hard)`` after.

    Many systems start a process at 1,024 with a hard limit far above; each
    page's kernel and websocket hold several descriptors. Where the hard
    limit is unlimited (macOS) the largest of a few common ceilings that the
    system takes is used. Never lowers the limit.
    """
    limits = fd_limit()
    if limits is None:
        return None
    soft, hard = limits
    unlimited = resource.RLIM_INFINITY
    for target in (hard, 1 << 20, 65536, 10240):
        if target == unlimited or (hard != unlimited and target > hard) or (soft != unlimited and target <= soft):
            continue
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            continue
        break
    return fd_limit()


def open_fds() -> int | None:
    """How many file descriptors this process has open (Linux ``/proc``, macOS ``/dev/fd``), else ``None``."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return len(os.listdir(folder)) - 1  # less the one listdir held
        except OSError:
            continue
    return None


def fd_room(needed: int) -> bool:
    """Whether ``needed`` more file descriptors fit under the soft limit (``True`` where it cannot be told)."""
    limits = fd_limit()
    if limits is None or limits[0] == resource.RLIM_INFINITY:
        return True
    count = open_fds()
    return count is None or count + needed <= limits[0]


#: How long the server stops accepting connections when the process is out of file descriptors.
ACCEPT_PAUSE_SECONDS = 0.5
_OUT_OF_DESCRIPTORS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})


def add_guarded_accept_handler(sock, callback, *, pause: float = ACCEPT_PAUSE_SECONDS):
    """Tornado's ``add_accept_handler``, except that running out of file descriptors pauses, counted.

    Tornado lets ``accept`` fail with "Too many open files" out of its
    handler; the listening socket stays readable, so the event loop logged
    the same error at full speed (575 MB in 80 s) and did little else. Here
    the failure is counted in :data:`REFUSALS`, and the socket is left alone
    for ``pause`` seconds; waiting connections are accepted once descriptors
    are free again. Returns the function that stops accepting.
    """
    io_loop = IOLoop.current()
    state = {"removed": False, "paused": False}

    def resume() -> None:
        state["paused"] = False
        if not state["removed"]:
            io_loop.add_handler(sock, accept, IOLoop.READ)

    def accept(fd, events) -> None:
        for _ in range(128):  # as tornado: a bounded batch, then the other tasks
            if state["removed"] or state["paused"]:
                return
            try:
                connection, address = sock.accept()
            except BlockingIOError:
                return
            except ConnectionAbortedError:
                continue
            except OSError as error:
                if error.errno not in _OUT_OF_DESCRIPTORS:
                    raise
                REFUSALS.note("connection not accepted: the server is out of file descriptors")
                io_loop.remove_handler(sock)
                state["paused"] = True
                io_loop.call_later(pause, resume)
                return
            callback(connection, address)

    def remove() -> None:
        state["removed"] = True
        io_loop.remove_handler(sock)

    io_loop.add_handler(sock, accept, IOLoop.READ)
    return remove


# -- the Host header ----------------------------------------------------------------


def host_name(host: str) -> str:
    """The name a ``Host`` header gives: lower case, without port, brackets or a final dot.

    >>> host_name("LocalHost.:8866"), host_name("[::1]:8866"), host_name("192.168.1.23"), host_name("::1")
    ('localhost', '::1', '192.168.1.23', '::1')
    """
    host = host.strip().lower()
    if host.startswith("["):
        name = host[1:].split("]", 1)[0]
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name.rstrip(".")


def host_page(lang: str) -> str:
    """The short page a request gets when it names a host this server does not answer to (HTTP 403).

    >>> "Ukjent adresse" in host_page("nb")
    True
    """
    return _notice_page(lang, t("security.host.title", lang),
                        [t("security.host.body", lang), t("security.host.help", lang)], refresh=None, retry=None)


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
    >>> "på kort tid" in full_page("nb", reason=RATE)
    True
    """
    part = {DEVICE: "security.device", RATE: "security.rate"}.get(reason, "security.full")
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


_WAITING = re.compile(r'http-equiv="refresh" content="(\d+);url=([^"]*vent=\d+[^"]*)"')


def waiting_target(body: str) -> tuple[int, str] | None:
    """Where a :func:`waiting_page` sends the phone and after how many seconds; ``None`` for any other page.

    >>> waiting_target(waiting_page("nb", 2, "/voila/render/deltaker.ipynb?kode=AB&vent=1"))
    (2, '/voila/render/deltaker.ipynb?kode=AB&vent=1')
    >>> waiting_target(full_page("nb")) is None
    True
    """
    found = _WAITING.search(body)
    return (int(found.group(1)), html.unescape(found.group(2))) if found else None


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
    return any(warm(task) for task in pool)


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

# A "?" glued to a path (never a question mark after a word and a space), and the whole query after it: up to
# the next whitespace (a request line has none), less the quote, comma or bracket that closes a repr around it.
_QUERY = re.compile(r"(?<=[^\s?])\?(?=\S)\S*?(?=['\"]?[,)\]>]*(?:\s|$))")
# The kit's own secret parameters, wherever they are written (a decoded query, a form body): their values go.
_SECRET_PARAMETER = re.compile(r"(?i)\b(kode|token|nokkel|_xsrf)=[^\s&;,'\")\]>]+")


def strip_query(text: str) -> str:
    """``text`` with the query string cut off every URL in it, and the values of ``kode=``, ``token=``,
    ``nokkel=`` and ``_xsrf=`` anywhere.

    >>> strip_query("404 GET /voila/render/deltaker.ipynb?kode=AB12CD&lang=en (10.0.0.7) 2.10ms")
    '404 GET /voila/render/deltaker.ipynb (10.0.0.7) 2.10ms'
    >>> strip_query("HTTPServerRequest(uri='/x?token=abc', host='h')")
    "HTTPServerRequest(uri='/x', host='h')"
    >>> strip_query("Uncaught exception GET /x?a=('<b>\\"&kode=AB12CD (10.0.0.7)")
    'Uncaught exception GET /x (10.0.0.7)'
    >>> strip_query("Is this a question? Yes. Query: kode=AB12CD")
    'Is this a question? Yes. Query: kode=…'
    """
    return _SECRET_PARAMETER.sub(r"\1=…", _QUERY.sub("", text))


class _Shown(str):
    """Text that a log format shows as it is, with ``%s`` and ``%r`` alike."""

    def __repr__(self) -> str:
        return str(self)


def _query_free(value):
    """A log argument without its query: a request as its repr with the path alone, text stripped."""
    if isinstance(value, HTTPServerRequest):
        fields = {"protocol": value.protocol, "host": value.host, "method": value.method, "uri": value.path,
                  "version": value.version, "remote_ip": value.remote_ip}
        return _Shown(strip_query(f"HTTPServerRequest({', '.join(f'{k}={v!r}' for k, v in fields.items())})"))
    return value


class QueryFreeLogFilter(logging.Filter):
    """Rewrite each record so that neither its message, its arguments, its traceback nor its stack holds a
    query string (or the value of a secret parameter)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_query_free(arg) for arg in record.args)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string: log what there is, never the arguments
            message = str(record.msg)
        clean = strip_query(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = strip_query(record.exc_text)
        if record.stack_info:
            record.stack_info = strip_query(record.stack_info)
        return True


def install_query_free_logging(*loggers: logging.Logger) -> QueryFreeLogFilter:
    """Filter ``loggers``, tornado's, and every handler there is, and give stray warnings a filtered handler.

    A logger's filter sees only records made on that logger; a handler's sees
    every record that reaches it, from child loggers and libraries too, so the
    filter goes on both: the loggers named, tornado's (``tornado.access``,
    ``tornado.application``, ``tornado.general`` log failed requests with
    their full URI), and each handler of the root and of every logger that
    has one now. Without a root handler Python would print warnings
    unfiltered; here the root gets a stderr handler (warnings and worse, as
    before) that passes through the same filter. Safe to call again.
    """
    query_filter = QueryFreeLogFilter()
    root = logging.getLogger()
    named = [*loggers, access_log, app_log, gen_log, root]
    named += [logger for logger in list(logging.Logger.manager.loggerDict.values())
              if isinstance(logger, logging.Logger) and logger.handlers]
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("[%(name)s] %(levelname)s | %(message)s"))
        root.addHandler(handler)
    for filterer in [*named, *(handler for logger in named for handler in logger.handlers)]:
        if not any(isinstance(f, QueryFreeLogFilter) for f in filterer.filters):
            filterer.addFilter(query_filter)
    return query_filter


def log_request(handler) -> None:
    """Tornado's access log line (``log_function``), with the path but never the query string.

    Levels as tornado's, except that a page refused because the server is full
    (503, retried every 30 s by each waiting phone) is a warning, not an error.
    A request refused by a rule that counts its refusals (``counted_refusal``
    on the handler: a foreign Host, a websocket too many) gets no line.
    """
    if getattr(handler, "counted_refusal", False):
        return  # counted in REFUSALS instead: a flood of refusals is one summary line a minute
    status = handler.get_status()
    level = logging.INFO if status < 400 else logging.WARNING if status < 500 or status == 503 else logging.ERROR
    request = handler.request
    access_log.log(
        level, "%d %s %s (%s) %.2fms",
        status, request.method, request.path, request.remote_ip, 1000.0 * request.request_time(),
    )
