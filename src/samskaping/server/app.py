"""Voilà as ``samskaping serve`` runs it: ``python -m samskaping.server.app NOTEBOOKS ...``.

On a venue's wifi everyone in the room can reach the server, so this is
Voilà 0.5 with what a room needs on top (the rules live in
:mod:`samskaping.server.security`):

- **The page's shutdown passes XSRF.** When a page closes, its front end
  posts to ``/voila/api/shutdown/<kernel>`` with the ``_xsrf`` value read
  from the ``_xsrf`` cookie, but Voilà never sets that cookie, so every
  closed page used to leave a 55-105 MB kernel behind. The page request sets
  it (tornado does so when ``xsrf_token`` is read); the XSRF check itself is
  unchanged, so a cross-site page still cannot read the cookie and is refused.
- **Pages talk only to their widgets** over the kernel websocket
  (:class:`~samskaping.server.security.PageChannelsConnection`).
- **A cap on open pages** (``--SamskapingLimits.max_pages=N`` or
  ``SAMSKAPING_MAX_PAGES``, default 120): past it a page request gets a
  short "full right now" page (HTTP 503) instead of a new kernel.
- **A cap per device** (``--SamskapingLimits.max_pages_per_address=N``,
  default 6, ``serve --max-pages-per-address``): the page handler notes which
  remote address each kernel was started for (forgotten when the kernel is
  gone); an address with that many pages open or opening gets a 503 page that
  asks it to close some tabs, so one device cannot fill the room's cap. This
  machine itself (loopback: the facilitator, the benchmarks) is exempt unless
  ``--SamskapingLimits.limit_loopback=True``.
- **No notebook listing.** ``/`` sends people to the participant page; the
  tree (``/voila/tree``) and the contents API (``/voila/api/contents``) are
  gone; ``?template=`` and ``?theme=`` are ignored.
- **No query strings in the log** (join codes, tokens).
- **Compressed answers** (:class:`StaticGzip`). Pages, scripts and styles
  go out gzipped to browsers that accept it: a phone's first visit is 93
  files, about 4.9 MB uncompressed (1.4 MB gzipped), and the whole room shares
  the venue's wifi. Static files are compressed once and kept.
- **Voilà's script chunks as one file** (:mod:`samskaping.server.bundle`):
  the participant page links the seventy-odd chunks it needs as one file
  named by its content, so a phone's first visit is about 24 requests, not 95.
- **Static files kept on the phone** (:func:`cache_rule`): files named by
  their content for a year, the other scripts and styles for an hour, so a
  reload or a second tab fetches the page alone, not 90 files again.
- **Nothing from the internet.** The template's Font Awesome links to a CDN
  are dropped from the page (voila.js bundles the same icons), so a phone
  only ever talks to this server.
- **"Et øyeblikk …", never a blank page.** A phone that arrives while every
  warm participant kernel is taken gets a short page saying its page is on
  the way, which looks again every two seconds (``vent=`` in the address
  counts the rounds; after 20 it takes Voilà's own way, a kernel of its
  own). Voilà's spinner text ("Running deltaker...") is said in the page's
  language too.
- **Warm pages for the room** (:mod:`samskaping.server.warm`): as many
  participant kernels warm as the facilitator expects phones still to come
  (``serve --room N``, or the facilitator page), within a memory budget.
- **Staff pages need the facilitator secret.** Every page but the
  participant page redirects to ``/samskaping/logg-inn`` unless the browser
  has the signed staff cookie that entering the secret sets (HttpOnly,
  SameSite=Strict, one day); no kernel starts before that.
- **Login throttling.** The login form takes at most
  ``--SamskapingLimits.login_attempts`` (5) wrong secrets per address within
  ``--SamskapingLimits.login_window_seconds`` (300). Past that it answers
  HTTP 429 with a page saying how many minutes to wait, *without checking the
  secret*: even the right secret is refused from that address until the
  oldest wrong try is out of the window. A right secret clears the address's
  wrong tries. Only addresses with recent wrong tries are kept (at most 4096).
- **https** (``--SamskapingVoila.certfile=PEM`` and ``keyfile``, or
  ``serve --certfile --keyfile``): the HTTP server gets the certificate as its
  ``ssl_options``; plain http on that port is refused. Voilà 0.5 has no
  setting for it. The preheated kernels then fetch their request over
  ``wss`` (``VOILA_WS_PROTOCOL``, set by :func:`samskaping.server.launch.server_env`).
- **Staff sessions end with the secret.** The staff cookie holds a
  fingerprint of the current secret (:func:`~samskaping.server.access.staff_token`),
  checked on every staff request, so ``samskaping secret --reset`` logs
  everyone out at once.
- **Caps on websockets** (:class:`PageSocketHandler`): at most
  ``--SamskapingLimits.max_sockets_per_page`` (3) open to one page's kernel
  and ``socket_opens_per_minute`` (30) opened to it a minute,
  ``max_sockets_per_address`` (24) per device and ``max_sockets`` in all,
  refused before the upgrade (HTTP 429 for one client asking too much, 503
  when the server is full or short of file descriptors). Voilà's request
  socket (``/voila/query/<kernel>``, how a warm kernel learns its page's
  address) answers this machine only, one at a time per kernel
  (:class:`RequestSocketHandler`).
- **File descriptors.** At start the server raises its soft limit on open
  files to the hard limit, keeps ``fd_headroom`` free for new pages, closes
  a device's connections past ``max_connections_per_address`` (64), and
  pauses accepting when the table is full instead of spinning on
  "Too many open files" (:class:`GuardedHTTPServer`).
- **Only this machine's names** (:class:`HostRefusedHandler`): a request
  whose ``Host`` is not loopback or one of
  ``--SamskapingLimits.allowed_hosts`` (``serve --lan`` adds the LAN address
  and this machine's name) gets a short 403 page, on every route, websockets
  included: a web page on the laptop cannot rebind its own name to 127.0.0.1
  and use the server.
- **Refusals counted, not logged one by one**: refused websockets, kernel
  messages, foreign hosts and failed accepts go into one summary line at most
  once a minute (:data:`~samskaping.server.security.REFUSALS`).
- **Listening on the local network** (``serve --lan``, ``--Voila.ip=0.0.0.0``):
  the caps above, the Host allowlist, the staff secret and the throttle are
  what keep the room's devices in bounds.
"""

