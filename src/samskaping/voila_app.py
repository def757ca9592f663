"""Voilà as ``samskaping serve`` runs it: ``python -m samskaping.voila_app NOTEBOOKS ...``.

One fix on top of Voilà 0.5: when a page closes, its front end posts to
``/voila/api/shutdown/<kernel>`` with the ``_xsrf`` value read from the
``_xsrf`` cookie, but Voilà never sets that cookie, so the post fails the
XSRF check and every closed page leaves a 55-105 MB kernel behind. Here the
page request sets the cookie (tornado does so when ``xsrf_token`` is read),
so the page's own shutdown passes the unchanged XSRF check; a cross-site
page still cannot read the cookie and is still refused.
"""

from __future__ import annotations

import sys
import warnings

from voila.app import Voila
from voila.handler import VoilaHandler

__all__ = ["main"]

_voila_prepare = VoilaHandler.prepare


async def _prepare_with_xsrf_cookie(self, *args, **kwargs):
    result = _voila_prepare(self, *args, **kwargs)
    if result is not None:
        await result
    self.xsrf_token  # noqa: B018 - read for its side effect: sets the _xsrf cookie


def main(argv: list[str] | None = None) -> None:
    # serve passes the per-notebook pool sizes as one JSON dict, which traitlets warns about.
    warnings.filterwarnings("ignore", message=".*for dict-traits is deprecated", category=DeprecationWarning)
    VoilaHandler.prepare = _prepare_with_xsrf_cookie
    Voila.launch_instance(argv=argv)


if __name__ == "__main__":
    main(sys.argv[1:])
