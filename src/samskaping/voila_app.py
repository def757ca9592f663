"""Voilà as ``samskaping serve`` runs it: ``python -m samskaping.voila_app NOTEBOOKS ...``.

On a venue's wifi everyone in the room can reach the server, so this is
Voilà 0.5 with what a room needs on top (the rules live in
:mod:`samskaping.security`):

- **The page's shutdown passes XSRF.** When a page closes, its front end
  posts to ``/voila/api/shutdown/<kernel>`` with the ``_xsrf`` value read
  from the ``_xsrf`` cookie, but Voilà never sets that cookie, so every
  closed page used to leave a 55-105 MB kernel behind. The page request sets
  it (tornado does so when ``xsrf_token`` is read); the XSRF check itself is
  unchanged, so a cross-site page still cannot read the cookie and is refused.
- **Pages talk only to their widgets** over the kernel websocket
  (:class:`~samskaping.security.PageChannelsConnection`).
- **A cap on open pages** (``--SamskapingLimits.max_pages=N`` or
  ``SAMSKAPING_MAX_PAGES``, default 120): past it a page request gets a
  short "full right now" page (HTTP 503) instead of a new kernel.
- **No notebook listing.** ``/`` sends people to the participant page; the
  tree (``/voila/tree``) and the contents API (``/voila/api/contents``) are
  gone; ``?template=`` and ``?theme=`` are ignored.
- **No query strings in the log** (join codes, tokens).
- **Staff pages need the facilitator secret.** Every page but the
  participant page redirects to ``/samskaping/logg-inn`` unless the browser
  has the signed staff cookie that entering the secret sets (HttpOnly,
  SameSite=Strict, one day); no kernel starts before that.
"""

from __future__ import annotations

import html
import os
import sys
import warnings
from urllib.parse import urlencode

from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from .access import check_secret
from .messages import choose_lang, t
from .security import (
    RETRY_SECONDS,
    PageChannelsConnection,
    SamskapingLimits,
    full_page,
    install_query_free_logging,
    log_request,
)
from .server import PARTICIPANT_NOTEBOOK
from .store import default_data_dir

__all__ = ["SamskapingVoila", "PageHandler", "StaffLoginHandler", "main"]

STAFF_COOKIE = "samskaping_staff"
LOGIN_PATH = "samskaping/logg-inn"


class StaffLoginHandler(JupyterHandler):
    """The facilitator secret form; a right secret sets the signed staff cookie and goes on to the page."""

    def get(self):
        self._form()

    def post(self):  # JupyterHandler checks the _xsrf form field first
        target = self._next()
        if check_secret(default_data_dir(), self.get_body_argument("nokkel", "")):
            self.set_secure_cookie(STAFF_COOKIE, "1", expires_days=1, httponly=True, samesite="Strict")
            self.redirect(target)
            return
        self.set_status(403)
        self._form(error=True)

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
            '<!doctype html><html lang="no"><head><meta charset="utf-8">'
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


class PageHandler(TornadoVoilaHandler):
    """Voilà's page handler, plus the ``_xsrf`` cookie and the cap on open pages."""

    def initialize(self, limits: SamskapingLimits, **kwargs):
        self.limits = limits
        super().initialize(**kwargs)

    async def prepare(self, *args, **kwargs):
        await ensure_async(super().prepare(*args, **kwargs))
        if self._finished:
            return
        self.xsrf_token  # noqa: B018 - read for its side effect: sets the _xsrf cookie
        if self._notebook() != PARTICIPANT_NOTEBOOK and not self.get_secure_cookie(STAFF_COOKIE, max_age_days=1):
            login = url_path_join(self.base_url, LOGIN_PATH)
            self.redirect(f"{login}?{urlencode({'neste': self.request.uri})}")
            return
        if self.request.method == "GET" and not self.limits.admit(
            self, self.kernel_manager, participant_page=self._notebook() == PARTICIPANT_NOTEBOOK
        ):
            self._refuse()

    def _refuse(self) -> None:
        """Answer "full right now" (HTTP 503) without starting a kernel; the page retries by itself."""
        self.set_status(503)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Retry-After", str(RETRY_SECONDS))
        self.finish(full_page(choose_lang(self.get_query_argument("lang", "")), RETRY_SECONDS))

    def _notebook(self) -> str:
        """The requested notebook relative to the notebook folder (``a/../deltaker.ipynb`` is the participant page)."""
        path = self.notebook_path or (self.path_args[0] if self.path_args else "")
        root = os.path.abspath(self.contents_manager.root_dir)
        return os.path.relpath(os.path.normpath(os.path.join(root, path.lstrip("/"))), root)

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


class SamskapingVoila(Voila):
    """Voilà with the kit's handlers, kernel channel and log (see the module docstring)."""

    classes = [*Voila.classes, SamskapingLimits]

    def initialize(self, argv=None):
        super().initialize(argv)
        self.limits = SamskapingLimits(parent=self)
        self.voila_configuration.allow_template_override = "NO"
        self.voila_configuration.allow_theme_override = "NO"
        install_query_free_logging(self.log)

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["kernel_websocket_connection_class"] = PageChannelsConnection
        settings["log_function"] = log_request
        return settings

    def init_handlers(self) -> list:
        handlers = []
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if handler in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                continue
            if handler is TornadoVoilaHandler:
                spec = (pattern, PageHandler, {**spec[2], "limits": self.limits})
            handlers.append(spec)
        handlers.insert(0, (url_path_join(self.server_url, LOGIN_PATH), StaffLoginHandler))
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