from __future__ import annotations

import functools
import html
import os
import re
import secrets
import ssl
import sys
import typing
import warnings
from collections import Counter, OrderedDict
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import PeriodicCallback
from tornado.routing import Matcher, Rule
from tornado.web import GZipContentEncoding, OutputTransform
from traitlets import Bool, Unicode, default
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from samskaping.core.i18n import choose_lang, t
from samskaping.server.access import cookie_key, organisation_of_secret, staff_cookie, staff_organisation
from samskaping.server.bundle import ChunkBundle, build_bundle, chunk_ids, with_bundle
from samskaping.server.routes import PARTICIPANT_NOTEBOOK
from samskaping.server.security import (
    FDS_PER_SOCKET,
    REFUSALS,
    RETRY_SECONDS,
    SOCKET_STATUS,
    PageChannelsConnection,
    SamskapingLimits,
    add_guarded_accept_handler,
    full_page,
    host_page,
    install_query_free_logging,
    is_loopback,
    log_request,
    raise_fd_limit,
    throttled_page,
    waiting_page,
    warm_kernel_waiting,
)
from samskaping.server.warm import SamskapingRoom
from samskaping.store import default_data_dir, open_store

__all__ = [
    "DEVICE_COOKIE", "DEVICE_HEADER", "SamskapingVoila", "PageHandler", "StaffLoginHandler", "PageSocketHandler",
    "RequestSocketHandler", "HostRefusedHandler", "GuardedHTTPServer", "main",
]

STAFF_COOKIE = "samskaping_staff"
#: One random id per phone or laptop (signed, HttpOnly; no personal data): a reload or a second tab
#: is the same participant. Kept for the length of a workshop season, then a new one is made.
DEVICE_COOKIE = "samskaping_enhet"
DEVICE_DAYS = 30
LOGIN_PATH = "samskaping/logg-inn"
#: A phone that finds no warm kernel looks again every WAIT_SECONDS, at most WAIT_ROUNDS times.
WAIT_SECONDS = 2
WAIT_ROUNDS = 20
#: How often the pool of warm participant pages is sized to the room (server/warm.py).
TEND_SECONDS = 2
#: An open connection that sends no request for this long is closed (a phone simply opens a new one).
IDLE_CONNECTION_SECONDS = 120
#: How often the counted refusals are looked at (a summary goes out at most once a minute).
SUMMARY_CHECK_SECONDS = 5
#: What each reason a websocket was refused is called in the counted summary.
_SOCKET_REFUSED = {
    "page": "websocket refused: the page's kernel has as many as a page uses",
    "device": "websocket refused: the device has as many as it may",
    "full": "websocket refused: the server has as many as it may",
    "files": "websocket refused: the server is short of file descriptors",
}


class StaffLoginHandler(JupyterHandler):
    """The facilitator secret form; a right secret sets the signed staff cookie and goes on to the page.

    Too many wrong secrets from one address get HTTP 429 without the secret
    being checked (see :meth:`SamskapingLimits.login_wait`).
    """

    def initialize(self, limits: SamskapingLimits):
        self.limits = limits  # the app's one instance: it remembers the wrong tries

    def get(self):
        self._form()

    def post(self):  # JupyterHandler checks the _xsrf form field first
        address = self.request.remote_ip or ""
        wait = self.limits.login_wait(address)
        if wait:
            self._throttled(wait)
            return
        target = self._next()
        others = organisation_secrets()
        organisation = organisation_of_secret(default_data_dir(), self.get_body_argument("nokkel", ""), others)
        if organisation is not None:
            self.limits.login_succeeded(address)
            # The cookie names the organisation and the secret it was given for: a reset ends the session.
            self.set_secure_cookie(STAFF_COOKIE, staff_cookie(default_data_dir(), organisation, others),
                                   expires_days=1, httponly=True, samesite="Strict",
                                   secure=self.request.protocol == "https")
            self.redirect(target)
            return
        self.limits.login_failed(address)
        self.set_status(403)
        self._form(error=True)

    def _throttled(self, seconds: int) -> None:
        self.set_status(429)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Retry-After", str(seconds))
        self.finish(throttled_page(choose_lang(self.get_argument("lang", "")), seconds))

    def _next(self) -> str:
        """Only pages of this server: anything else would make the form an open redirect."""
        target = self.get_argument("neste", "")
        pages = url_path_join(self.base_url, "voila/render/")
        return target if target.startswith(pages) and "//" not in target[1:] else pages + "fasilitator.ipynb"

    def _form(self, *, error: bool = False) -> None:
        lang = choose_lang(self.get_argument("lang", ""))
        message = f'<p style="color:#a01818">{html.escape(t("security.login.wrong", lang))}</p>' if error else ""
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(t('security.login.title', lang))}</title></head>"
            '<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem">'
            f"<h1>{html.escape(t('security.login.title', lang))}</h1>"
            f"<p>{html.escape(t('security.login.help', lang))}</p>{message}"
            f'<form method="post">{self.xsrf_form_html()}'
            f'<input type="hidden" name="neste" value="{html.escape(self._next())}">'
            '<input name="nokkel" type="password" autocomplete="current-password" autofocus '
            'style="font-size:1.2rem;width:100%;padding:.4rem" '
            f'aria-label="{html.escape(t("security.login.field", lang))}">'
            '<button type="submit" style="font-size:1.1rem;margin-top:.8rem;padding:.5rem 1.2rem">'
            f"{html.escape(t('security.login.button', lang))}</button></form></body></html>"
        )


#: Files whose name carries a hash of their content (webpack's chunks): a new version has a new name.
_HASHED = re.compile(r"\.[0-9a-f]{16,}\.(?:js|css|woff2?|svg)$")
#: Where the page's scripts, styles and fonts live; they change only when the kit is upgraded.
_STATIC = ("/voila/static/", "/voila/labextensions/", "/voila/templates/", "/samskaping/a11y.js",
           "/samskaping/voila-chunks.")
YEAR, HOUR = 365 * 24 * 3600, 3600


def cache_rule(path: str) -> str | None:
    """How long a phone may keep ``path`` without asking again (``Cache-Control``), or ``None``.

    A phone on the venue's wifi fetches about 90 files on its first visit;
    with these rules a reload or a second tab fetches the page alone. Files
    named by their content are kept a year; the others an hour (one workshop),
    so an upgraded kit reaches every phone the next day at the latest.

    >>> cache_rule("/voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/327.8166e2d8a2f5cce4.js")
    'public, max-age=31536000, immutable'
    >>> cache_rule("/samskaping/voila-chunks.0123456789abcdef.js")
    'public, max-age=31536000, immutable'
    >>> cache_rule("/voila/static/voila.js"), cache_rule("/voila/render/deltaker.ipynb")
    ('public, max-age=3600', None)
    """
    if not path.startswith(_STATIC):
        return None
    return f"public, max-age={YEAR}, immutable" if _HASHED.search(path) else f"public, max-age={HOUR}"


class CacheStatic(OutputTransform):
    """Gives static files :func:`cache_rule`'s ``Cache-Control`` where Jupyter's handlers said none or
    ``no-cache`` (ask again every time); a long rule they set themselves (``?v=``) stays."""

    def __init__(self, request):
        super().__init__(request)
        self._rule = cache_rule(request.path) if request.method in ("GET", "HEAD") else None

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if self._rule and status_code in (200, 304) and headers.get("Cache-Control", "no-cache") == "no-cache":
            headers["Cache-Control"] = self._rule
        return status_code, headers, chunk


class StaticGzip(GZipContentEncoding):
    """tornado's gzip, except that a static file (an answer with an ETag) is compressed once and kept.

    Every phone's first visit fetches the same files; compressing them anew
    for each phone cost the server about 0.5 s of CPU a visit. Kept by path
    and ETag (a changed file has a new ETag), up to :attr:`MAX_KEPT` bytes;
    past that the least recently used go.
    """

    MAX_KEPT = 64 * 2**20
    _kept: typing.ClassVar[OrderedDict] = OrderedDict()  # (path, etag) -> gzipped body

    def __init__(self, request):
        super().__init__(request)
        self._path = request.path if request.method == "GET" else None
        self._key: tuple[str, str] | None = None
        self._parts: list[bytes] = []
        self._from_kept = False

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        etag = headers.get("Etag")
        key = (self._path, etag) if self._gzipping and self._path and etag and status_code == 200 else None
        kept = self._kept.get(key) if key else None
        if kept is not None:
            self._kept.move_to_end(key)
            self._from_kept = True
            headers["Vary"] = f"{headers['Vary']}, Accept-Encoding" if "Vary" in headers else "Accept-Encoding"
            headers["Content-Encoding"] = "gzip"
            headers["Content-Length"] = str(len(kept))
            return status_code, headers, kept
        status_code, headers, chunk = super().transform_first_chunk(status_code, headers, chunk, finishing)
        if key and self._gzipping:
            self._key = key
            self._collect(chunk, finishing)
        return status_code, headers, chunk

    def transform_chunk(self, chunk, finishing):
        if self._from_kept:
            return b""  # the whole compressed file went out with the first chunk
        chunk = super().transform_chunk(chunk, finishing)
        if self._key:
            self._collect(chunk, finishing)
        return chunk

    def _collect(self, chunk: bytes, finishing: bool) -> None:
        self._parts.append(chunk)
        if finishing:
            body = b"".join(self._parts)
            if len(body) <= self.MAX_KEPT:
                self._kept[self._key] = body
                while sum(map(len, self._kept.values())) > self.MAX_KEPT:
                    self._kept.popitem(last=False)


#: The request header that carries the verified device id to a page's kernel (see launch.py).
DEVICE_HEADER = "X-Samskaping-Device"
#: The organisation whose staff opened a staff page (from the signed staff cookie), for the page's kernel.
ORGANISATION_HEADER = "X-Samskaping-Organisation"


def organisation_secrets() -> dict[str, dict]:
    """The staff secret hashes of the organisations besides the default one (read at each login and page)."""
    global _SECRETS_STORE
    if _SECRETS_STORE is None:
        _SECRETS_STORE = open_store(default_data_dir())
    return _SECRETS_STORE.organisations.secrets()


_SECRETS_STORE = None
_DEVICE_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")

#: The kit's accessibility script, served from server/static/.
A11Y_SCRIPT = "samskaping/a11y.js"


def _with_script(chunk: str, script: str) -> str:
    """The page with the kit's script before ``</head>``.

    >>> _with_script('<html lang="nb"><head></head>', "/samskaping/a11y.js")
    '<html lang="nb"><head><script src="/samskaping/a11y.js" defer></script></head>'
    """
    return chunk.replace("</head>", f'<script src="{html.escape(script)}" defer></script></head>', 1)


_LOADING_TEXT = re.compile(r'(<h2 id="loading_text">)[^<]*(</h2>)')
_CDN_STYLESHEET = re.compile(r'<link rel="stylesheet" href="https://cdn\.jsdelivr\.net/[^"]*"[^>]*>\s*')


class _PageKernels:
    """The kernel manager as a page handler sees it: tells the handler which kernel its page got.

    Voilà's handler keeps the kernel id to itself; it gets it from exactly
    these two calls (a pool kernel, or a new one).
    """

    def __init__(self, manager, got_kernel):
        self._manager, self._got_kernel = manager, got_kernel

    def __getattr__(self, name):
        return getattr(self._manager, name)

    async def get_rendered_notebook(self, *args, **kwargs):
        result = await self._manager.get_rendered_notebook(*args, **kwargs)
        self._got_kernel(result[2])
        return result

    async def start_kernel(self, *args, **kwargs):
        kernel_id = await ensure_async(self._manager.start_kernel(*args, **kwargs))
        self._got_kernel(kernel_id)
        return kernel_id


class PageHandler(TornadoVoilaHandler):
    """Voilà's page handler, plus the ``_xsrf`` cookie and the caps on open pages (all, and per address)."""

    def initialize(self, limits: SamskapingLimits, bundle: ChunkBundle | None = None, **kwargs):
        self.limits = limits
        self.bundle = bundle
        super().initialize(**kwargs)

    @property
    def kernel_manager(self):
        """Voilà's kernel manager, telling :attr:`limits` which kernel this page got (for the per-address cap)."""
        return _PageKernels(super().kernel_manager, functools.partial(self.limits.page_kernel, self))

    async def prepare(self, *args, **kwargs):
        await ensure_async(super().prepare(*args, **kwargs))
        if self._finished:
            return
        self.xsrf_token  # noqa: B018 - read for its side effect: sets the _xsrf cookie
        organisation = ""
        if self._notebook() != PARTICIPANT_NOTEBOOK:
            organisation = staff_organisation(default_data_dir(), self.get_secure_cookie(STAFF_COOKIE, max_age_days=1),
                                              organisation_secrets())
            if organisation is None:
                login = url_path_join(self.base_url, LOGIN_PATH)
                self.redirect(f"{login}?{urlencode({'neste': self.request.uri})}")
                return
        # The page's kernel learns whose staff opened it from the server, never from a client's header.
        self.request.headers[ORGANISATION_HEADER] = organisation
        if self.request.method != "GET":
            return
        self._tell_kernel_the_device()
        reason = self.limits.refusal(
            self, self.kernel_manager, participant_page=self._notebook() == PARTICIPANT_NOTEBOOK,
            address=self.request.remote_ip,
        )
        if reason:
            self._refuse(reason)
            return
        self._wait_for_a_warm_kernel()

    def _tell_kernel_the_device(self) -> None:
        """Give this browser its device id (once) and hand the id, never a client's header, to the page's kernel.

        Voilà passes the ``X-Samskaping-Device`` request header to the kernel
        (``http_header_envs``); whatever a client sends under that name is
        replaced by the id from the signed cookie, so a page cannot pose as
        another device.
        """
        raw = self.get_secure_cookie(DEVICE_COOKIE, max_age_days=DEVICE_DAYS)
        device = raw.decode("ascii", "replace") if raw else ""
        if not _DEVICE_ID.fullmatch(device):
            device = secrets.token_urlsafe(16)
            self.set_secure_cookie(DEVICE_COOKIE, device, expires_days=DEVICE_DAYS, httponly=True, samesite="Lax",
                                   secure=self.request.protocol == "https")
        self.request.headers[DEVICE_HEADER] = device

    def _wait_for_a_warm_kernel(self) -> None:
        """While every warm participant kernel is taken, a phone gets "Et øyeblikk …" and comes back by itself.

        Given a kernel that is still starting, the page would stay blank for
        seconds with nothing to say why. At most :data:`WAIT_ROUNDS` rounds
        (counted in ``vent=`` of the address, which the page's script removes),
        then Voilà's own way: a kernel of the page's own.
        """
        if self._notebook() != PARTICIPANT_NOTEBOOK:
            return
        if warm_kernel_waiting(self.kernel_manager, PARTICIPANT_NOTEBOOK) is not False:
            return
        rounds = self.get_query_argument("vent", "0")
        rounds = int(rounds) if rounds.isdigit() else 0
        if rounds >= WAIT_ROUNDS:
            return
        query = [(key, value) for key, value in parse_qsl(self.request.query) if key != "vent"]
        url = f"{self.request.path}?{urlencode([*query, ('vent', str(rounds + 1))])}"
        self.set_status(503)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Retry-After", str(WAIT_SECONDS))
        self.finish(waiting_page(choose_lang(self.get_query_argument("lang", "")), WAIT_SECONDS, url))

    def _refuse(self, reason: str) -> None:
        """Answer "full right now" or "too many pages on this device" (HTTP 503) without starting a kernel;
        the page retries by itself."""
        self.set_status(503)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Retry-After", str(RETRY_SECONDS))
        self.finish(full_page(choose_lang(self.get_query_argument("lang", "")), RETRY_SECONDS, reason=reason))

    def _notebook(self) -> str:
        """The requested notebook relative to the notebook folder (``a/../deltaker.ipynb`` is the participant page)."""
        path = self.notebook_path or (self.path_args[0] if self.path_args else "")
        root = os.path.abspath(self.contents_manager.root_dir)
        return os.path.relpath(os.path.normpath(os.path.join(root, path.lstrip("/"))), root)

    def write(self, chunk):
        if isinstance(chunk, str):
            # Voilà's lab template links Font Awesome from a CDN, which voila.js already bundles. A phone
            # in the room should fetch nothing from the internet: that tells a third party who is at the
            # workshop, and on a venue without internet the stylesheet holds the page up.
            if "cdn.jsdelivr.net" in chunk:
                chunk = _CDN_STYLESHEET.sub("", chunk)
            # The kit's script: messages as live regions, the page's language (see server/static/a11y.js).
            if "</head>" in chunk:
                chunk = _with_script(chunk, url_path_join(self.base_url, A11Y_SCRIPT))
            # A phone fetches Voilà's script chunks as one file (server/bundle.py), not seventy.
            if self.bundle and self._notebook() == PARTICIPANT_NOTEBOOK:
                chunk = with_bundle(chunk, url_path_join(self.base_url, "samskaping", self.bundle.name))
            # Voilà's spinner says "Running deltaker..." in English: say "Et øyeblikk …" in the page's language.
            if "loading_text" in chunk:
                waiting = html.escape(t("security.wait.title", choose_lang(self.get_query_argument("lang", ""))))
                chunk = _LOADING_TEXT.sub(lambda m: m.group(1) + waiting + m.group(2), chunk)
        return super().write(chunk)

    def flush(self, *args, **kwargs):
        # The first bytes of a page go out once its kernel exists; from then on the kernel counts.
        self.limits.opened(self)
        return super().flush(*args, **kwargs)

    def on_connection_close(self):
        self.limits.opened(self)
        super().on_connection_close()

    def on_finish(self):
        self.limits.opened(self)
        super().on_finish()


def _refuse_socket(handler: web.RequestHandler, reason: str) -> None:
    """Answer a websocket request with the status for ``reason``, before any upgrade; counted, not logged."""
    REFUSALS.note(_SOCKET_REFUSED[reason])
    handler.counted_refusal = True
    handler.set_status(SOCKET_STATUS[reason])
    if SOCKET_STATUS[reason] == 503:
        handler.set_header("Retry-After", str(RETRY_SECONDS))
    handler.finish()


class PageSocketHandler(VoilaKernelWebsocketHandler):
    """The kernel websocket (``/api/kernels/<id>/channels``), within the caps on websockets.

    Counted from before the upgrade until the socket is closed (tornado's
    ``get`` lasts as long as the socket); a refused one gets HTTP 429 or 503
    and never reaches the kernel.
    """

    async def get(self, kernel_id: str):
        limits: SamskapingLimits = self.settings["samskaping_limits"]
        reason = limits.socket_refusal(self, kernel_id, self.request.remote_ip)
        if reason:
            _refuse_socket(self, reason)
            return
        try:
            await super().get(kernel_id=kernel_id)
        finally:
            limits.socket_closed(self)


class RequestSocketHandler(RequestInfoSocketHandler):
    """Voilà's request socket (``/voila/query/<kernel>``): a warm kernel asks it for its page's address.

    Only the kernels, on this machine, need it: any other address gets 403,
    and each kernel may have one open at a time (Voilà keeps one waiter per
    kernel and would mix up two).
    """

    async def get(self, kernel_id: str):
        if not is_loopback(self.request.remote_ip):
            REFUSALS.note("request socket refused: asked from another machine")
            self.counted_refusal = True
            self.set_status(403)
            self.finish()
            return
        limits: SamskapingLimits = self.settings["samskaping_limits"]
        reason = limits.socket_refusal(self, f"query:{kernel_id}", None, per_page=1, device=False)
        if reason:
            _refuse_socket(self, reason)
            return
        try:
            await super().get(kernel_id=kernel_id)
        finally:
            limits.socket_closed(self)


class BundleHandler(web.RequestHandler):
    """The participant page's script chunks as one file (:mod:`samskaping.server.bundle`), from memory.

    Named by its content, so a phone keeps it a year (:func:`cache_rule`) and asks again only
    after an upgrade; the ETag answers a re-check with 304, and it is gzipped once (:class:`StaticGzip`).
    """

    def initialize(self, bundle: ChunkBundle | None):
        self.bundle = bundle

    def compute_etag(self) -> str | None:
        return f'"{self.bundle.name}"' if self.bundle else None

    def get(self, name: str) -> None:
        if self.bundle is None or name != self.bundle.name:
            raise web.HTTPError(404)
        self.set_header("Content-Type", "application/javascript; charset=UTF-8")
        self.write(self.bundle.body)


class HostRefusedHandler(web.RequestHandler):
    """Every request that names a host this server does not answer to: 403 and a short page, nothing else.

    Counted, not logged one by one; no XSRF check first (which would log a
    line of its own); any method.
    """

    counted_refusal = True

    def check_xsrf_cookie(self) -> None:
        return None

    def log_exception(self, typ, value, tb) -> None:
        return None

    def prepare(self):
        REFUSALS.note("request refused: it named a host this server does not answer to")
        self.set_status(403)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        lang = choose_lang(self.get_query_argument("lang", "") if self.request.method == "GET" else "")
        self.finish(host_page(lang) if self.request.method != "HEAD" else None)


class _ForeignHost(Matcher):
    """Matches a request whose ``Host`` the limits do not allow (routed to :class:`HostRefusedHandler`)."""

    def __init__(self, limits: SamskapingLimits):
        self.limits = limits

    def match(self, request):
        return None if self.limits.host_allowed(request.host) else {}


class GuardedHTTPServer(HTTPServer):
    """tornado's HTTP server, with a cap on connections per remote address and an accept that survives a
    full file table (:func:`~samskaping.server.security.add_guarded_accept_handler`).

    A device past ``max_connections_per_address`` open connections has its
    next one closed at once (counted). A connection upgraded to a websocket
    leaves this count (tornado detaches it) and counts as a websocket instead.
    """

    def initialize(self, *args, limits: SamskapingLimits | None = None, **kwargs):
        super().initialize(*args, **kwargs)
        self.limits = limits or SamskapingLimits()
        self.behind_proxy = bool(kwargs.get("xheaders"))  # then every connection is the proxy's: not capped here
        self._per_address: Counter = Counter()
        self._address_of: dict = {}

    def add_sockets(self, sockets) -> None:
        for sock in sockets:
            self._sockets[sock.fileno()] = sock
            self._handlers[sock.fileno()] = add_guarded_accept_handler(sock, self._handle_connection)

    def handle_stream(self, stream, address) -> None:
        ip = address[0] if isinstance(address, tuple) and address else None
        if not self.behind_proxy and not self.limits.connection_allowed(ip, self._per_address[ip]):
            REFUSALS.note("connection closed: the device has as many open as it may")
            stream.close()
            return
        before = set(self._connections)
        super().handle_stream(stream, address)
        for connection in self._connections - before:
            self._address_of[connection] = ip
            self._per_address[ip] += 1

    def on_close(self, server_conn) -> None:
        if server_conn in self._address_of:
            ip = self._address_of.pop(server_conn)
            self._per_address[ip] -= 1
            if self._per_address[ip] <= 0:
                del self._per_address[ip]
        super().on_close(server_conn)


class SamskapingVoila(Voila):
    """Voilà with the kit's handlers, kernel channel, log and optional https (see the module docstring)."""

    classes = [*Voila.classes, SamskapingLimits, SamskapingRoom]

    certfile = Unicode("", help="PEM certificate: serve https instead of http.").tag(config=True)
    keyfile = Unicode("", help="PEM private key of certfile (empty: the key is in certfile).").tag(config=True)
    behind_proxy = Bool(False, help="Trust X-Forwarded-For from the proxy in front (serve --behind-proxy).").tag(
        config=True)

    @default("cookie_secret")
    def _kept_cookie_secret(self) -> bytes:
        """The data folder's cookie key (:func:`~samskaping.server.access.cookie_key`), not a new one per start."""
        return cookie_key(default_data_dir())

    def initialize(self, argv=None):
        super().initialize(argv)
        self.limits = SamskapingLimits(parent=self)
        self.room = SamskapingRoom(max_pages=self.limits.max_pages, parent=self)
        self.voila_configuration.allow_template_override = "NO"
        self.voila_configuration.allow_theme_override = "NO"
        install_query_free_logging(self.log)
        REFUSALS.logger = self.log
        self._raise_fd_limit()

    def _raise_fd_limit(self) -> None:
        """As many open files as the system lets this process have (kernels and websockets hold several each)."""
        limits = raise_fd_limit()
        if limits is None:
            return
        soft = limits[0]
        self.log.info("Open files: up to %s.", soft)
        room = (soft - self.limits.fd_headroom) // FDS_PER_SOCKET if soft >= 0 else None
        if room is not None and room < self.limits.max_sockets:
            self.log.warning(
                "This process may open only %d files: at most about %d websockets fit (max_sockets is %d). "
                "Raise the hard limit (ulimit -Hn) for a big room.", soft, max(room, 0), self.limits.max_sockets,
            )

    def ssl_context(self) -> ssl.SSLContext | None:
        """The server's TLS context from ``certfile``/``keyfile``, or ``None`` for plain http."""
        if not self.certfile:
            return None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.certfile, self.keyfile or None)
        return context

    def listen(self):
        # Voilà's listen() calls app.listen(port, ip) with no way to choose the server or add ssl_options.
        self.app.listen = functools.partial(self._listen_guarded, ssl_options=self.ssl_context())
        # Before every other route: a request naming another host gets 403, whatever it asks for.
        self.app.default_router.rules.insert(0, Rule(_ForeignHost(self.limits), HostRefusedHandler))
        PeriodicCallback(self._tend_room, TEND_SECONDS * 1000).start()  # runs once listen() starts the loop
        PeriodicCallback(REFUSALS.flush, SUMMARY_CHECK_SECONDS * 1000).start()
        super().listen()

    def _listen_guarded(self, port: int, address: str | None = None, *, ssl_options=None) -> GuardedHTTPServer:
        # A connection that sends no complete request headers for this long is closed (slow clients hold none).
        # Behind a proxy every request comes from the proxy: the address that counts (per-address
        # limits, "only this machine") is the one the proxy adds last to X-Forwarded-For.
        server = GuardedHTTPServer(self.app, ssl_options=ssl_options, limits=self.limits,
                                   idle_connection_timeout=IDLE_CONNECTION_SECONDS, xheaders=self.behind_proxy)
        server.listen(port, address=address)
        return server

    def stop(self):
        REFUSALS.flush(force=True)  # what was counted since the last summary
        super().stop()

    def _tend_room(self) -> None:
        """Keep the participant pool as big as the room needs (server/warm.py), from ``--room`` and the store."""
        try:
            if self._store is None:
                self._store = open_store(default_data_dir())
            self.room.tend(self.kernel_manager, self._store.room.expected_now())
        except Exception:  # noqa: BLE001 - the pages go on with the pool they have; the next round tries again
            self.log.warning("Could not size the pool of warm pages for the room.", exc_info=True)

    _store = None

    def _url(self, ip):
        url = super()._url(ip)
        return "https" + url.removeprefix("http") if self.certfile and url.startswith("http:") else url

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["kernel_websocket_connection_class"] = PageChannelsConnection
        settings["samskaping_limits"] = self.limits  # for the socket handlers
        settings["log_function"] = log_request
        settings["transforms"] = [CacheStatic, StaticGzip]
        return settings

    def init_handlers(self) -> list:
        handlers = []
        bundle = build_bundle(self.static_paths, chunk_ids())
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if handler in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                continue
            if handler is TornadoVoilaHandler:
                spec = (pattern, PageHandler, {**spec[2], "limits": self.limits, "bundle": bundle})
            elif handler is VoilaKernelWebsocketHandler:
                spec = (pattern, PageSocketHandler, *spec[2:])
            elif handler is RequestInfoSocketHandler:
                spec = (pattern, RequestSocketHandler, *spec[2:])
            handlers.append(spec)
        handlers.insert(0, (url_path_join(self.server_url, LOGIN_PATH), StaffLoginHandler, {"limits": self.limits}))
        handlers.insert(0, (url_path_join(self.server_url, "samskaping/(voila-chunks\\.[0-9a-f]{16}\\.js)"),
                            BundleHandler, {"bundle": bundle}))
        handlers.insert(0, (url_path_join(self.server_url, "samskaping/(a11y\\.js)"), web.StaticFileHandler,
                            {"path": str(Path(__file__).parent / "static")}))
        if not self.notebook_path:
            participant = url_path_join(self.server_url, "voila/render", PARTICIPANT_NOTEBOOK)
            handlers.insert(0, (self.server_url, web.RedirectHandler, {"url": participant, "permanent": False}))
        return handlers


def main(argv: list[str] | None = None) -> None:
    # serve passes the per-notebook pool sizes as one JSON dict, which traitlets warns about.
    warnings.filterwarnings("ignore", message=".*for dict-traits is deprecated", category=DeprecationWarning)
    SamskapingVoila.launch_instance(argv=argv)


if __name__ == "__main__":
    main(sys.argv[1:])
